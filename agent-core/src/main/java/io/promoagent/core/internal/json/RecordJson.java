package io.promoagent.core.internal.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of a record's values (a key, a before- or after-image): numbers as JSON numbers, booleans
 * as booleans, everything else as strings; and back.
 */
public final class RecordJson {

    private RecordJson() {
    }

    /** The values as a JSON object made by {@code factory} (whose decimal handling decides the scale kept). */
    public static ObjectNode write(Map<String, Object> values, JsonNodeFactory factory) {
        ObjectNode o = factory.objectNode();
        values.forEach((k, v) -> {
            if (v instanceof BigDecimal d) {
                o.put(k, d);
            } else if (v instanceof Boolean b) {
                o.put(k, b);
            } else {
                o.put(k, String.valueOf(v));
            }
        });
        return o;
    }

    /** The values of a JSON object written by {@link #write}: numbers as {@link BigDecimal}. */
    public static Map<String, Object> read(JsonNode o) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            m.put(e.getKey(), v.isNumber() ? v.decimalValue() : v.isBoolean() ? (Object) v.booleanValue() : v.asText());
        }
        return m;
    }
}
