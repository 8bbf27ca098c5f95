package io.promoagent.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Objects;
import java.util.UUID;

/**
 * One request to run a tool, from a model or a planner: an id that pairs it with its result, the tool's
 * name and the arguments as JSON.
 *
 * <p>The arguments are copied on the way in and out, so a call is an immutable value.
 *
 * @param id        pairs the call with its result; unique within a request
 * @param tool      the tool's name
 * @param arguments the arguments, a JSON object
 */
public record ToolCall(String id, String tool, JsonNode arguments) {

    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tool, "tool");
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments.deepCopy();
    }

    /** A call with a fresh id. */
    public static ToolCall of(String tool, JsonNode arguments) {
        return new ToolCall(UUID.randomUUID().toString(), tool, arguments);
    }

    /** A copy of the arguments. */
    @Override
    public JsonNode arguments() {
        return arguments.deepCopy();
    }

    /** The call with other arguments and the same id (for interceptors that rewrite a call). */
    public ToolCall withArguments(JsonNode newArguments) {
        return new ToolCall(id, tool, newArguments);
    }
}
