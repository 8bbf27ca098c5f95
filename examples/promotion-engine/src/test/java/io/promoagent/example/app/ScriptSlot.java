package io.promoagent.example.app;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.promoagent.test.ScriptedChatModel;
import java.util.List;
import java.util.Objects;

/**
 * The chat model of an engine that lives for a whole test class: each test puts in the script of its own
 * request, since a {@link ScriptedChatModel} plays its turns once, in order.
 */
final class ScriptSlot implements ChatModel {

    private volatile ScriptedChatModel script = ScriptedChatModel.builder().build();

    /** Plays this script from the next request on. */
    ScriptedChatModel play(ScriptedChatModel next) {
        this.script = Objects.requireNonNull(next, "next");
        return next;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return script.doChat(request);
    }

    /** The tool results the current script's model was sent, in order. */
    List<ToolExecutionResultMessage> toolResults() {
        return script.requests().stream()
                .flatMap(r -> r.messages().stream())
                .filter(ToolExecutionResultMessage.class::isInstance)
                .map(ToolExecutionResultMessage.class::cast)
                .distinct()
                .toList();
    }

    /** The last request the current script's model received. */
    ChatRequest lastRequest() {
        List<ChatRequest> requests = script.requests();
        return requests.get(requests.size() - 1);
    }
}
