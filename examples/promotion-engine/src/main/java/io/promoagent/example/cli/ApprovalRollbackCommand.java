package io.promoagent.example.cli;

import io.promoagent.core.reply.ReplyJson;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code approvals rollback ID}: proposes the rollback of an applied change on a running server
 * ({@code POST /api/change-sets/ID/rollback}); the rollback is a new proposal that another approver decides.
 * ID is the applied approval's id or its change set's, whole or a unique start of at least 8 characters.
 */
public final class ApprovalRollbackCommand implements Command {

    private static final String DEMO_USER = "marketer";

    private final Map<String, String> environment;

    public ApprovalRollbackCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "approvals rollback";
    }

    @Override
    public String summary() {
        return "Propose the rollback of an applied change on a running server; another approver decides it";
    }

    @Override
    public String synopsis() {
        return "ID [--json] [--url URL] [--key KEY]";
    }

    @Override
    public String help() {
        List<String> lines = new ArrayList<>(List.of(
                "Usage: promo-agent " + name() + " " + synopsis(),
                summary() + ".",
                "ID is the applied approval's id or its change set's, or the first 8 or more characters of either.",
                "",
                "  --json               print the server's reply as JSON, as the WebSocket's reply message holds it"));
        lines.addAll(AgentServerClient.help(DEMO_USER));
        lines.add("Exit code 1 when the server refuses the rollback; the message says why.");
        lines.add("");
        return String.join("\n", lines);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, AgentServerClient.options(), Set.of("--json", "--help"), 1);
        if (arguments.hasFlag("--help")) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        if (arguments.positionals().isEmpty() || arguments.positionals().get(0).isBlank()) {
            throw new UsageException("which change? give the applied approval's id or its first 8 characters");
        }
        String id = arguments.positionals().get(0);
        AgentServerClient server = AgentServerClient.of(arguments, environment, DEMO_USER);
        return server.postForReply("/api/change-sets/" + AgentServerClient.segment(id) + "/rollback",
                ReplyJson.mapper().createObjectNode(), arguments.hasFlag("--json"), "promo-agent: cannot roll back " + id + ": ",
                out, err);
    }
}
