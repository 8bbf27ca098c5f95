package io.promoagent.jdbc.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.schema.source.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Affected records as JSON, exactly (numbers keep their scale), so that a write's result can be kept with its
 * idempotency token and handed out again on a repeat, and so that changes can be hashed to tell a repeat
 * from another write under the same token.
 */
final class RecordCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private RecordCodec() {
    }

    static String write(List<AffectedRecord> records) {
        ArrayNode array = JSON.createArrayNode();
        for (AffectedRecord r : records) {
            ObjectNode o = array.addObject();
            o.put("entity", r.entity());
            o.set("key", values(r.key()));
            o.put("operation", r.operation().name());
            r.before().ifPresent(b -> o.set("before", values(b.values())));
            r.after().ifPresent(a -> o.set("after", values(a.values())));
            r.version().ifPresent(v -> o.put("version", v));
        }
        try {
            return JSON.writeValueAsString(array);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<AffectedRecord> read(String json) {
        try {
            List<AffectedRecord> out = new ArrayList<>();
            for (JsonNode o : JSON.readTree(json)) {
                out.add(new AffectedRecord(o.get("entity").asText(), values(o.get("key")),
                        AffectedRecord.Operation.valueOf(o.get("operation").asText()),
                        Optional.ofNullable(o.get("before")).map(n -> new Row(values(n))),
                        Optional.ofNullable(o.get("after")).map(n -> new Row(values(n))),
                        Optional.ofNullable(o.get("version")).map(JsonNode::asText)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A hash of the changes, to tell a repeat of a write from another write under the same token. */
    static String hash(List<AffectedRecord> records) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(write(records).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static ObjectNode values(Map<String, Object> values) {
        ObjectNode o = JSON.createObjectNode();
        values.forEach((k, v) -> {
            if (v instanceof BigDecimal d) {
                o.put(k, d);
            } else if (v instanceof Boolean b) {
                o.put(k, b);
            } else if (v != null) {
                o.put(k, (String) v);
            }
        });
        return o;
    }

    private static Map<String, Object> values(JsonNode node) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            out.put(e.getKey(), v.isNumber() ? v.decimalValue() : v.isBoolean() ? (Object) v.booleanValue() : v.asText());
        }
        return out;
    }
}
