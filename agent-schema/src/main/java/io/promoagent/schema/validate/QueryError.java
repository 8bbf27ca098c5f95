package io.promoagent.schema.validate;

import java.util.List;
import java.util.Objects;

/**
 * One problem with a query, precise enough for a model to repair its call.
 *
 * @param code        the stable code
 * @param path        the JSON path of the offending value ({@code $.where.operands[1].field})
 * @param message     what is wrong, in one sentence
 * @param suggestions up to three ranked replacements, best first
 */
public record QueryError(ErrorCode code, String path, String message, List<String> suggestions) {

    public QueryError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        suggestions = List.copyOf(suggestions);
    }

    public static QueryError of(ErrorCode code, String path, String message) {
        return new QueryError(code, path, message, List.of());
    }

    @Override
    public String toString() {
        String s = code.code() + " at " + path + ": " + message;
        return suggestions.isEmpty() ? s : s + " (did you mean " + String.join(", ", suggestions) + "?)";
    }
}
