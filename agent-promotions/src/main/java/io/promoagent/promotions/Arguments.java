package io.promoagent.promotions;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ToolError;
import io.promoagent.schema.validate.ErrorCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a tool call's arguments with their types, collecting every error (with its JSON path) so the
 * model can repair them all at once. The executor checks the top level of the schema too, but a tool's
 * {@code propose} is also called directly (by the approval service, by tests), so it checks again.
 */
final class Arguments {

    private final JsonNode args;
    private final List<ToolError> errors = new ArrayList<>();

    Arguments(JsonNode args) {
        this.args = args == null ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode() : args;
        if (!this.args.isObject()) {
            errors.add(ToolError.of(ErrorCode.WRONG_JSON_TYPE, "$", "the arguments must be a JSON object"));
        }
    }

    boolean has(String name) {
        JsonNode v = args.get(name);
        return v != null && !v.isNull();
    }

    /** The raw value, for arguments a tool reads with its own reader (a filter); null when absent. */
    JsonNode node(String name) {
        return args.get(name);
    }

    Optional<String> string(String name) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            wrongType(name, "a string");
            return Optional.empty();
        }
        return Optional.of(v.textValue().strip()).filter(s -> !s.isEmpty());
    }

    Optional<BigDecimal> number(String name) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isNumber()) {
            return Optional.of(v.decimalValue());
        }
        if (v.isTextual()) {
            // models now and then quote numbers; "25" and "25%" mean 25
            String s = v.textValue().strip().replace("%", "").replace("$", "").strip();
            try {
                return Optional.of(new BigDecimal(s));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        wrongType(name, "a number");
        return Optional.empty();
    }

    Optional<Integer> integer(String name) {
        Optional<BigDecimal> n = number(name);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(n.get().stripTrailingZeros().intValueExact());
        } catch (ArithmeticException e) {
            wrongType(name, "a whole number");
            return Optional.empty();
        }
    }

    Optional<Boolean> bool(String name) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            wrongType(name, "true or false");
            return Optional.empty();
        }
        return Optional.of(v.booleanValue());
    }

    Optional<LocalDate> date(String name) {
        Optional<String> s = string(name);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(s.get()));
        } catch (DateTimeParseException e) {
            error(ErrorCode.INVALID_DATE, name, "'" + s.get() + "' is not a date; write it as YYYY-MM-DD");
            return Optional.empty();
        }
    }

    Optional<List<String>> strings(String name) {
        JsonNode v = args.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            wrongType(name, "an array of strings");
            return Optional.empty();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                wrongType(name, "an array of strings");
                return Optional.empty();
            }
            out.add(item.textValue().strip());
        }
        return Optional.of(out);
    }

    void error(ErrorCode code, String name, String message) {
        errors.add(ToolError.of(code, "$." + name, message));
    }

    void error(ErrorCode code, String name, String message, List<String> suggestions) {
        errors.add(ToolError.of(code, "$." + name, message, suggestions));
    }

    void error(String code, String name, String message) {
        errors.add(new ToolError(code, name.equals("$") ? "$" : "$." + name, message, List.of()));
    }

    void error(String code, String name, String message, List<String> suggestions) {
        errors.add(new ToolError(code, name.equals("$") ? "$" : "$." + name, message, suggestions));
    }

    boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Throws every error found so far, if any. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidArgumentsException(errors);
        }
    }

    private void wrongType(String name, String expected) {
        errors.add(ToolError.of(ErrorCode.WRONG_JSON_TYPE, "$." + name, "'" + name + "' must be " + expected));
    }
}
