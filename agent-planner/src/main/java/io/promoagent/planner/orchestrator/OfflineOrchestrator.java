package io.promoagent.planner.orchestrator;

import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.ClarificationBlock;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.Usage;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.planner.OfflinePlanner;
import io.promoagent.planner.plan.Clarification;
import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.PlanError;
import io.promoagent.planner.plan.ReadPlan;
import io.promoagent.planner.plan.Refusal;
import io.promoagent.planner.plan.ToolPlan;
import io.promoagent.schema.json.QueryJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.UUID;

/**
 * The orchestrator with no model: the {@link OfflinePlanner} plans, and the plan runs through the same
 * tool chain a model's calls do (policy, audit, approval gate): a read through the query tool, a write or
 * send as a proposal that waits for approval. Questions, errors and refusals are answered as they are.
 */
public final class OfflineOrchestrator implements Orchestrator {

    /** The code of the error block that answers a refusal. */
    public static final String REFUSED = "refused";

    /** How many conversations' last proposals are kept for a what-if. */
    static final int MAX_CONVERSATIONS = 1_000;

    private final OfflinePlanner planner;
    private final ToolExecutor executor;
    private final String queryTool;
    private final Clock clock;
    private final ConfidencePolicy confidencePolicy;
    /**
     * The last proposal of each conversation, for a what-if ("what if 15% instead"); in memory, the most
     * recent conversations only.
     */
    private final Map<String, Proposed> proposals = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Proposed> eldest) {
            return size() > MAX_CONVERSATIONS;
        }
    };

    private OfflineOrchestrator(Builder b) {
        this.planner = b.planner;
        this.executor = b.executor;
        this.queryTool = b.queryTool;
        this.clock = b.clock;
        this.confidencePolicy = b.confidencePolicy != null ? b.confidencePolicy : b.planner.confidencePolicy();
    }

    public static Builder builder(OfflinePlanner planner, ToolExecutor executor) {
        return new Builder(planner, executor);
    }

    public OfflinePlanner planner() {
        return planner;
    }

    /** From which confidence a read is run without a note that it is a guess. */
    public ConfidencePolicy confidencePolicy() {
        return confidencePolicy;
    }

    @Override
    public Reply handle(AgentRequest request) {
        Objects.requireNonNull(request, "request");
        Optional<String> explained = RequestExplanation.asked(request.text());
        if (explained.isPresent()) {
            return explain(new AgentRequest(explained.get(), request.principal(), request.sessionId()));
        }
        Optional<Proposed> last = last(request.sessionId());
        if (last.isPresent()) {
            Optional<Plan> revised = planner.revise(last.get().plan(), request.text());
            if (revised.isPresent()) {
                Reply reply = execute(revised.get(), request);
                if (revised.get() instanceof ToolPlan after) {
                    Optional<ApprovalBlock> second = WhatIf.approval(reply);
                    if (second.isPresent()) {
                        remember(request.sessionId(), after, second.get());
                        return WhatIf.compare(last.get().plan(), last.get().approval(), after, second.get(), reply);
                    }
                }
                return reply;
            }
        }
        // look-ups while planning run as the requester, through the same executor (policy, audit)
        Plan plan = planner.plan(request.text(), context(request));
        if (last.isEmpty() && planner.isRevision(request.text())
                && !(plan instanceof ReadPlan) && !(plan instanceof ToolPlan)) {
            plan = new Clarification("A what-if changes a proposal made just before in this conversation, and there is"
                    + " none. Please say the whole request, for example what to create and for whom.", List.of(), 0.5,
                    "a what-if with no proposal before it");
        }
        Reply reply = execute(plan, request);
        if (plan instanceof ToolPlan call && call.effect().needsApproval()) {
            Optional<ApprovalBlock> approval = WhatIf.approval(reply);
            approval.ifPresent(a -> remember(request.sessionId(), call, a));
            if (approval.isPresent() && planner.asksForPrediction(request.text())) {
                return new Reply("The prediction is in this proposal's preview. Nothing is created or sent unless it"
                        + " is approved; reject it to drop it, or ask \"what if\" with other values to compare. "
                        + reply.text(), reply.blocks(), reply.usage());
            }
        }
        return reply;
    }

    /**
     * How {@code request} would be answered, in words, without answering it: the planner's reading, and for
     * a read the query tool's estimate of every source call (the engine explains, reading no record) and
     * whether the read budget would hold it. Nothing is read, proposed or sent. "explain REQUEST" in
     * {@link #handle} answers with this.
     */
    public Reply explain(AgentRequest request) {
        long start = System.nanoTime();
        Plan plan = planner.plan(request.text(), context(request));
        Reply reply = RequestExplanation.of(plan, request.text(), executor.registry(), queryTool, confidencePolicy);
        return reply.withUsage(new Usage(0, 0, 0, 0, (System.nanoTime() - start) / 1_000_000));
    }

    /** A proposal made in a conversation, that a what-if there changes. */
    private record Proposed(ToolPlan plan, ApprovalBlock approval) {
    }

    private Optional<Proposed> last(String sessionId) {
        synchronized (proposals) {
            return Optional.ofNullable(proposals.get(sessionId));
        }
    }

    private void remember(String sessionId, ToolPlan plan, ApprovalBlock approval) {
        synchronized (proposals) {
            proposals.put(sessionId, new Proposed(plan, approval));
        }
    }

    /** The tools' context of one request: its principal and session, and a new request id. */
    ToolContext context(AgentRequest request) {
        return new ToolContext(request.principal(), request.sessionId(), UUID.randomUUID().toString(), clock);
    }

    /** Carries out a plan made for {@code request}. */
    public Reply execute(Plan plan, AgentRequest request) {
        long start = System.nanoTime();
        ToolContext context = context(request);
        Reply reply;
        int calls = 0;
        if (plan instanceof ReadPlan read) {
            ToolResult result = executor.execute(ToolCall.of(queryTool, QueryJson.toTree(read.query())), context);
            calls = 1;
            String doubt = !confidencePolicy.isSure(read)
                    ? "I am not sure I understood; I read it as: " + OfflinePlanner.describe(read.query()) + ". " : "";
            reply = fromResult(result, doubt);
        } else if (plan instanceof ToolPlan call) {
            ToolResult result = executor.execute(ToolCall.of(call.tool(), call.arguments()), context);
            calls = 1;
            reply = fromResult(result, "");
        } else if (plan instanceof Clarification c) {
            reply = Reply.of(c.message(), new ClarificationBlock(c.message(), c.options()));
        } else if (plan instanceof PlanError e) {
            reply = Reply.of(message(e.message()), new ErrorBlock(e.code(), message(e.message()), e.suggestions()));
        } else {
            Refusal r = (Refusal) plan;
            reply = Reply.of(r.message(), new ErrorBlock(REFUSED, r.message(), List.of()));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return reply.withUsage(new Usage(0, 0, 0, calls, millis));
    }

    private static Reply fromResult(ToolResult result, String prefix) {
        List<Block> blocks = new ArrayList<>(result.blocks());
        if (!result.isSuccess()) {
            result.errorBlock().ifPresent(blocks::add);
        }
        return new Reply(prefix + message(result.summary()), blocks, Usage.NONE);
    }

    private static String message(String text) {
        if (text.isEmpty()) {
            return text;
        }
        String s = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return s.endsWith(".") || s.endsWith("?") ? s : s + ".";
    }

    /** Builds an {@link OfflineOrchestrator}. */
    public static final class Builder {
        private final OfflinePlanner planner;
        private final ToolExecutor executor;
        private String queryTool = QueryTool.NAME;
        private Clock clock = Clock.systemUTC();
        private ConfidencePolicy confidencePolicy;

        private Builder(OfflinePlanner planner, ToolExecutor executor) {
            this.planner = Objects.requireNonNull(planner, "planner");
            this.executor = Objects.requireNonNull(executor, "executor");
        }

        /** The name of the read tool queries run through; {@code query} by default. */
        public Builder queryTool(String name) {
            this.queryTool = Objects.requireNonNull(name, "queryTool");
            return this;
        }

        /** The clock of the tools' context. */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /**
         * Reads planned below its threshold are answered with a note that the reading is a guess; the
         * planner's policy by default.
         */
        public Builder confidencePolicy(ConfidencePolicy policy) {
            this.confidencePolicy = Objects.requireNonNull(policy, "confidencePolicy");
            return this;
        }

        public OfflineOrchestrator build() {
            return new OfflineOrchestrator(this);
        }
    }
}
