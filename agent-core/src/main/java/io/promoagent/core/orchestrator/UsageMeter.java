package io.promoagent.core.orchestrator;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.promoagent.core.reply.Usage;

/** Counts what one request costs as it runs. */
final class UsageMeter {

    private final long start = System.nanoTime();
    private int modelCalls;
    private long inputTokens;
    private long outputTokens;
    private int toolCalls;

    void modelCall(ChatResponse response) {
        modelCalls++;
        TokenUsage usage = response == null ? null : response.tokenUsage();
        if (usage != null) {
            inputTokens += usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
            outputTokens += usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        }
    }

    void toolCalls(int count) {
        toolCalls += count;
    }

    int modelCalls() {
        return modelCalls;
    }

    int toolCalls() {
        return toolCalls;
    }

    Usage usage() {
        return new Usage(modelCalls, inputTokens, outputTokens, toolCalls, (System.nanoTime() - start) / 1_000_000);
    }
}
