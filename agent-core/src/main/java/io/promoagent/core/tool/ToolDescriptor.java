package io.promoagent.core.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import java.util.List;
import java.util.Objects;

/**
 * What a tool is called, what it does, the JSON Schema of its arguments and its effect: everything a model
 * or a planner needs to call it.
 *
 * <p>The parameter schema is copied on the way in and out, so a descriptor is an immutable value.
 *
 * @param name        the name models call it by: letters, digits, {@code _} and {@code -}, at most 64
 * @param description what it does, for the model; one or two sentences
 * @param parameters  the JSON Schema of its arguments: an object schema ({@code "type": "object"})
 * @param effect      whether it reads, writes or sends
 * @param keywords    words a planner matches requests with ("create", "promotion", "discount")
 */
public record ToolDescriptor(
        String name,
        String description,
        ObjectNode parameters,
        ToolEffect effect,
        List<String> keywords) {

    public ToolDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        parameters = Objects.requireNonNull(parameters, "parameters").deepCopy();
        Objects.requireNonNull(effect, "effect");
        keywords = List.copyOf(keywords);
    }

    public static ToolDescriptor of(String name, String description, ObjectNode parameters, ToolEffect effect,
                                    String... keywords) {
        return new ToolDescriptor(name, description, parameters, effect, List.of(keywords));
    }

    /** A copy of the parameter schema; changing it changes nothing here. */
    @Override
    public ObjectNode parameters() {
        return parameters.deepCopy();
    }
}
