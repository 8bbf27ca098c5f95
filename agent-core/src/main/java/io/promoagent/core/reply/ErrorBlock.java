package io.promoagent.core.reply;

import java.util.List;
import java.util.Objects;

/**
 * Why a request could not be answered, with a stable code and what the person might have meant.
 *
 * @param code        a stable code ({@code unknown_field}, {@code too_many_repairs}, {@code denied})
 * @param message     what went wrong, in one sentence
 * @param suggestions nearest valid names, best first
 */
public record ErrorBlock(String code, String message, List<String> suggestions) implements Block {

    public ErrorBlock {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        suggestions = List.copyOf(suggestions);
    }
}
