package io.promoagent.core.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The JSON form of an {@link AuditRecord}, written and read by hand so that it is exact: the hash is
 * computed over this very form (minus {@code hash}), so a field that changed name or type would change
 * every hash.
 */
final class AuditRecordJson {

    /** The fields, in the order they are written. */
    static final List<String> FIELDS = List.of("sequence", "previousHash", "hash", "at", "action", "principal",
            "sessionId", "requestId", "tool", "effect", "argumentsHash", "outcome", "changeSetId", "approvalId",
            "affectedCount", "detail");

    private static final Set<String> FIELD_SET = Set.copyOf(FIELDS);

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private AuditRecordJson() {
    }

    static ObjectNode toTree(AuditRecord r) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("sequence", r.sequence());
        o.put("previousHash", r.previousHash());
        o.put("hash", r.hash());
        o.put("at", r.at().toString());
        o.put("action", r.action().jsonName());
        o.put("principal", r.principal());
        o.put("sessionId", r.sessionId());
        o.put("requestId", r.requestId());
        o.put("tool", r.tool());
        o.put("effect", r.effect().map(ToolEffect::jsonName).orElse(null));
        o.put("argumentsHash", r.argumentsHash());
        o.put("outcome", r.outcome());
        o.put("changeSetId", r.changeSetId().orElse(null));
        o.put("approvalId", r.approvalId().orElse(null));
        o.put("affectedCount", r.affectedCount());
        o.put("detail", r.detail());
        return o;
    }

    static String write(AuditRecord r) {
        try {
            return MAPPER.writeValueAsString(toTree(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    static AuditRecord read(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed("not JSON: " + e.getOriginalMessage());
        }
        return read(tree);
    }

    static AuditRecord read(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw malformed("not a JSON object");
        }
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELD_SET.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw malformed("unknown fields " + unknown);
        }
        for (String name : FIELDS) {
            if (!json.has(name)) {
                throw malformed("field '" + name + "' is missing");
            }
        }
        long sequence = integral(json, "sequence", Long.MAX_VALUE);
        if (sequence < 1) {
            throw malformed("field 'sequence' must be at least 1");
        }
        int affected = (int) integral(json, "affectedCount", Integer.MAX_VALUE);
        return new AuditRecord(
                sequence,
                text(json, "previousHash"),
                text(json, "hash"),
                instant(json, "at"),
                action(json),
                text(json, "principal"),
                text(json, "sessionId"),
                text(json, "requestId"),
                text(json, "tool"),
                optionalText(json, "effect").map(AuditRecordJson::effect),
                text(json, "argumentsHash"),
                text(json, "outcome"),
                optionalText(json, "changeSetId"),
                optionalText(json, "approvalId"),
                affected,
                text(json, "detail"));
    }

    private static long integral(JsonNode json, String name, long max) {
        JsonNode n = json.get(name);
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0 || n.longValue() > max) {
            throw malformed("field '" + name + "' must be a whole number from 0 to " + max);
        }
        return n.longValue();
    }

    private static String text(JsonNode json, String name) {
        JsonNode n = json.get(name);
        if (!n.isTextual()) {
            throw malformed("field '" + name + "' must be a string");
        }
        return n.textValue();
    }

    private static Optional<String> optionalText(JsonNode json, String name) {
        return json.get(name).isNull() ? Optional.empty() : Optional.of(text(json, name));
    }

    private static Instant instant(JsonNode json, String name) {
        String s = text(json, name);
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw malformed("field '" + name + "' must be an ISO-8601 instant, not '" + s + "'");
        }
    }

    private static AuditAction action(JsonNode json) {
        String s = text(json, "action");
        for (AuditAction a : AuditAction.values()) {
            if (a.jsonName().equals(s)) {
                return a;
            }
        }
        throw malformed("field 'action' has no value '" + s + "'");
    }

    private static ToolEffect effect(String s) {
        for (ToolEffect e : ToolEffect.values()) {
            if (e.jsonName().equals(s)) {
                return e;
            }
        }
        throw malformed("field 'effect' has no value '" + s + "'");
    }

    private static AuditException malformed(String problem) {
        return new AuditException("malformed audit record: " + problem);
    }
}
