package io.promoagent.core.reply;

/**
 * What answering one request cost.
 *
 * @param modelCalls    calls to the language model
 * @param inputTokens   input tokens, as the provider reported them
 * @param outputTokens  output tokens, as the provider reported them
 * @param toolCalls     tool calls made
 * @param latencyMillis wall time from request to reply
 */
public record Usage(int modelCalls, long inputTokens, long outputTokens, int toolCalls, long latencyMillis) {

    /** Nothing used. */
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

    public Usage {
        if (modelCalls < 0 || inputTokens < 0 || outputTokens < 0 || toolCalls < 0 || latencyMillis < 0) {
            throw new IllegalArgumentException("usage counts cannot be negative");
        }
    }

    public long totalTokens() {
        return inputTokens + outputTokens;
    }
}
