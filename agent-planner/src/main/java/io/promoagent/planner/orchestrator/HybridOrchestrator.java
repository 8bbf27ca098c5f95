package io.promoagent.planner.orchestrator;

import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.LlmOrchestrator;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.session.SessionLog;
import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.planner.plan.Plan;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline planner when it is sure, a model when it is not: a request planned with a confidence the
 * {@link ConfidencePolicy} calls sure is carried out by the {@link OfflineOrchestrator} in milliseconds;
 * the rest goes to the model's orchestrator (an {@code LlmOrchestrator}). With no model configured, the
 * planner answers everything itself: its plan, a question, or what it could not do.
 *
 * <p>A what-if ("what if 15% instead") changes the conversation's last proposal or dry run, whichever
 * orchestrator made it (give both the same session store): the planner revises it when it is sure, the model
 * otherwise, and the reply compares the two side by side either way.
 */
public final class HybridOrchestrator implements Orchestrator {

    private static final Logger LOG = LoggerFactory.getLogger(HybridOrchestrator.class);

    private final OfflineOrchestrator offline;
    private final Optional<Orchestrator> model;
    private final ConfidencePolicy confidencePolicy;
    private final Optional<SessionLog> conversations;

    private HybridOrchestrator(Builder b) {
        this.offline = b.offline;
        this.model = Optional.ofNullable(b.model);
        this.confidencePolicy = b.confidencePolicy != null ? b.confidencePolicy : b.offline.confidencePolicy();
        this.conversations = Optional.ofNullable(b.conversations);
    }

    public static Builder builder(OfflineOrchestrator offline) {
        return new Builder(offline);
    }

    @Override
    public Reply handle(AgentRequest request) {
        Objects.requireNonNull(request, "request");
        if (RequestExplanation.asked(request.text()).isPresent()) {
            // only the planner explains without running: a model would run the calls it chose
            return offline.handle(request);
        }
        // a what-if or "create it" follows the conversation's last proposal or dry run, whoever made it
        Optional<Block> last = offline.lastPreview(request.sessionId());
        if (last.isPresent()) {
            Optional<OfflineOrchestrator.FollowUp> followUp = offline.followUp(last.get(), request.text());
            if (followUp.isPresent() && answersOffline(followUp.get().plan())) {
                return remembered(request, offline.carryOut(last.get(), followUp.get(), request));
            }
            if (model.isPresent() && offline.planner().isRevision(request.text())) {
                try {
                    return OfflineOrchestrator.compared(last.get(), model.get().handle(request));
                } catch (RuntimeException e) {
                    LOG.warn("the model's orchestrator failed on a what-if; answering with the planner", e);
                }
            }
        }
        Plan plan = offline.planner().plan(request.text(), offline.context(request));
        if (model.isPresent() && !confidencePolicy.isSure(plan)) {
            try {
                return model.get().handle(request);
            } catch (RuntimeException e) {
                LOG.warn("the model's orchestrator failed; answering with the planner's plan", e);
            }
        }
        return remembered(request, offline.execute(plan, request));
    }

    /**
     * The model remembers its own turns; the planner's go into the same conversation, so that a later turn the
     * model answers ("and the premium ones?") sees what was asked and answered before it.
     */
    private Reply remembered(AgentRequest request, Reply reply) {
        conversations.ifPresent(log -> log.append(request.sessionId(), request.text(), reply.text()));
        return reply;
    }

    /** Whether a plan is carried out without a model. */
    public boolean answersOffline(Plan plan) {
        return model.isEmpty() || confidencePolicy.isSure(plan);
    }

    /** Builds a {@link HybridOrchestrator}. */
    public static final class Builder {
        private final OfflineOrchestrator offline;
        private Orchestrator model;
        private ConfidencePolicy confidencePolicy;
        private SessionLog conversations;
        private boolean conversationsGiven;

        private Builder(OfflineOrchestrator offline) {
            this.offline = Objects.requireNonNull(offline, "offline");
        }

        /**
         * The orchestrator for requests the planner is unsure of; none by default. An
         * {@link LlmOrchestrator}'s conversations also receive the turns the planner answers, unless
         * {@link #conversations} says otherwise.
         */
        public Builder model(Orchestrator orchestrator) {
            this.model = orchestrator;
            if (orchestrator instanceof LlmOrchestrator llm && !conversationsGiven) {
                this.conversations = llm.conversations();
            }
            return this;
        }

        /**
         * The planner's plan is used when it is sure by this policy, the model is asked otherwise; the offline
         * orchestrator's policy by default.
         */
        public Builder confidencePolicy(ConfidencePolicy policy) {
            this.confidencePolicy = Objects.requireNonNull(policy, "confidencePolicy");
            return this;
        }

        /**
         * Keeps the turns the planner answers in the conversation the model reads: give it the model's
         * session store and memory. Without it, the model sees only the turns it answered itself.
         */
        public Builder conversations(SessionLog log) {
            this.conversations = Objects.requireNonNull(log, "conversations");
            this.conversationsGiven = true;
            return this;
        }

        public HybridOrchestrator build() {
            return new HybridOrchestrator(this);
        }
    }
}
