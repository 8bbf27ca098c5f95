package io.promoagent.test;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A LangChain4j {@link ChatModel} that answers from a script instead of a language model, so that an agent
 * can be tested without a network, a key or a bill.
 *
 * <p>Each request the model receives consumes the next scripted turn, in order: tool calls, a text answer,
 * a failure, or a response computed from the request. Every request is recorded ({@link #requests()}) so
 * that a test can check what the agent sent: the tools it offered, the tool results it returned, and that
 * nothing it should not send (an e-mail address) reached the prompt.
 *
 * <pre>{@code
 * ScriptedChatModel model = ScriptedChatModel.builder()
 *         .thenCallTool("query", "{\"entity\":\"customers\",\"where\":{\"type\":\"rule\",\"rule\":\"vip\"}}")
 *         .withUsage(120, 30)
 *         .thenAnswer("There are 4 VIP customers.")
 *         .build();
 * }</pre>
 *
 * <p>A request beyond the end of the script throws {@link ScriptExhaustedError}. Thread-safe: concurrent
 * requests each take a distinct turn, and {@link #requests()} lists them in the order they took their turns.
 */
public final class ScriptedChatModel implements ChatModel {

    private final String modelName;
    private final List<ChatModelListener> listeners;
    private final int scriptedTurns;
    private final Object lock = new Object();
    private final Deque<ScriptedTurn> remaining;
    private final List<ChatRequest> requests = new ArrayList<>();

    private ScriptedChatModel(Builder builder) {
        this.modelName = builder.modelName;
        this.listeners = List.copyOf(builder.listeners);
        this.scriptedTurns = builder.turns.size();
        List<ScriptedTurn> turns = new ArrayList<>();
        for (ScriptedTurn turn : builder.turns) {
            turns.add(turn.usage == null && builder.defaultUsage != null ? turn.withUsage(builder.defaultUsage) : turn);
        }
        this.remaining = new ArrayDeque<>(turns);
    }

    /** Starts a script. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        Objects.requireNonNull(request, "request");
        ScriptedTurn turn;
        int number;
        synchronized (lock) {
            requests.add(request);
            number = requests.size();
            turn = remaining.poll();
        }
        if (turn == null) {
            throw new ScriptExhaustedError("ScriptedChatModel received request " + number + " but only "
                    + scriptedTurns + " turn(s) were scripted. The request's last message: "
                    + describe(request.messages()));
        }
        return turn.respond(request, number, modelName);
    }

    @Override
    public List<ChatModelListener> listeners() {
        return listeners;
    }

    /** Every request received so far, in the order they consumed their turns. */
    public List<ChatRequest> requests() {
        synchronized (lock) {
            return List.copyOf(requests);
        }
    }

    /** How many scripted turns have not been used yet. */
    public int remaining() {
        synchronized (lock) {
            return remaining.size();
        }
    }

    /**
     * Fails unless every scripted turn was used: an agent that stopped early (answered from a tool result
     * the test expected it to send back to the model, say) is caught here rather than passing unnoticed.
     */
    public void assertAllTurnsUsed() {
        int left = remaining();
        if (left > 0) {
            throw new AssertionError("ScriptedChatModel has " + left + " of " + scriptedTurns
                    + " scripted turn(s) left unused after " + requests().size() + " request(s)");
        }
    }

    private static String describe(List<ChatMessage> messages) {
        if (messages.isEmpty()) {
            return "(none)";
        }
        ChatMessage last = messages.get(messages.size() - 1);
        String text;
        if (last instanceof UserMessage user && user.hasSingleText()) {
            text = user.singleText();
        } else if (last instanceof ToolExecutionResultMessage result) {
            text = result.toolName() + " -> " + result.text();
        } else if (last instanceof AiMessage ai) {
            text = ai.text();
        } else {
            text = last.toString();
        }
        String shown = text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return last.type() + " \"" + shown + "\"";
    }

    /** The script, built turn by turn in the order the model will play it. */
    public static final class Builder {

        private final List<ScriptedTurn> turns = new ArrayList<>();
        private String modelName = "scripted";
        private TokenUsage defaultUsage;
        private final List<ChatModelListener> listeners = new ArrayList<>();
        private int nextToolCallId = 1;

        private Builder() {
        }

        /**
         * Adds a turn in which the model asks for one tool call. The arguments are passed on verbatim and
         * need not be valid JSON, so that a test can send the malformed arguments real models produce.
         * Tool call ids are {@code call_1}, {@code call_2}, … in script order.
         */
        public Builder thenCallTool(String toolName, String jsonArguments) {
            turns.add(ScriptedTurn.toolCalls(List.of(toolCall(toolName, jsonArguments))));
            return this;
        }

        /** Adds another tool call to the turn just scripted with {@link #thenCallTool}: calls requested together. */
        public Builder andCallTool(String toolName, String jsonArguments) {
            ScriptedTurn last = lastTurn("andCallTool");
            if (last.toolCalls.isEmpty()) {
                throw new IllegalStateException("andCallTool must follow thenCallTool or andCallTool");
            }
            List<ToolExecutionRequest> calls = new ArrayList<>(last.toolCalls);
            calls.add(toolCall(toolName, jsonArguments));
            turns.set(turns.size() - 1, last.withToolCalls(calls));
            return this;
        }

        /** Adds a turn in which the model answers with text and asks for no tool. */
        public Builder thenAnswer(String text) {
            Objects.requireNonNull(text, "text");
            turns.add(ScriptedTurn.answer(text));
            return this;
        }

        /** Adds a turn in which the call to the model throws {@code error}, as a provider's timeout or 5xx would. */
        public Builder thenFail(RuntimeException error) {
            Objects.requireNonNull(error, "error");
            turns.add(ScriptedTurn.failure(error));
            return this;
        }

        /**
         * Adds a turn whose response is computed from the request: to answer with something taken from a
         * tool result, or to play a model that never stops calling tools.
         */
        public Builder thenRespond(Function<ChatRequest, ChatResponse> response) {
            Objects.requireNonNull(response, "response");
            turns.add(ScriptedTurn.computed(response));
            return this;
        }

        /** Sets the token usage the turn just scripted reports (it replaces any usage a computed response has). */
        public Builder withUsage(int inputTokens, int outputTokens) {
            ScriptedTurn last = lastTurn("withUsage");
            turns.set(turns.size() - 1, last.withUsage(new TokenUsage(inputTokens, outputTokens)));
            return this;
        }

        /** Sets the token usage reported by every turn without its own {@link #withUsage}; none by default. */
        public Builder defaultUsage(int inputTokens, int outputTokens) {
            this.defaultUsage = new TokenUsage(inputTokens, outputTokens);
            return this;
        }

        /** The model name responses report; {@code scripted} by default. */
        public Builder modelName(String modelName) {
            this.modelName = Objects.requireNonNull(modelName, "modelName");
            return this;
        }

        /** Listeners notified of each request, response and error, as with a real provider's model. */
        public Builder listeners(ChatModelListener... listeners) {
            this.listeners.addAll(List.of(listeners));
            return this;
        }

        public ScriptedChatModel build() {
            return new ScriptedChatModel(this);
        }

        private ToolExecutionRequest toolCall(String toolName, String jsonArguments) {
            Objects.requireNonNull(toolName, "toolName");
            Objects.requireNonNull(jsonArguments, "jsonArguments");
            return ToolExecutionRequest.builder()
                    .id("call_" + nextToolCallId++)
                    .name(toolName)
                    .arguments(jsonArguments)
                    .build();
        }

        private ScriptedTurn lastTurn(String method) {
            if (turns.isEmpty()) {
                throw new IllegalStateException(method + " must follow a scripted turn");
            }
            return turns.get(turns.size() - 1);
        }
    }

    /** One scripted turn: exactly one of tool calls, text, failure or a computed response, plus usage. */
    private static final class ScriptedTurn {
        private final List<ToolExecutionRequest> toolCalls;
        private final String text;
        private final RuntimeException failure;
        private final Function<ChatRequest, ChatResponse> computed;
        private final TokenUsage usage;

        private ScriptedTurn(List<ToolExecutionRequest> toolCalls, String text, RuntimeException failure,
                             Function<ChatRequest, ChatResponse> computed, TokenUsage usage) {
            this.toolCalls = List.copyOf(toolCalls);
            this.text = text;
            this.failure = failure;
            this.computed = computed;
            this.usage = usage;
        }

        static ScriptedTurn toolCalls(List<ToolExecutionRequest> calls) {
            return new ScriptedTurn(calls, null, null, null, null);
        }

        static ScriptedTurn answer(String text) {
            return new ScriptedTurn(List.of(), text, null, null, null);
        }

        static ScriptedTurn failure(RuntimeException failure) {
            return new ScriptedTurn(List.of(), null, failure, null, null);
        }

        static ScriptedTurn computed(Function<ChatRequest, ChatResponse> computed) {
            return new ScriptedTurn(List.of(), null, null, computed, null);
        }

        ScriptedTurn withUsage(TokenUsage newUsage) {
            return new ScriptedTurn(toolCalls, text, failure, computed, newUsage);
        }

        ScriptedTurn withToolCalls(List<ToolExecutionRequest> calls) {
            return new ScriptedTurn(calls, text, failure, computed, usage);
        }

        ChatResponse respond(ChatRequest request, int number, String modelName) {
            if (failure != null) {
                throw failure;
            }
            if (computed != null) {
                ChatResponse response = computed.apply(request);
                if (response == null) {
                    throw new IllegalStateException("the scripted response function of turn " + number + " returned null");
                }
                if (usage == null) {
                    return response;
                }
                // A response carries its usage in its metadata; replacing it keeps provider-specific metadata.
                return ChatResponse.builder()
                        .aiMessage(response.aiMessage())
                        .metadata(response.metadata().toBuilder().tokenUsage(usage).build())
                        .build();
            }
            AiMessage message = toolCalls.isEmpty() ? AiMessage.from(text) : AiMessage.from(toolCalls);
            return ChatResponse.builder()
                    .aiMessage(message)
                    .id("scripted-" + number)
                    .modelName(modelName)
                    .tokenUsage(usage)
                    .finishReason(toolCalls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_EXECUTION)
                    .build();
        }
    }
}
