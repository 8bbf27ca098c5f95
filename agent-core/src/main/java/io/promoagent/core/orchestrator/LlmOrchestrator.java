package io.promoagent.core.orchestrator;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.ChatModel;
import io.opentelemetry.api.OpenTelemetry;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.internal.telemetry.AgentTelemetry;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.session.ConversationMemory;
import io.promoagent.core.session.InMemorySessionStore;
import io.promoagent.core.session.SessionLog;
import io.promoagent.core.session.SessionStore;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.schema.model.DataModel;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The orchestrator on any LangChain4j {@link ChatModel} (Bedrock, an OpenAI-compatible server, the test
 * kit's scripted model): a bounded loop in which the model calls tools and writes the answer.
 *
 * <p>Each request: a short system prompt with a digest of the data model, the remembered conversation and
 * the person's message go to the model; the tools it asks for run through the {@link ToolExecutor} (reads
 * requested together run concurrently, writes only propose); their model-safe results go back; until the
 * model answers in text, or, in {@link ReplyMode#DIRECT}, a turn's results go straight to the person.
 *
 * <p>Bounded in every direction: at most {@code maxModelCalls} model calls and {@code maxToolCalls} tool
 * calls per request, at most {@code maxRepairs} repairs of a call the tool refused as invalid, arguments
 * of at most {@code maxArgumentChars} characters (larger ones are not even parsed). Non-JSON arguments,
 * wrong types, unknown tools and invalid queries go back to the model as structured errors; what it cannot
 * repair within the bounds ends the request with an error block with a stable code. Nothing a model
 * returns makes {@link #handle} throw.
 */
public final class LlmOrchestrator implements Orchestrator {

    private static final String GUIDANCE = String.join("\n",
            "You answer a marketer's requests about the business data below by calling tools.",
            "- Never invent data; call tools exactly as their schemas say, and fix a call from its errors.",
            "- Writing and sending tools only propose: say the change awaits a person's approval, never that it is done.",
            "- You see shortened results, the person full tables: answer in one or two sentences, without rows.",
            "- Ask one short question if a request is ambiguous.");

    final ChatModel chatModel;
    final ToolExecutor executor;
    final List<ToolSpecification> specifications;
    final String systemPrompt;
    final SessionStore sessions;
    final ConversationMemory memory;
    final SessionLog sessionLog;
    final ReplyMode replyMode;
    final Clock clock;
    final int maxModelCalls;
    final int maxToolCalls;
    final int maxRepairs;
    final int maxArgumentChars;
    final int maxRequestChars;
    final AgentTelemetry telemetry;
    final ModelIdentity identity;
    final String agentName;

    private LlmOrchestrator(Builder b) {
        this.chatModel = Objects.requireNonNull(b.chatModel, "chatModel");
        this.executor = Objects.requireNonNull(b.executor, "tools");
        Set<String> described = b.dataModel == null ? Set.of() : DataModelDigest.names(b.dataModel);
        List<ToolSpecification> specs = new ArrayList<>();
        for (ToolDescriptor d : executor.registry().descriptors()) {
            if (b.unoffered.contains(d.name())) {
                continue;
            }
            specs.add(switch (b.schemaStyle) {
                case AUTO, COMPACT -> CompactSchemas.specification(d, described);
                case REFERENCES -> JsonSchemaConverter.toSpecification(d);
                case SELF_CONTAINED -> JsonSchemaConverter.toSelfContainedSpecification(d, b.schemaNesting);
            });
        }
        this.specifications = List.copyOf(specs);
        StringBuilder prompt = new StringBuilder(GUIDANCE).append('\n');
        if (b.instructions != null && !b.instructions.isBlank()) {
            prompt.append(b.instructions.strip()).append('\n');
        }
        if (b.dataModel != null) {
            prompt.append(DataModelDigest.of(b.dataModel));
        }
        this.systemPrompt = prompt.toString();
        this.sessions = b.sessions;
        this.memory = b.memory;
        this.sessionLog = new SessionLog(b.sessions, b.memory, b.clock);
        this.replyMode = b.replyMode;
        this.clock = b.clock;
        this.maxModelCalls = b.maxModelCalls;
        this.maxToolCalls = b.maxToolCalls;
        this.maxRepairs = b.maxRepairs;
        this.maxArgumentChars = b.maxArgumentChars;
        this.maxRequestChars = b.maxRequestChars;
        this.telemetry = AgentTelemetry.of(b.openTelemetry);
        this.identity = ModelIdentity.of(chatModel);
        this.agentName = b.agentName;
    }

    /** Where this orchestrator keeps its conversations: other orchestrators answering turns of them add to it. */
    public SessionLog conversations() {
        return sessionLog;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Reply handle(AgentRequest request) {
        Objects.requireNonNull(request, "request");
        return new ToolLoop(this, request).run();
    }

    /** The system prompt sent with every request, today's date appended. */
    public String systemPrompt() {
        return systemPrompt + "Today is " + LocalDate.now(clock) + ".\n";
    }

    /** The tools as the model is told of them. */
    public List<ToolSpecification> toolSpecifications() {
        return specifications;
    }

    /** Builds an {@link LlmOrchestrator}; a chat model and the tools are required. */
    public static final class Builder {
        private ChatModel chatModel;
        private ToolExecutor executor;
        private DataModel dataModel;
        private String instructions;
        private SessionStore sessions = new InMemorySessionStore();
        private ConversationMemory memory = ConversationMemory.ofTokens(2_000);
        private ReplyMode replyMode = ReplyMode.MODEL;
        private Clock clock = Clock.systemUTC();
        private int maxModelCalls = 6;
        private int maxToolCalls = 10;
        private int maxRepairs = 2;
        private int maxArgumentChars = 64 * 1024;
        private int maxRequestChars = 16 * 1024;
        private ToolSchemaStyle schemaStyle = ToolSchemaStyle.AUTO;
        private int schemaNesting = 2;
        private OpenTelemetry openTelemetry = OpenTelemetry.noop();
        private String agentName = "promo-agent";
        private Set<String> unoffered = Set.of();

        private Builder() {
        }

        /**
         * Tools of the executor the model is not offered, such as a dry run only the offline planner uses: each
         * tool offered lengthens every request sent to the model. None by default.
         */
        public Builder withoutTools(String... names) {
            this.unoffered = Set.of(names);
            return this;
        }

        /**
         * Where the {@code invoke_agent} and {@code chat} spans and the token usage and duration metrics
         * go; none by default ({@link OpenTelemetry#noop()}). {@code GlobalOpenTelemetry.get()} uses what an
         * agent or the application registered globally. The tool calls' spans are the
         * {@link ToolExecutor}'s: give it the same instance.
         */
        public Builder openTelemetry(OpenTelemetry telemetry) {
            this.openTelemetry = Objects.requireNonNull(telemetry, "openTelemetry");
            return this;
        }

        /** The agent's name in telemetry ({@code gen_ai.agent.name}); {@code promo-agent} by default. */
        public Builder agentName(String name) {
            this.agentName = Objects.requireNonNull(name, "agentName");
            return this;
        }

        /** How tool schemas are sent; {@link ToolSchemaStyle#AUTO} by default. */
        public Builder toolSchemaStyle(ToolSchemaStyle style) {
            this.schemaStyle = Objects.requireNonNull(style, "toolSchemaStyle");
            return this;
        }

        /**
         * In self-contained schemas, how many levels of a recursive definition are spelled out (a filter in
         * a filter is two); 2 by default. Each level multiplies the schema's size: the demo model's query
         * schema is about 12, 35 and 120 thousand characters at 1, 2 and 3 levels.
         */
        public Builder schemaNesting(int levels) {
            this.schemaNesting = positive(levels, "schemaNesting");
            return this;
        }

        public Builder chatModel(ChatModel model) {
            this.chatModel = model;
            return this;
        }

        /** The tools, with the chain every call runs through. */
        public Builder tools(ToolExecutor toolExecutor) {
            this.executor = toolExecutor;
            return this;
        }

        /** The data model described in the system prompt. */
        public Builder dataModel(DataModel model) {
            this.dataModel = model;
            return this;
        }

        /** Text added to the system prompt after the library's guidance (the business's tone, say). */
        public Builder instructions(String text) {
            this.instructions = text;
            return this;
        }

        public Builder sessionStore(SessionStore store) {
            this.sessions = Objects.requireNonNull(store, "sessionStore");
            return this;
        }

        /** How much conversation is remembered; 2,000 estimated tokens by default. */
        public Builder memory(ConversationMemory conversationMemory) {
            this.memory = Objects.requireNonNull(conversationMemory, "memory");
            return this;
        }

        public Builder replyMode(ReplyMode mode) {
            this.replyMode = Objects.requireNonNull(mode, "replyMode");
            return this;
        }

        /** The clock for "today" and for the tools' context. */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /** Model calls per request; 6 by default. */
        public Builder maxModelCalls(int n) {
            this.maxModelCalls = positive(n, "maxModelCalls");
            return this;
        }

        /** Tool calls per request; 10 by default. */
        public Builder maxToolCalls(int n) {
            this.maxToolCalls = positive(n, "maxToolCalls");
            return this;
        }

        /** Repairs of an invalid call to one tool before the request ends in an error; 2 by default. */
        public Builder maxRepairs(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxRepairs cannot be negative");
            }
            this.maxRepairs = n;
            return this;
        }

        /** The longest arguments read; 64 KiB by default. */
        public Builder maxArgumentChars(int n) {
            this.maxArgumentChars = positive(n, "maxArgumentChars");
            return this;
        }

        /** The longest request accepted; 16 KiB by default. */
        public Builder maxRequestChars(int n) {
            this.maxRequestChars = positive(n, "maxRequestChars");
            return this;
        }

        public LlmOrchestrator build() {
            return new LlmOrchestrator(this);
        }

        private static int positive(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1");
            }
            return n;
        }
    }
}
