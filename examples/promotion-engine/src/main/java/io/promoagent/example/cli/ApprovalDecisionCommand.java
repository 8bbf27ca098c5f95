package io.promoagent.example.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.reply.ReplyJson;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code approvals approve ID} and {@code approvals reject ID}: a decision on a pending change set, made
 * through a running server ({@code POST /api/approvals/ID/approve|reject}), so that the server's approval
 * service checks it exactly as a decision from the page: the approver role, no approving one's own
 * proposal, the expiry, one decision per approval; a refusal is audited there.
 */
public final class ApprovalDecisionCommand implements Command {

    private static final String DEMO_USER = "approver";

    private final boolean approve;
    private final Map<String, String> environment;

    private ApprovalDecisionCommand(boolean approve, Map<String, String> environment) {
        this.approve = approve;
        this.environment = Map.copyOf(environment);
    }

    /** {@code approvals approve}; {@code environment} is where {@code PROMO_AGENT_KEY} is looked up. */
    public static ApprovalDecisionCommand approve(Map<String, String> environment) {
        return new ApprovalDecisionCommand(true, environment);
    }

    /** {@code approvals reject}; {@code environment} is where {@code PROMO_AGENT_KEY} is looked up. */
    public static ApprovalDecisionCommand reject(Map<String, String> environment) {
        return new ApprovalDecisionCommand(false, environment);
    }

    @Override
    public String name() {
        return approve ? "approvals approve" : "approvals reject";
    }

    @Override
    public String summary() {
        return approve
                ? "Approve a pending change set on a running server, which applies it"
                : "Reject a pending change set on a running server; it can never be applied";
    }

    @Override
    public String synopsis() {
        return approve ? "APPROVAL_ID [--reason TEXT] [--json] [--url URL] [--key KEY]"
                : "APPROVAL_ID --reason TEXT [--json] [--url URL] [--key KEY]";
    }

    @Override
    public String help() {
        List<String> lines = new ArrayList<>(List.of(
                "Usage: promo-agent " + name() + " " + synopsis(),
                summary() + ".",
                "The server decides as for the page: the key must be an approver's, who did not propose the change,",
                "and the approval must still be pending. 'promo-agent approvals list' shows the ids.",
                "",
                approve ? "  --reason TEXT        why it is approved, kept in the audit trail (default \"approved\")"
                        : "  --reason TEXT        why it is rejected, kept in the audit trail (required)",
                "  --json               print the server's reply as JSON, as the WebSocket's reply message holds it"));
        lines.addAll(AgentServerClient.help(DEMO_USER));
        lines.add("Exit code 1 when the server refuses the decision; the message says why.");
        lines.add("");
        return String.join("\n", lines);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, AgentServerClient.options("--reason"),
                Set.of("--json", "--help"), 1);
        if (arguments.hasFlag("--help")) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        if (arguments.positionals().isEmpty() || arguments.positionals().get(0).isBlank()) {
            throw new UsageException("which approval? give its id (promo-agent approvals list shows them)");
        }
        String approvalId = arguments.positionals().get(0);
        Optional<String> reason = arguments.value("--reason");
        if (!approve && reason.map(String::isBlank).orElse(true)) {
            throw new UsageException("a rejection needs a reason: --reason TEXT");
        }
        AgentServerClient server = AgentServerClient.of(arguments, environment, DEMO_USER);
        ObjectNode body = ReplyJson.mapper().createObjectNode();
        reason.ifPresent(r -> body.put("reason", r));
        String verb = approve ? "approve" : "reject";
        String refused = "promo-agent: cannot " + verb + " approval " + approvalId + ": ";
        return server.postForReply("/api/approvals/" + AgentServerClient.segment(approvalId) + "/" + verb, body,
                arguments.hasFlag("--json"), refused, out, err);
    }
}
