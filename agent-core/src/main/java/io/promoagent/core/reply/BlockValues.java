package io.promoagent.core.reply;

import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Keeps the values in blocks to those of a row: String, exact BigDecimal, Boolean; absent, never null. */
final class BlockValues {

    private BlockValues() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(Map<String, ?> values) {
        if (Row.isValuesOfARow(values)) {
            return (Map<String, Object>) values; // immutable and checked: the values of a query's row
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                copy.put(k, value(k, v));
            }
        });
        return Collections.unmodifiableMap(copy);
    }

    static List<Map<String, Object>> rows(List<? extends Map<String, ?>> rows) {
        return rows.stream().map(BlockValues::row).toList();
    }

    // JSON reading yields Integer, Long or BigInteger for whole numbers; a block holds them as BigDecimal
    private static Object value(String field, Object v) {
        if (v instanceof String || v instanceof Boolean || v instanceof BigDecimal) {
            return v;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
            return new BigDecimal(v.toString());
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue());
        }
        throw new IllegalArgumentException("field '" + field + "' holds a " + v.getClass().getSimpleName()
                + "; a block holds String, number or Boolean values");
    }
}
