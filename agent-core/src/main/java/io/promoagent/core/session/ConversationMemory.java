package io.promoagent.core.session;

import dev.langchain4j.model.TokenCountEstimator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * How much of a conversation is remembered: the most recent messages that fit in a token budget,
 * starting with a person's message.
 *
 * <p>Tokens are estimated as characters divided by four (rounded up) unless a LangChain4j
 * {@link TokenCountEstimator} for the actual model is given.
 */
public final class ConversationMemory {

    private final int maxTokens;
    private final ToIntFunction<String> tokens;

    private ConversationMemory(int maxTokens, ToIntFunction<String> tokens) {
        if (maxTokens < 0) {
            throw new IllegalArgumentException("the token budget cannot be negative");
        }
        this.maxTokens = maxTokens;
        this.tokens = tokens;
    }

    /** A memory of at most {@code maxTokens} estimated tokens. */
    public static ConversationMemory ofTokens(int maxTokens) {
        return new ConversationMemory(maxTokens, ConversationMemory::estimate);
    }

    /** A memory of at most {@code maxTokens} tokens as the model's own estimator counts them. */
    public static ConversationMemory ofTokens(int maxTokens, TokenCountEstimator estimator) {
        Objects.requireNonNull(estimator, "estimator");
        return new ConversationMemory(maxTokens, estimator::estimateTokenCountInText);
    }

    /** Remembers nothing: every request stands alone. */
    public static ConversationMemory none() {
        return ofTokens(0);
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** Characters divided by four, rounded up: a fair estimate for English text and JSON. */
    public static int estimate(String text) {
        return (text.length() + 3) / 4;
    }

    public int tokens(String text) {
        return tokens.applyAsInt(text);
    }

    /**
     * The most recent messages whose tokens sum to at most the budget, oldest first; the window starts with
     * a person's message, so a model never sees an answer without its question.
     */
    public List<SessionMessage> window(List<SessionMessage> messages) {
        List<SessionMessage> kept = new ArrayList<>();
        int used = 0;
        for (int i = messages.size() - 1; i >= 0; i--) {
            SessionMessage m = messages.get(i);
            int cost = tokens(m.text());
            if (used + cost > maxTokens) {
                break;
            }
            used += cost;
            kept.add(m);
        }
        Collections.reverse(kept);
        while (!kept.isEmpty() && kept.get(0).role() != SessionMessage.Role.USER) {
            kept.remove(0);
        }
        return kept;
    }

    /** The session with only the messages that fit, so stored sessions stay bounded too. */
    public Session trim(Session session) {
        return session.withMessages(window(session.messages()));
    }
}
