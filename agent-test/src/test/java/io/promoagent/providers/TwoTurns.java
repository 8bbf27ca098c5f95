package io.promoagent.providers;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * The conversation every wire test holds with a provider's model: a question offered the sample tool, then
 * the same question with the model's tool call and the tool's result.
 *
 * @param toolCall the first answer, which calls the tool
 * @param answer   the second answer, after the tool's result
 */
record TwoTurns(ChatResponse toolCall, ChatResponse answer) {

    static final String SYSTEM = "You answer questions about the shop's data.";
    static final String QUESTION = "Who are the big spenders?";

    static TwoTurns with(ChatModel model, String toolResult) {
        ChatResponse toolCall = model.chat(ChatRequest.builder()
                .messages(SystemMessage.from(SYSTEM), UserMessage.from(QUESTION))
                .toolSpecifications(SampleTool.specification())
                .build());
        ToolExecutionRequest call = toolCall.aiMessage().toolExecutionRequests().get(0);
        ChatResponse answer = model.chat(ChatRequest.builder()
                .messages(SystemMessage.from(SYSTEM), UserMessage.from(QUESTION), toolCall.aiMessage(),
                        ToolExecutionResultMessage.from(call, toolResult))
                .toolSpecifications(SampleTool.specification())
                .build());
        return new TwoTurns(toolCall, answer);
    }
}
