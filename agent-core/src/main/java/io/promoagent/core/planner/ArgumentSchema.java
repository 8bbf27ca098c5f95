package io.promoagent.core.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks arguments the planner filled against the tool's parameter schema before proposing, so that the
 * schema, not the planner, says what is allowed: types, enums, constants, minimum and maximum, lengths,
 * patterns, dates, required properties, {@code allOf} and {@code if}/{@code then}/{@code else} ("a percent
 * discount lies between 1 and 100").
 */
final class ArgumentSchema {

    /** One problem: a required property that is missing, or a value the schema refuses. */
    record Problem(boolean missing, String property, String message, List<String> allowed) {
    }

    private ArgumentSchema() {
    }

    static List<Problem> check(ObjectNode schema, ObjectNode arguments) {
        List<Problem> out = new ArrayList<>();
        object(schema, arguments, "", out);
        return out;
    }

    private static void object(JsonNode schema, JsonNode args, String when, List<Problem> out) {
        for (JsonNode r : schema.path("required")) {
            if (!args.has(r.asText())) {
                out.add(new Problem(true, r.asText(), "'" + r.asText() + "' is needed" + when, List.of()));
            }
        }
        JsonNode props = schema.path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = args.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode ps = props.get(e.getKey());
            if (ps != null && ps.isObject()) {
                value(e.getKey(), ps, e.getValue(), when, out);
            }
        }
        for (JsonNode sub : schema.path("allOf")) {
            object(sub, args, when, out);
        }
        JsonNode cond = schema.get("if");
        if (cond != null && cond.isObject()) {
            List<Problem> test = new ArrayList<>();
            object(cond, args, "", test);
            boolean holds = test.isEmpty() && requiredPresent(cond, args);
            JsonNode branch = schema.get(holds ? "then" : "else");
            if (branch != null && branch.isObject()) {
                object(branch, args, holds ? describe(cond) : "", out);
            }
        }
    }

    /** An {@code if} over properties holds only when they are there: a missing type is no percent. */
    private static boolean requiredPresent(JsonNode schema, JsonNode args) {
        for (Iterator<String> it = schema.path("properties").fieldNames(); it.hasNext(); ) {
            if (!args.has(it.next())) {
                return false;
            }
        }
        return true;
    }

    /** " when 'discount_type' is percent", from an {@code if} of constants. */
    private static String describe(JsonNode cond) {
        List<String> parts = new ArrayList<>();
        cond.path("properties").properties().forEach(e -> {
            JsonNode c = e.getValue().get("const");
            if (c == null && e.getValue().path("enum").size() == 1) {
                c = e.getValue().path("enum").get(0);
            }
            if (c != null) {
                parts.add("'" + e.getKey() + "' is " + c.asText());
            }
        });
        return parts.isEmpty() ? "" : " when " + String.join(" and ", parts);
    }

    private static void value(String name, JsonNode s, JsonNode v, String when, List<Problem> out) {
        String type = s.path("type").asText("");
        if (!type.isEmpty() && !typeMatches(type, v)) {
            out.add(new Problem(false, name, "'" + name + "' must be " + type + when, List.of()));
            return;
        }
        JsonNode constant = s.get("const");
        if (constant != null && !sameValue(constant, v)) {
            out.add(new Problem(false, name, "'" + name + "' must be " + constant.asText() + when, List.of()));
        }
        JsonNode values = s.get("enum");
        if (values != null && values.isArray()) {
            boolean found = false;
            List<String> allowed = new ArrayList<>();
            for (JsonNode a : values) {
                found |= sameValue(a, v);
                allowed.add(a.asText());
            }
            if (!found) {
                out.add(new Problem(false, name, "'" + v.asText() + "' is not one of " + String.join(", ", allowed)
                        + " for '" + name + "'" + when, allowed));
            }
        }
        if (v.isNumber()) {
            BigDecimal d = v.decimalValue();
            bound(name, s, "minimum", d, d.compareTo(dec(s, "minimum")) < 0, "at least", when, out);
            bound(name, s, "maximum", d, d.compareTo(dec(s, "maximum")) > 0, "at most", when, out);
            bound(name, s, "exclusiveMinimum", d, d.compareTo(dec(s, "exclusiveMinimum")) <= 0, "more than", when, out);
            bound(name, s, "exclusiveMaximum", d, d.compareTo(dec(s, "exclusiveMaximum")) >= 0, "less than", when, out);
        }
        if (v.isTextual()) {
            String text = v.textValue();
            if (s.has("minLength") && text.length() < s.get("minLength").asInt()) {
                out.add(new Problem(false, name, "'" + name + "' must have at least " + s.get("minLength").asInt()
                        + " characters" + when, List.of()));
            }
            if (s.has("maxLength") && text.length() > s.get("maxLength").asInt()) {
                out.add(new Problem(false, name, "'" + name + "' must have at most " + s.get("maxLength").asInt()
                        + " characters" + when, List.of()));
            }
            if (s.has("pattern") && !matches(s.get("pattern").asText(), text)) {
                out.add(new Problem(false, name, "'" + text + "' does not have the form of '" + name + "'" + when, List.of()));
            }
            if (s.path("format").asText("").equals("date") && !isDate(text)) {
                out.add(new Problem(false, name, "'" + name + "' must be a date (YYYY-MM-DD)" + when, List.of()));
            }
        }
    }

    private static void bound(String name, JsonNode s, String keyword, BigDecimal v, boolean violated, String words,
                              String when, List<Problem> out) {
        if (s.has(keyword) && s.get(keyword).isNumber() && violated) {
            out.add(new Problem(false, name, "'" + name + "' must be " + words + " " + s.get(keyword).decimalValue()
                    .stripTrailingZeros().toPlainString() + when + ", not " + v.stripTrailingZeros().toPlainString(),
                    List.of()));
        }
    }

    private static BigDecimal dec(JsonNode s, String keyword) {
        JsonNode n = s.get(keyword);
        return n != null && n.isNumber() ? n.decimalValue() : BigDecimal.ZERO;
    }

    private static boolean typeMatches(String type, JsonNode v) {
        return switch (type) {
            case "string" -> v.isTextual();
            case "number" -> v.isNumber();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0);
            case "boolean" -> v.isBoolean();
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            default -> true;
        };
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static boolean matches(String pattern, String text) {
        try {
            return Pattern.compile(pattern).matcher(text).find();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
