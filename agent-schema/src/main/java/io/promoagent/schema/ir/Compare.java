package io.promoagent.schema.ir;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * Compares a field with values: {@code total_spent > 1000}, {@code country in (DE, FR)}.
 *
 * @param field      the field of the query's entity
 * @param op         the operator
 * @param values     its values: {@link String} (also for dates and enums), {@link BigDecimal} or
 *                   {@link Boolean}; as many as the operator takes
 * @param ignoreCase whether string comparison ignores case ({@code name = "john smith"})
 */
public record Compare(String field, Operator op, List<Object> values, boolean ignoreCase) implements Filter {

    public Compare {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(op, "op");
        values = List.copyOf(values);
        for (Object v : values) {
            if (!(v instanceof String || v instanceof BigDecimal || v instanceof Boolean)) {
                throw new IllegalArgumentException(
                        "a value must be a String, BigDecimal or Boolean, not " + v.getClass().getName());
            }
        }
    }

    public static Compare of(String field, Operator op, Object... values) {
        return new Compare(field, op, normalise(values), false);
    }

    public static Compare eq(String field, Object value) {
        return of(field, Operator.EQ, value);
    }

    /** The only value of a single-valued comparison. */
    public Object value() {
        if (values.size() != 1) {
            throw new IllegalStateException(op.jsonName() + " has " + values.size() + " values");
        }
        return values.get(0);
    }

    /** Converts Java numbers to {@link BigDecimal}, so that equal values are equal records. */
    static List<Object> normalise(Object... values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = normalise(values[i]);
        }
        return List.of(out);
    }

    static Object normalise(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof Double || v instanceof Float) {
            return new BigDecimal(v.toString());
        }
        if (v instanceof java.time.LocalDate d) {
            return d.toString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        return v;
    }
}
