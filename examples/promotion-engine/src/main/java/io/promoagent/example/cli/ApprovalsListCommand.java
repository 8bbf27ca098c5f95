package io.promoagent.example.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.reply.ReplyJson;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code approvals list}: the approvals a running server holds, as a table or as JSON. */
public final class ApprovalsListCommand implements Command {

    private static final String DEMO_USER = "analyst";
    private static final List<String> STATUSES = Arrays.stream(ApprovalStatus.values()).map(ApprovalStatus::jsonName).toList();
    private static final List<String> COLUMNS = List.of("approval", "status", "tool", "proposer", "affected", "created",
            "expires", "summary");

    private final Map<String, String> environment;

    /** @param environment where {@code PROMO_AGENT_KEY} is looked up */
    public ApprovalsListCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return "approvals list";
    }

    @Override
    public String summary() {
        return "List the approvals of a running server: pending proposals and past decisions";
    }

    @Override
    public String synopsis() {
        return "[--status STATUS] [--json] [--url URL] [--key KEY]";
    }

    @Override
    public String help() {
        List<String> lines = new ArrayList<>(List.of(
                "Usage: promo-agent " + name() + " " + synopsis(),
                summary() + ", oldest first.",
                "",
                "  --status STATUS      only approvals in this state: " + String.join(", ", STATUSES),
                "  --json               print the server's JSON (GET /api/approvals), one array on one line"));
        lines.addAll(AgentServerClient.help(DEMO_USER));
        lines.add("");
        return String.join("\n", lines);
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
        CommandArguments arguments = CommandArguments.parse(args, AgentServerClient.options("--status"),
                Set.of("--json", "--help"));
        if (arguments.hasFlag("--help")) {
            out.print(help());
            return PromoAgentCli.EXIT_SUCCESS;
        }
        Optional<String> status = arguments.value("--status");
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw new UsageException("--status must be one of " + String.join(", ", STATUSES) + ", got '"
                    + status.get() + "'");
        }
        AgentServerClient server = AgentServerClient.of(arguments, environment, DEMO_USER);
        JsonNode approvals;
        try {
            approvals = server.get("/api/approvals");
            if (!approvals.isArray()) {
                throw new ServerRequestException("the server at " + server.url() + " answered GET /api/approvals"
                        + " with something other than a list of approvals");
            }
        } catch (ServerRequestException e) {
            err.println("promo-agent: " + e.getMessage());
            return PromoAgentCli.EXIT_FAILURE;
        }
        ArrayNode shown = ReplyJson.mapper().createArrayNode();
        for (JsonNode a : approvals) {
            if (status.isEmpty() || status.get().equals(a.path("status").asText())) {
                shown.add(a);
            }
        }
        if (arguments.hasFlag("--json")) {
            out.println(ReplyJson.writeTree(shown));
        } else {
            out.print(table(shown, status));
        }
        return PromoAgentCli.EXIT_SUCCESS;
    }

    private static String table(ArrayNode approvals, Optional<String> status) {
        String what = status.map(s -> s + " approvals").orElse("approvals");
        if (approvals.isEmpty()) {
            return "No " + what + ".\n";
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode a : approvals) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("approval", a.path("approvalId").asText());
            row.put("status", a.path("status").asText());
            row.put("tool", a.path("tool").asText());
            row.put("proposer", a.path("requester").asText());
            row.put("affected", a.path("affectedCount").asText());
            row.put("created", a.path("createdAt").asText());
            // an expiry means something only while a decision is awaited
            row.put("expires", a.path("status").asText().equals("pending") ? a.path("expiresAt").asText() : "");
            row.put("summary", a.path("summary").asText());
            rows.add(row);
        }
        StringBuilder s = new StringBuilder();
        ReplyText.columns(COLUMNS, rows, s);
        Map<String, Long> byStatus = rows.stream().collect(Collectors.groupingBy(r -> (String) r.get("status"),
                LinkedHashMap::new, Collectors.counting()));
        s.append(rows.size()).append(rows.size() == 1 ? " approval" : " approvals");
        if (status.isEmpty()) {
            s.append(" (").append(byStatus.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", "))).append(')');
        }
        return s.append('\n').toString();
    }
}
