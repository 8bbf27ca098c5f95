package io.promoagent.planner.orchestrator;

import io.promoagent.core.query.QueryTool;
import io.promoagent.core.query.ReadEstimate;
import io.promoagent.core.reply.ClarificationBlock;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.planner.OfflinePlanner;
import io.promoagent.planner.plan.Clarification;
import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.PlanError;
import io.promoagent.planner.plan.ReadPlan;
import io.promoagent.planner.plan.Refusal;
import io.promoagent.planner.plan.ToolPlan;
import io.promoagent.schema.AgentException;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.Labels;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "explain REQUEST": how a request would be answered, in words, instead of answering it. The request is
 * planned as usual; a read is estimated by the query tool (the engine explains it, reading no record) and
 * described call by call; nothing is run, proposed or sent.
 */
final class RequestExplanation {

    private static final Pattern EXPLAIN = Pattern.compile("(?is)^\\s*explain\\s*:?\\s+(\\S.*)$");

    private RequestExplanation() {
    }

    /** The request that {@code text} asks to explain, when it starts with "explain". */
    static Optional<String> asked(String text) {
        Matcher m = EXPLAIN.matcher(text);
        return m.matches() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    /**
     * The explanation of {@code plan}, made for {@code request}, without carrying it out; a read's explanation
     * is audited as the person's in {@code context}.
     */
    static Reply of(Plan plan, String request, ToolRegistry tools, String queryTool, ConfidencePolicy policy,
                    ToolContext context) {
        String intro = "How I would answer \"" + request + "\" (without running it): ";
        if (plan instanceof ReadPlan read) {
            String reading = (policy.isSure(read) ? "I read it as " : "I am not sure I understood; I read it as ")
                    + OfflinePlanner.describe(read.query()) + ".";
            Optional<QueryTool> query = tools.find(queryTool).filter(QueryTool.class::isInstance).map(QueryTool.class::cast);
            if (query.isEmpty()) {
                return Reply.of(intro + reading);
            }
            try {
                ReadEstimate estimate = query.get().explain(QueryJson.toTree(read.query()), context);
                String guard = query.get().guard().budget().exceededBy(estimate)
                        .map(why -> "\nIt would wait for your confirmation before reading: " + why + ".")
                        .orElse("\nIt is within the read budget, so it would run at once.");
                return Reply.of(intro + reading + "\n" + estimate.describe().strip() + guard);
            } catch (AgentException e) {
                return Reply.of(intro + reading + " It cannot be estimated: " + e.getMessage(),
                        new ErrorBlock("not_explained", e.getMessage(), List.of()));
            }
        }
        if (plan instanceof ToolPlan call) {
            String tool = call.tool();
            String what = call.effect().needsApproval()
                    ? "it would propose a change with " + Labels.readable(tool)
                    + ", which waits for an approver's approval before anything is written or sent"
                    : "it would run " + Labels.readable(tool) + ", which reads through the same engine";
            return Reply.of(intro + what + ".");
        }
        if (plan instanceof Clarification c) {
            return Reply.of("To explain it I need to understand it first. " + c.message(),
                    new ClarificationBlock(c.message(), c.options()));
        }
        if (plan instanceof PlanError e) {
            return Reply.of("To explain it I need to understand it first. " + e.message(),
                    new ErrorBlock(e.code(), e.message(), e.suggestions()));
        }
        Refusal r = (Refusal) plan;
        return Reply.of(r.message(), new ErrorBlock(OfflineOrchestrator.REFUSED, r.message(), List.of()));
    }
}
