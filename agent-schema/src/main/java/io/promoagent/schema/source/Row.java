package io.promoagent.schema.source;

import java.math.BigDecimal;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
        // another row's values, or a projection's, are checked and immutable already
        values = values instanceof Values ? values : checkedCopy(values);
    }

    private static Values checkedCopy(Map<String, Object> values) {
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
        return new Values(copy);
    }

    /**
     * Whether {@code map} is the values of a row: immutable, String, BigDecimal or Boolean values, no null.
     * Whoever keeps values (a reply's table) can keep such a map as it is instead of copying and checking it.
     */
    public static boolean isValuesOfARow(Map<?, ?> map) {
        return map instanceof Values;
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
        return new Row(new Values(m)); // values of this row: checked already
    }

    /** The values of a row: an unmodifiable view of a map no one else holds, in the order given. */
    private static final class Values extends AbstractMap<String, Object> {
        private final Map<String, Object> view;

        private Values(LinkedHashMap<String, Object> owned) {
            this.view = Collections.unmodifiableMap(owned);
        }

        @Override
        public Object get(Object key) {
            return view.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return view.containsKey(key);
        }

        @Override
        public int size() {
            return view.size();
        }

        @Override
        public Set<Map.Entry<String, Object>> entrySet() {
            return view.entrySet();
        }

        @Override
        public Set<String> keySet() {
            return view.keySet();
        }

        @Override
        public java.util.Collection<Object> values() {
            return view.values();
        }

        @Override
        public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
            view.forEach(action);
        }
    }
}
