package io.promoagent.schema.source;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One record read from a source, as field name to value.
 *
 * <p>Values are {@link String} (strings, enums, dates as {@code YYYY-MM-DD}, timestamps as ISO-8601),
 * {@link BigDecimal} (numbers and integers) or {@link Boolean}; an absent field has no entry (never a
 * null value). Immutable; equal by content.
 *
 * @param values the values, in the order the source gave them
 */
public record Row(Map<String, Object> values) {

    public Row {
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, "field name");
            if (v != null) {
                if (!(v instanceof String || v instanceof BigDecimal || v instanceof Boolean)) {
                    throw new IllegalArgumentException("field '" + k + "' holds a " + v.getClass().getSimpleName()
                            + "; a row holds String, BigDecimal or Boolean values");
                }
                copy.put(k, v);
            }
        });
        values = Collections.unmodifiableMap(copy);
    }

    public static Row of(Map<String, Object> values) {
        return new Row(values);
    }

    public Optional<Object> get(String field) {
        return Optional.ofNullable(values.get(field));
    }

    /** The value, or null when the field is absent. */
    public Object valueOrNull(String field) {
        return values.get(field);
    }

    /** A row with only the given fields (those present). */
    public Row project(java.util.Collection<String> fields) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        for (String f : fields) {
            Object v = values.get(f);
            if (v != null) {
                m.put(f, v);
            }
        }
        return new Row(m);
    }
}
