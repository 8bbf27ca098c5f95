package io.promoagent.core.tool;

import io.promoagent.core.AgentErrorCode;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.QueryError;
import java.util.List;
import java.util.Objects;

/**
 * One problem with a tool call, precise enough for a model to repair it: the same shape as a query
 * error, for every tool.
 *
 * @param code        a stable code ({@code unknown_field}, {@code missing_property}, {@code denied})
 * @param path        the JSON path of the offending argument ({@code $.percent}); {@code $} for the call
 * @param message     what is wrong, in one sentence
 * @param suggestions up to three ranked replacements, best first
 */
public record ToolError(String code, String path, String message, List<String> suggestions) {

    public ToolError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        suggestions = List.copyOf(suggestions);
    }

    public static ToolError of(ErrorCode code, String path, String message, List<String> suggestions) {
        return new ToolError(code.code(), path, message, suggestions);
    }

    public static ToolError of(ErrorCode code, String path, String message) {
        return new ToolError(code.code(), path, message, List.of());
    }

    public static ToolError of(AgentErrorCode code, String message) {
        return new ToolError(code.code(), "$", message, List.of());
    }

    public static ToolError of(AgentErrorCode code, String message, List<String> suggestions) {
        return new ToolError(code.code(), "$", message, suggestions);
    }

    public static ToolError from(QueryError error) {
        return new ToolError(error.code().code(), error.path(), error.message(), error.suggestions());
    }

    @Override
    public String toString() {
        String s = code + " at " + path + ": " + message;
        return suggestions.isEmpty() ? s : s + " (did you mean " + String.join(", ", suggestions) + "?)";
    }
}
