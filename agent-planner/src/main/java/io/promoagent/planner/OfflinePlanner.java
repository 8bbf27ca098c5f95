package io.promoagent.planner;

import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.planner.internal.PlainWords;
import io.promoagent.planner.internal.RequestPlanner;
import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.ReferenceResolver;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a request into a {@link Plan} with no language model: the data model's names, synonyms, rules,
 * measures and field types are its vocabulary, and the write and send tools' descriptors (their keywords
 * and parameter schemas) are its verbs. It knows nothing of any domain.
 *
 * <p>Every plan carries a confidence; a hybrid orchestrator sends requests planned with low confidence to
 * a model. A write or send is never guessed: a doubtful one becomes a question. Thread-safe; build one
 * per data model and reuse it.
 */
public final class OfflinePlanner {

    private final DataModel model;
    private final ConfidencePolicy confidencePolicy;
    private final RequestPlanner planner;
    private final Optional<ReferenceResolver> resolver;

    private OfflinePlanner(Builder b) {
        this.model = b.model;
        this.confidencePolicy = b.confidencePolicy;
        this.resolver = Optional.ofNullable(b.resolver);
        this.planner = new RequestPlanner(b.model, b.tools, Optional.ofNullable(b.resolver), b.clock,
                b.confidencePolicy, b.phrases);
    }

    public static Builder builder(DataModel model) {
        return new Builder(model);
    }

    public DataModel model() {
        return model;
    }

    /** The confidence from which a plan is sure; the orchestrators built on this planner use it too by default. */
    public ConfidencePolicy confidencePolicy() {
        return confidencePolicy;
    }

    /** Plans one request. Never throws for what the request says. */
    public Plan plan(String text) {
        return planner.plan(text);
    }

    /**
     * Plans a follow-up that changes values of a call planned just before in the same conversation ("what
     * if 15% instead"): the call with the values the follow-up states; empty when the text is no such
     * follow-up, and then it is planned as a request of its own.
     */
    public Optional<Plan> revise(io.promoagent.planner.plan.ToolPlan previous, String text) {
        return planner.revise(Objects.requireNonNull(previous, "previous"), text);
    }

    /** Whether the request is a what-if ("what if 15% instead"): a follow-up meant to change a call before it. */
    public boolean isRevision(String text) {
        return planner.isRevision(text);
    }

    /**
     * Whether the request asks to make the write predicted just before, as it was ("create it", "yes, propose
     * it").
     */
    public boolean confirms(String text) {
        return planner.confirms(text);
    }

    /**
     * Whether the request asks what a write would do ("predict how a 20% VIP discount would perform"): its
     * plan is the write's proposal, whose preview is the answer.
     */
    public boolean asksForPrediction(String text) {
        return planner.asksForPrediction(text);
    }

    /**
     * Plans one request for the person of {@code context}: the resolver's look-ups run as that principal
     * ({@link ReferenceResolver#as}), so a resolver over the tool executor applies policy and audit to them.
     */
    public Plan plan(String text, ToolContext context) {
        return planner.plan(text, resolver.map(r -> r.as(context)));
    }

    /**
     * A query in plain words for a person ("customers whose country is DE, the 5 with the highest total
     * spent"): what a reply shows instead of the query's JSON.
     */
    public static String describe(Query query) {
        return PlainWords.of(query);
    }

    /** Builds an {@link OfflinePlanner}. */
    public static final class Builder {
        private final DataModel model;
        private final List<ToolDescriptor> tools = new ArrayList<>();
        private ReferenceResolver resolver;
        private Clock clock = Clock.systemUTC();
        private ConfidencePolicy confidencePolicy = ConfidencePolicy.DEFAULT;
        private final Map<String, String> phrases = new LinkedHashMap<>();

        private Builder(DataModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The tools whose write and send intents it recognises; read tools are ignored. */
        public Builder tools(Collection<ToolDescriptor> descriptors) {
            tools.addAll(descriptors);
            return this;
        }

        public Builder tools(ToolDescriptor... descriptors) {
            return tools(List.of(descriptors));
        }

        public Builder tools(ToolRegistry registry) {
            return tools(registry.descriptors());
        }

        /**
         * Looks records up while planning (who "John" is, which promotion is the newest): best
         * {@link ReferenceResolver#of(io.promoagent.core.execution.ToolExecutor, String)}, through the tools.
         */
        public Builder resolver(ReferenceResolver referenceResolver) {
            this.resolver = referenceResolver;
            return this;
        }

        /** The clock "today" is read from; the system clock in UTC by default. */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /**
         * Below its threshold, a read or a write or send is asked about instead of planned: a guess is no
         * answer without a model either. {@link ConfidencePolicy#DEFAULT} by default.
         */
        public Builder confidencePolicy(ConfidencePolicy policy) {
            this.confidencePolicy = Objects.requireNonNull(policy, "confidencePolicy");
            return this;
        }

        /**
         * Adds a phrase your users write, with what it means in the data model: an entity
         * ({@code "customers"}), a field ({@code "customers.total_spent"}), an enum value
         * ({@code "customers.segment=vip"}), or a rule or measure by name ({@code "lapsed_customer"},
         * {@code "revenue"}). {@code phrase("big spenders", "vip")}; the model's own synonyms and its
         * {@code vocabulary} section ({@link DataModel#vocabulary()}, read with no call here) do the same.
         * A meaning that names nothing in the model fails {@link #build()}.
         */
        public Builder phrase(String phrase, String meaning) {
            phrases.put(Objects.requireNonNull(phrase, "phrase"), Objects.requireNonNull(meaning, "meaning"));
            return this;
        }

        /** Adds several phrases; see {@link #phrase(String, String)}. */
        public Builder phrases(Map<String, String> more) {
            more.forEach(this::phrase);
            return this;
        }

        public OfflinePlanner build() {
            return new OfflinePlanner(this);
        }
    }
}
