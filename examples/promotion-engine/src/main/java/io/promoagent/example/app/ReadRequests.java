package io.promoagent.example.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.core.policy.RolePolicy;
import io.promoagent.core.query.HeldRead;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.query.ReadEstimate;
import io.promoagent.core.query.ReadHoldException;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableRead;
import io.promoagent.core.reply.Usage;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.planner.OfflinePlanner;
import io.promoagent.schema.AgentException;
import io.promoagent.schema.json.QueryJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What a person asks about reads, apart from asking a question: to confirm a read the guard held (a button
 * on the page, {@code /confirm} on the command line), to explain the query a table came from, and to explain
 * a request before it runs. Confirming is the only way past the guard, and it runs here, never from a tool
 * argument.
 */
final class ReadRequests {

    private final ToolRegistry tools;
    private final ToolExecutor executor;
    private final Orchestrator orchestrator;
    private final Clock realClock;

    ReadRequests(ToolRegistry tools, ToolExecutor executor, Orchestrator orchestrator, Clock realClock) {
        this.tools = tools;
        this.executor = executor;
        this.orchestrator = orchestrator;
        this.realClock = realClock;
    }

    private QueryTool queryTool() {
        return tools.find(QueryTool.NAME).filter(QueryTool.class::isInstance).map(QueryTool.class::cast)
                .orElseThrow(() -> new IllegalStateException("the engine has no query tool"));
    }

    /** Confirms a held read for the person who asked it in {@code sessionId}, and runs it once, as them. */
    Reply confirm(Principal principal, String sessionId, String handle) {
        try {
            HeldRead held = queryTool().guard().confirm(handle, principal, sessionId);
            // through the executor: policy and audit apply as to any call, and the guard lets it pass once
            ToolResult result = executor.execute(held.call(),
                    new ToolContext(principal, sessionId, UUID.randomUUID().toString(), realClock));
            List<Block> blocks = new ArrayList<>(result.blocks());
            if (!result.isSuccess()) {
                result.errorBlock().ifPresent(blocks::add);
            }
            return new Reply("Confirmed. " + sentence(result.summary()), blocks, Usage.NONE);
        } catch (ReadHoldException e) {
            return Reply.error(e.code(), e.getMessage(), List.of());
        }
    }

    /** How the query a table came from reads its data, in words, reading no record (audited as {@code read_explained}). */
    Reply explainQuery(Principal principal, String sessionId, JsonNode query) {
        QueryTool tool = queryTool();
        if (!RolePolicy.defaults().decide(principal, tool.descriptor()).allowed()) {
            return denied(principal);
        }
        try {
            ReadEstimate estimate = tool.explain(query, context(principal, sessionId));
            String guard = tool.guard().budget().exceededBy(estimate)
                    .map(why -> "Run again, it would wait for your confirmation: " + why + ".")
                    .orElse("It is within the read budget.");
            return Reply.of(NOTHING_READ + reading(query) + ".\n" + estimate.describe().strip() + "\n" + guard);
        } catch (AgentException e) {
            return Reply.error("not_explained", e.getMessage(), List.of());
        }
    }

    /**
     * How a table computed from several reads reads its data: each read in turn, with what it feeds, its reading
     * and its estimate, then the reads together; reading no record (each audited as {@code read_explained}).
     * The budget is per request, so each read is weighed with the reads before it, as the guard weighs them.
     */
    Reply explainReads(Principal principal, String sessionId, List<TableRead> reads) {
        QueryTool tool = queryTool();
        if (!RolePolicy.defaults().decide(principal, tool.descriptor()).allowed()) {
            return denied(principal);
        }
        ToolContext context = context(principal, sessionId);
        List<ReadEstimate> estimates = new ArrayList<>();
        StringBuilder text = new StringBuilder(NOTHING_READ).append(reads.size() == 1 ? "1 read" : reads.size() + " reads")
                .append(", in the order they were made.\n");
        List<String> over = new ArrayList<>();
        double unitsBefore = 0;
        long rowsBefore = 0;
        for (int i = 0; i < reads.size(); i++) {
            TableRead read = reads.get(i);
            ReadEstimate estimate;
            try {
                estimate = tool.explain(read.query(), context);
            } catch (AgentException e) {
                return Reply.error("not_explained", "read " + (i + 1) + ": " + e.getMessage(), List.of());
            }
            estimates.add(estimate);
            text.append("\nRead ").append(i + 1).append(" of ").append(reads.size())
                    .append(read.purpose().isEmpty() ? "" : ", " + read.purpose()).append(": ")
                    .append(reading(read.query())).append(".\n").append(estimate.describe().strip()).append('\n');
            Optional<String> why = tool.guard().budget().exceededBy(estimate, unitsBefore, rowsBefore);
            int number = i + 1;
            why.ifPresent(w -> over.add("read " + number + ": " + w));
            unitsBefore += estimate.readUnits();
            rowsBefore += estimate.rowsScanned();
        }
        ReadEstimate all = ReadEstimate.together(estimates.get(0).entity(), estimates);
        text.append("\nTogether: ").append(all.summary()).append(".\n")
                .append(over.isEmpty() ? "They are within the read budget."
                        : "Over the read budget of one request: " + String.join("; ", over) + ".");
        return Reply.of(text.toString());
    }

    private static final String NOTHING_READ = "How this table is read (nothing was read to explain it): ";

    /** A query in plain words; only for a query {@link QueryTool#explain} accepted. */
    private static String reading(JsonNode query) {
        return OfflinePlanner.describe(QueryJson.read(query));
    }

    private ToolContext context(Principal principal, String sessionId) {
        return new ToolContext(principal, sessionId, UUID.randomUUID().toString(), realClock);
    }

    private static Reply denied(Principal principal) {
        return Reply.error("denied", principal.id() + " may not read the data", List.of());
    }

    /** How a request would be answered, before it is: what "explain REQUEST" answers. */
    Reply explainRequest(Principal principal, String sessionId, String text) {
        return orchestrator.handle(new AgentRequest("explain " + text, principal, sessionId));
    }

    private static String sentence(String text) {
        if (text.isEmpty()) {
            return text;
        }
        String s = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
