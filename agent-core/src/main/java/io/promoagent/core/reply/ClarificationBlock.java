package io.promoagent.core.reply;

import java.util.List;
import java.util.Objects;

/**
 * A question back to the person when a request is ambiguous ("Which John?"), with the choices.
 *
 * @param message the question
 * @param options the choices, each a text the person can send back as is; empty for an open question
 */
public record ClarificationBlock(String message, List<String> options) implements Block {

    public ClarificationBlock {
        Objects.requireNonNull(message, "message");
        options = List.copyOf(options);
    }
}
