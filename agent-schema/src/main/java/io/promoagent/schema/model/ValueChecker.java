package io.promoagent.schema.model;

import static io.promoagent.schema.model.Text.q;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.validate.ErrorCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the operator and values of a comparison against the type of its field, and writes enum values
 * in their canonical form.
 */
final class ValueChecker {

    /** Numbers beyond 10^±1000 are refused: no business value is that large, and expanding one costs. */
    private static final int MAX_EXPONENT = 1000;

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Set<Operator> ORDERED = EnumSet.of(Operator.EQ, Operator.NE, Operator.GT, Operator.GTE,
            Operator.LT, Operator.LTE, Operator.BETWEEN, Operator.IN, Operator.IS_NULL);
    private static final Set<Operator> UNORDERED = EnumSet.of(Operator.EQ, Operator.NE, Operator.IN, Operator.IS_NULL);

    private final Limits limits;
    private final Names names;

    ValueChecker(Limits limits, Names names) {
        this.limits = limits;
        this.names = names;
    }

    /** The operators a field of this type takes. */
    static Set<Operator> operators(FieldType type) {
        return switch (type) {
            case STRING -> EnumSet.allOf(Operator.class);
            case NUMBER, INTEGER, DATE, TIMESTAMP -> ORDERED;
            case BOOLEAN, ENUM -> UNORDERED;
        };
    }

    /**
     * The comparison with its values in canonical form, or {@code null} after adding errors.
     *
     * @param name the field or alias as the query wrote it
     */
    Compare check(Compare c, Field field, String name, String path, Mode mode, Errors errors) {
        FieldType type = field.type();
        Set<Operator> allowed = operators(type);
        int before = errors.size();
        if (!allowed.contains(c.op())) {
            String hint = type.isTemporal() ? "; for a time range use a within filter" : "";
            errors.add(ErrorCode.OPERATOR_NOT_FOR_TYPE, path + ".op", "operator " + c.op().jsonName()
                            + " does not apply to " + Text.lower(type) + " field " + q(name) + "; use "
                            + String.join(", ", allowed.stream().map(Operator::jsonName).toList()) + hint,
                    betterOperators(c.op(), allowed));
        }
        if (c.ignoreCase() && type != FieldType.STRING && type != FieldType.ENUM) {
            errors.add(ErrorCode.OPERATOR_NOT_FOR_TYPE, path + ".ignoreCase",
                    "ignoreCase applies to text fields only; " + q(name) + " is " + Text.lower(type));
        }
        if (errors.size() > before) {
            // values written for an operator that does not apply are not worth judging
            return null;
        }
        List<Object> values = c.values();
        if (values.size() < c.op().minValues() || values.size() > c.op().maxValues()) {
            errors.add(ErrorCode.WRONG_VALUE_COUNT, path + ".value", count(c.op(), values.size()));
            return null;
        }
        if (c.op() == Operator.IN && values.size() > limits.maxInValues()) {
            errors.add(ErrorCode.IN_LIST_TOO_LONG, path + ".value", "in takes at most " + limits.maxInValues()
                    + " values, not " + values.size() + "; narrow the condition or use a range");
            return null;
        }
        boolean array = c.op() == Operator.BETWEEN || c.op() == Operator.IN;
        List<Object> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(value(values.get(i), field, name, array ? path + ".value[" + i + "]" : path + ".value", mode, errors));
        }
        if (errors.size() > before) {
            return null;
        }
        if (c.op() == Operator.BETWEEN && isAbove(out.get(0), out.get(1), type)) {
            errors.add(ErrorCode.EMPTY_RANGE, path + ".value", "between " + Text.value(out.get(0)) + " and "
                    + Text.value(out.get(1)) + " is empty; write the low value first");
            return null;
        }
        return new Compare(c.field(), c.op(), out, c.ignoreCase());
    }

    private static String count(Operator op, int n) {
        if (op.maxValues() == 0) {
            return op.jsonName() + " takes no value, not " + n;
        }
        if (op == Operator.BETWEEN) {
            return "between takes two values, low and high, not " + n;
        }
        if (op == Operator.IN) {
            return "in takes at least one value";
        }
        return op.jsonName() + " takes one value, not " + n;
    }

    private static List<String> betterOperators(Operator wrong, Set<Operator> allowed) {
        List<Operator> preference = switch (wrong) {
            case CONTAINS -> List.of(Operator.EQ, Operator.IN, Operator.BEGINS_WITH);
            case BEGINS_WITH -> List.of(Operator.EQ, Operator.IN, Operator.CONTAINS);
            case GT, GTE, LT, LTE, BETWEEN -> List.of(Operator.EQ, Operator.NE, Operator.IN);
            default -> List.of(Operator.EQ, Operator.IN);
        };
        return preference.stream().filter(allowed::contains).map(Operator::jsonName).toList();
    }

    /** The value in canonical form, or the value as given after adding an error. */
    Object value(Object v, Field field, String name, String path, Mode mode, Errors errors) {
        FieldType type = field.type();
        if (v == null) {
            errors.add(ErrorCode.WRONG_VALUE_TYPE, path, q(name) + " is compared with no value");
            return null;
        }
        if (v instanceof String s && s.length() > limits.maxStringLength()) {
            errors.add(ErrorCode.STRING_TOO_LONG, path, "the value has " + s.length() + " characters; at most "
                    + limits.maxStringLength() + " are allowed");
            return v;
        }
        if (type.isNumeric()) {
            return number(v, field, name, path, errors);
        }
        if (type == FieldType.BOOLEAN) {
            if (!(v instanceof Boolean)) {
                List<String> fix = v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))
                        ? List.of(s.toLowerCase(java.util.Locale.ROOT)) : List.of();
                errors.add(ErrorCode.WRONG_VALUE_TYPE, path, q(name) + " is true or false, not " + Text.value(v)
                        + (v instanceof String ? " as a string" : ""), fix);
            }
            return v;
        }
        if (!(v instanceof String s)) {
            errors.add(ErrorCode.WRONG_VALUE_TYPE, path, q(name) + " is " + Text.lower(type) + "; write "
                    + Text.value(v) + " as a string", List.of(String.valueOf(v)));
            return v;
        }
        if (type == FieldType.ENUM) {
            return enumValue(s, field, name, path, mode, errors);
        }
        if (type == FieldType.DATE && !isDate(s)) {
            errors.add(ErrorCode.INVALID_DATE, path, Text.value(s) + " is not a date as YYYY-MM-DD", repairDate(s));
        } else if (type == FieldType.TIMESTAMP && !isTimestamp(s)) {
            errors.add(ErrorCode.INVALID_DATE, path, Text.value(s)
                    + " is not an ISO-8601 timestamp (2026-06-30T12:00:00Z) or date (2026-06-30)", repairDate(s));
        }
        return s;
    }

    private Object number(Object v, Field field, String name, String path, Errors errors) {
        boolean integer = field.type() == FieldType.INTEGER;
        String kind = integer ? "a whole number" : "a number";
        if (v instanceof BigDecimal d) {
            if (Math.abs((long) d.precision() - d.scale()) > MAX_EXPONENT || Math.abs((long) d.scale()) > MAX_EXPONENT) {
                errors.add(ErrorCode.WRONG_VALUE_TYPE, path, Text.value(d) + " is out of range for " + q(name));
            } else if (integer && d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                errors.add(ErrorCode.WRONG_VALUE_TYPE, path, q(name) + " is " + kind + ", not " + Text.value(d));
            }
            return v;
        }
        List<String> fix = List.of();
        if (v instanceof String s && s.length() <= 40) {
            try {
                BigDecimal d = new BigDecimal(s.trim().replace(",", "").replace("$", ""));
                fix = List.of(d.toString());
            } catch (NumberFormatException e) {
                // not a number in a string either; no repair to offer
            }
        }
        errors.add(ErrorCode.WRONG_VALUE_TYPE, path, q(name) + " is " + kind + "; write " + Text.value(v)
                + (v instanceof String ? " without quotes" : " as a number"), fix);
        return v;
    }

    private Object enumValue(String s, Field field, String name, String path, Mode mode, Errors errors) {
        for (EnumValue ev : field.values()) {
            if (ev.value().equals(s)) {
                return s;
            }
        }
        Optional<String> canonical = field.canonicalValue(s);
        if (canonical.isPresent() && mode == Mode.QUERY) {
            return canonical.get();
        }
        List<String> all = field.values().stream().map(EnumValue::value).toList();
        if (canonical.isPresent()) {
            errors.add(ErrorCode.UNKNOWN_ENUM_VALUE, path, "a predicate of the data model writes values exactly; "
                    + Text.value(s) + " of " + q(name) + " is " + Text.value(canonical.get()), List.of(canonical.get()));
        } else {
            errors.add(ErrorCode.UNKNOWN_ENUM_VALUE, path, Text.value(s) + " is not a value of " + q(name)
                    + "; it is one of " + Text.list(all), names.enumValues(field, s));
        }
        return s;
    }

    private static boolean isAbove(Object low, Object high, FieldType type) {
        if (low instanceof BigDecimal a && high instanceof BigDecimal b) {
            return a.compareTo(b) > 0;
        }
        if (type == FieldType.DATE && low instanceof String a && high instanceof String b) {
            return LocalDate.parse(a).isAfter(LocalDate.parse(b));
        }
        return false;
    }

    static boolean isDate(String s) {
        if (!ISO_DATE.matcher(s).matches()) {
            return false;
        }
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isTimestamp(String s) {
        if (s.length() < 10 || !ISO_DATE.matcher(s.substring(0, 10)).matches()) {
            return false;
        }
        if (s.length() == 10) {
            return isDate(s);
        }
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(s);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    /** A date written another common, unambiguous way, rewritten as YYYY-MM-DD. */
    private static List<String> repairDate(String s) {
        if (s.length() > 40) {
            return List.of();
        }
        String t = s.trim();
        if (t.length() > 10 && isDate(t.substring(0, 10))) {
            return List.of(t.substring(0, 10));
        }
        for (String pattern : List.of("yyyy/MM/dd", "yyyy.MM.dd", "yyyyMMdd", "yyyy-M-d", "yyyy/M/d")) {
            try {
                return List.of(LocalDate.parse(t, DateTimeFormatter.ofPattern(pattern)).toString());
            } catch (DateTimeParseException e) {
                // try the next way of writing it
            }
        }
        return List.of();
    }
}
