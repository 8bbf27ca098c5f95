package io.promoagent.example.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.reply.ReplyJson;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code approvals show ID}: one approval from a running server ({@code GET /api/approvals/ID}) as a card: the
 * summary, the counts, the predicted figures, the warnings, how to decide; {@code --details} adds the rest of
 * the preview. ID is the whole id or a unique start of it, at least 8 characters.
 */
public final class ApprovalShowCommand implements Command {

    private static final String DEMO_USER = "approver";

    private final Map<String, String> environment;

    public ApprovalShowCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "approvals show";
    }

    @Override
    public String summary() {
        return "Show one approval on a running server: what it changes, the predicted figures, how to decide";
    }

    @Override
    public String synopsis() {
        return "APPROVAL_ID [--details] [--json] [--url URL] [--key KEY]";
    }

    @Override
    public String help() {
        List<String> lines = new ArrayList<>(List.of(
                "Usage: promo-agent " + name() + " " + synopsis(),
                summary() + ".",
                "APPROVAL_ID is the id 'promo-agent approvals list' shows, or its first 8 or more characters.",
                "",
                "  --details            also the details: comparables, the whole preview, the sample e-mail",
                "  --json               print the server's JSON (GET /api/approvals/ID)"));
        lines.addAll(AgentServerClient.help(DEMO_USER));
        lines.add("");
        return String.join("\n", lines);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, AgentServerClient.options(),
                Set.of("--details", "--json", "--help"), 1);
        if (arguments.hasFlag("--help")) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        if (arguments.positionals().isEmpty() || arguments.positionals().get(0).isBlank()) {
            throw new UsageException("which approval? give its id or its first 8 characters (promo-agent approvals list shows them)");
        }
        String id = arguments.positionals().get(0);
        AgentServerClient server = AgentServerClient.of(arguments, environment, DEMO_USER);
        JsonNode approval;
        try {
            approval = server.get("/api/approvals/" + AgentServerClient.segment(id));
        } catch (ServerRequestException e) {
            err.println("promo-agent: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        }
        out.print(arguments.hasFlag("--json") ? ReplyJson.writeTree(approval) + "\n"
                : ApprovalCardText.render(approval, arguments.hasFlag("--details")));
        return PromoAgentCli.EXIT_SUCCESS;
    }
}
