package io.promoagent.core.execution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.tool.ToolError;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.Suggestions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Checks a call's arguments against the top level of its tool's parameter schema: a JSON object, the
 * required properties present, no undeclared ones where the schema is closed, each declared property of
 * its JSON type and, for string enums, one of the values.
 *
 * <p>It stops at the top level on purpose: deeper structure is the tool's to check, with errors that know
 * its domain (the query tool's reader and validator do this for the query IR).
 */
final class ArgumentCheck {

    private ArgumentCheck() {
    }

    static List<ToolError> errors(ObjectNode schema, JsonNode arguments) {
        List<ToolError> errors = new ArrayList<>();
        if (!arguments.isObject()) {
            errors.add(ToolError.of(ErrorCode.WRONG_JSON_TYPE, "$",
                    "the arguments must be a JSON object, not " + kind(arguments)));
            return errors;
        }
        JsonNode properties = schema.path("properties");
        for (JsonNode r : schema.path("required")) {
            if (r.isTextual() && !arguments.has(r.textValue())) {
                errors.add(ToolError.of(ErrorCode.MISSING_PROPERTY, "$." + r.textValue(),
                        "'" + r.textValue() + "' is required"));
            }
        }
        boolean closed = schema.path("additionalProperties").isBoolean() && !schema.path("additionalProperties").booleanValue();
        List<String> declared = new ArrayList<>();
        properties.fieldNames().forEachRemaining(declared::add);
        for (Iterator<String> it = arguments.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode propertySchema = properties.get(name);
            if (propertySchema == null) {
                if (closed) {
                    errors.add(ToolError.of(ErrorCode.UNKNOWN_PROPERTY, "$." + name,
                            "there is no argument '" + name + "'", Suggestions.rank(name, declared)));
                }
                continue;
            }
            check(name, propertySchema, arguments.get(name), errors);
        }
        return errors;
    }

    private static void check(String name, JsonNode schema, JsonNode value, List<ToolError> errors) {
        JsonNode type = schema.get("type");
        if (type != null && !matchesAny(type, value)) {
            errors.add(ToolError.of(ErrorCode.WRONG_JSON_TYPE, "$." + name,
                    "'" + name + "' must be " + describe(type) + ", not " + kind(value)));
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null && allowed.isArray()) {
            List<String> names = new ArrayList<>();
            boolean found = false;
            for (JsonNode a : allowed) {
                found |= a.equals(value);
                if (a.isTextual()) {
                    names.add(a.textValue());
                }
            }
            if (!found) {
                String shown = value.isTextual() ? "'" + value.textValue() + "'" : value.toString();
                errors.add(ToolError.of(ErrorCode.UNKNOWN_ENUM_VALUE, "$." + name,
                        shown + " is not one of " + String.join(", ", names),
                        value.isTextual() ? Suggestions.rank(value.textValue(), names) : List.of()));
            }
        }
    }

    private static boolean matchesAny(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (matches(t.asText(), value)) {
                    return true;
                }
            }
            return false;
        }
        return matches(type.asText(), value);
    }

    private static boolean matches(String type, JsonNode value) {
        switch (type) {
            case "object":
                return value.isObject();
            case "array":
                return value.isArray();
            case "string":
                return value.isTextual();
            case "boolean":
                return value.isBoolean();
            case "null":
                return value.isNull();
            case "number":
                return value.isNumber();
            case "integer":
                return value.isIntegralNumber()
                        || (value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0);
            default:
                return true;
        }
    }

    private static String describe(JsonNode type) {
        if (type.isArray()) {
            List<String> names = new ArrayList<>();
            type.forEach(t -> names.add(article(t.asText())));
            return String.join(" or ", names);
        }
        return article(type.asText());
    }

    private static String article(String type) {
        return (type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type;
    }

    private static String kind(JsonNode value) {
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "an array";
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }
}
