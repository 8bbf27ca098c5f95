package io.promoagent.planner.orchestrator;

import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.core.query.QueryTool;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.PreviewBlock;
import io.promoagent.core.reply.ClarificationBlock;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.Usage;
import io.promoagent.core.session.ConversationMemory;
import io.promoagent.core.session.InMemorySessionStore;
import io.promoagent.core.session.SessionLog;
import io.promoagent.core.session.SessionStore;
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
 * send as a proposal that waits for approval, or as its dry run when the request asks what it would do.
 * Questions, errors and refusals are answered as they are. A what-if ("what if 15% instead") changes the
 * conversation's last proposal or dry run, kept in the session store, and compares the two side by side.
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
    /** The last proposal or dry run of each conversation, for a what-if: in the session, so any instance sees it. */
    private final SessionLog sessions;
    /** Write tool to the read tool that predicts it without proposing ("predict how ..."). */
    private final Map<String, String> dryRuns;

    private OfflineOrchestrator(Builder b) {
        this.planner = b.planner;
        this.executor = b.executor;
        this.queryTool = b.queryTool;
        this.clock = b.clock;
        this.confidencePolicy = b.confidencePolicy != null ? b.confidencePolicy : b.planner.confidencePolicy();
        // only the last preview is written here; the conversation's messages are the model's to keep and trim
        this.sessions = new SessionLog(b.sessions, ConversationMemory.none(), b.clock);
        this.dryRuns = Map.copyOf(b.dryRuns);
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
        Optional<Block> last = sessions.lastPreview(request.sessionId());
        Optional<FollowUp> followUp = last.flatMap(b -> followUp(b, request.text()));
        if (followUp.isPresent()) {
            return carryOut(last.get(), followUp.get(), request);
        }
        // look-ups while planning run as the requester, through the same executor (policy, audit)
        Plan plan = planner.plan(request.text(), context(request));
        if (last.isEmpty() && planner.isRevision(request.text())
                && !(plan instanceof ReadPlan) && !(plan instanceof ToolPlan)) {
            plan = new Clarification("A what-if changes a proposal or prediction made just before in this conversation,"
                    + " and there is none. Please say the whole request, for example what to create and for whom.",
                    List.of(), 0.5, "a what-if with no proposal before it");
        }
        return execute(plan, request);
    }

    /**
     * A turn that changes or confirms the conversation's last proposal or dry run.
     *
     * @param plan    what to carry out
     * @param dryRun  whether a write in it is predicted rather than proposed
     * @param compare whether the reply compares it with the last one (a what-if)
     */
    record FollowUp(Plan plan, boolean dryRun, boolean compare) {
    }

    /** The conversation's last proposal or dry run, if it has one. */
    Optional<Block> lastPreview(String sessionId) {
        return sessions.lastPreview(sessionId);
    }

    /**
     * What {@code text} asks of the last proposal or dry run {@code last}: a what-if ("what if 15% instead",
     * predicted again if {@code last} was predicted) or, after a dry run, to propose it as predicted ("create
     * it"); empty when it is neither, and then it is planned as a request of its own.
     */
    Optional<FollowUp> followUp(Block last, String text) {
        String tool = last instanceof ApprovalBlock a ? a.tool() : ((PreviewBlock) last).proposes();
        ToolEffect effect = last instanceof ApprovalBlock a ? a.effect() : ToolEffect.WRITE;
        ObjectNode arguments = WhatIf.arguments(last) instanceof ObjectNode o ? o : QueryJson.mapper().createObjectNode();
        ToolPlan previous = new ToolPlan(tool, effect, arguments, 0.9, "the last " + tool);
        if (last instanceof PreviewBlock && planner.confirms(text)) {
            return Optional.of(new FollowUp(new ToolPlan(tool, effect, previous.arguments(), 0.9,
                    "propose the " + tool + " predicted just before"), false, false));
        }
        return planner.revise(previous, text).map(p -> new FollowUp(p, last instanceof PreviewBlock, true));
    }

    /** Carries out a follow-up of {@code last}: the new proposal or dry run, compared with it for a what-if. */
    Reply carryOut(Block last, FollowUp followUp, AgentRequest request) {
        Reply reply = run(followUp.plan(), request, followUp.dryRun());
        Optional<Block> next = WhatIf.previewed(reply);
        if (followUp.compare() && next.isPresent()) {
            return WhatIf.compare(last, next.get(), reply);
        }
        if (!followUp.compare() && next.isPresent()) {
            return new Reply("Proposed as predicted just before. " + reply.text(), reply.blocks(), reply.usage());
        }
        return reply;
    }

    /**
     * How {@code request} would be answered, in words, without answering it: the planner's reading, and for
     * a read the query tool's estimate of every source call (the engine explains, reading no record) and
     * whether the read budget would hold it. Nothing is read, proposed or sent. "explain REQUEST" in
     * {@link #handle} answers with this. An explained read is audited ({@code read_explained}) through the
     * query tool's guard.
     */
    public Reply explain(AgentRequest request) {
        long start = System.nanoTime();
        Plan plan = planner.plan(request.text(), context(request));
        Reply reply = RequestExplanation.of(plan, request.text(), executor.registry(), queryTool, confidencePolicy,
                context(request));
        return reply.withUsage(new Usage(0, 0, 0, 0, (System.nanoTime() - start) / 1_000_000));
    }

    /** A what-if's reply, made by another orchestrator (a model), compared with the last proposal or dry run. */
    static Reply compared(Block last, Reply reply) {
        return WhatIf.previewed(reply).map(next -> WhatIf.compare(last, next, reply)).orElse(reply);
    }

    /** The tools' context of one request: its principal and session, and a new request id. */
    ToolContext context(AgentRequest request) {
        return new ToolContext(request.principal(), request.sessionId(), UUID.randomUUID().toString(), clock);
    }

    /**
     * Carries out a plan made for {@code request}: a write the request asks to predict ("predict how a 20% VIP
     * discount would perform") runs as its dry run when it has one, proposing nothing.
     */
    public Reply execute(Plan plan, AgentRequest request) {
        boolean predict = planner.asksForPrediction(request.text());
        Reply reply = run(plan, request, predict);
        if (predict && plan instanceof ToolPlan && reply.blocks().stream().anyMatch(b -> b instanceof PreviewBlock)) {
            return new Reply(reply.text() + " This is a prediction only: nothing was proposed or created. Say \"create"
                    + " it\" to propose it, or ask \"what if\" with other values to compare.", reply.blocks(),
                    reply.usage());
        }
        if (predict && plan instanceof ToolPlan && reply.blocks().stream().anyMatch(b -> b instanceof ApprovalBlock)) {
            return new Reply("The prediction is in this proposal's preview. Nothing is created or sent unless it"
                    + " is approved; reject it to drop it, or ask \"what if\" with other values to compare. "
                    + reply.text(), reply.blocks(), reply.usage());
        }
        return reply;
    }

    /** Carries out a plan, a write as its dry run when {@code dryRun} and it has one; remembers what it previewed. */
    private Reply run(Plan plan, AgentRequest request, boolean dryRun) {
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
            String tool = dryRun ? dryRuns.getOrDefault(call.tool(), call.tool()) : call.tool();
            ToolResult result = executor.execute(ToolCall.of(tool, call.arguments()), context);
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
        WhatIf.previewed(reply).ifPresent(b -> sessions.rememberPreview(request.sessionId(), b));
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
        private SessionStore sessions = new InMemorySessionStore();
        private final Map<String, String> dryRuns = new LinkedHashMap<>();

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

        /**
         * Where each conversation's last proposal or dry run is kept for a what-if; in memory by default. Give
         * the store a model's orchestrator uses, so that a what-if reaches a proposal whoever made it, on any
         * instance.
         */
        public Builder sessionStore(SessionStore store) {
            this.sessions = Objects.requireNonNull(store, "sessionStore");
            return this;
        }

        /**
         * A request that asks what {@code writeTool} would do ("predict how a 20% VIP discount would perform")
         * runs {@code readTool} with the same arguments instead: a dry run that proposes nothing.
         */
        public Builder dryRun(String writeTool, String readTool) {
            this.dryRuns.put(Objects.requireNonNull(writeTool, "writeTool"), Objects.requireNonNull(readTool, "readTool"));
            return this;
        }

        public OfflineOrchestrator build() {
            return new OfflineOrchestrator(this);
        }
    }
}
