package io.promoagent.core.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.internal.json.RecordJson;
import io.promoagent.core.ToolEffect;
import io.promoagent.schema.source.Row;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON form of an {@link ApprovalRecord}, exact to the decimal, so that a store outside the process
 * (DynamoDB, a file) keeps a record that hashes to the same value when read back.
 */
final class ApprovalRecordJson {

    private static final JsonNodeFactory F = new JsonNodeFactory(true);
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(F)
            .build();

    private ApprovalRecordJson() {
    }

    public static String write(ApprovalRecord r) {
        ObjectNode n = F.objectNode();
        n.put("approvalId", r.approvalId());
        n.set("changeSet", changeSet(r.changeSet()));
        n.put("hash", r.hash());
        n.put("affectedCount", r.affectedCount());
        n.put("policyVersion", r.policyVersion());
        n.put("status", r.status().name());
        n.put("expiresAt", r.expiresAt().toString());
        r.decidedBy().ifPresent(v -> n.put("decidedBy", v));
        r.decidedAt().ifPresent(v -> n.put("decidedAt", v.toString()));
        r.reason().ifPresent(v -> n.put("reason", v));
        r.tokenNonce().ifPresent(v -> n.put("tokenNonce", v));
        r.grantExpiresAt().ifPresent(v -> n.put("grantExpiresAt", v.toString()));
        r.result().ifPresent(v -> {
            ObjectNode res = n.putObject("result");
            res.put("changeSetId", v.changeSetId());
            res.put("summary", v.summary());
            res.set("applied", affected(v.applied()));
        });
        r.rollbackOf().ifPresent(v -> n.put("rollbackOf", v));
        r.attempt().ifPresent(a -> {
            ObjectNode at = n.putObject("attempt");
            at.put("appliedBy", a.appliedBy());
            at.put("sessionId", a.sessionId());
            at.put("startedAt", a.startedAt().toString());
        });
        n.put("revision", r.revision());
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ApprovalRecord read(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ApprovalException(ApprovalException.CORRUPT_RECORD, "a stored approval is not valid JSON: " + e.getOriginalMessage());
        }
        Optional<ApplyResult> result = Optional.empty();
        if (n.hasNonNull("result")) {
            JsonNode res = n.get("result");
            result = Optional.of(new ApplyResult(res.get("changeSetId").textValue(), affected(res.get("applied")),
                    res.get("summary").textValue()));
        }
        return new ApprovalRecord(
                n.get("approvalId").textValue(),
                changeSet(n.get("changeSet")),
                n.get("hash").textValue(),
                n.get("affectedCount").intValue(),
                n.get("policyVersion").textValue(),
                ApprovalStatus.valueOf(n.get("status").textValue()),
                Instant.parse(n.get("expiresAt").textValue()),
                text(n, "decidedBy"),
                text(n, "decidedAt").map(Instant::parse),
                text(n, "reason"),
                text(n, "tokenNonce"),
                text(n, "grantExpiresAt").map(Instant::parse),
                result,
                text(n, "rollbackOf"),
                n.hasNonNull("attempt") ? Optional.of(new ApplyAttempt(n.get("attempt").get("appliedBy").textValue(),
                        n.get("attempt").get("sessionId").textValue(),
                        Instant.parse(n.get("attempt").get("startedAt").textValue()))) : Optional.empty(),
                n.get("revision").longValue());
    }

    private static ObjectNode changeSet(ChangeSet cs) {
        ObjectNode n = F.objectNode();
        n.put("id", cs.id());
        n.put("tool", cs.tool());
        n.put("effect", cs.effect().jsonName());
        n.set("arguments", cs.arguments());
        n.put("summary", cs.summary());
        n.set("affected", affected(cs.affected()));
        n.set("preview", cs.preview());
        n.put("requester", cs.requester());
        n.put("createdAt", cs.createdAt().toString());
        return n;
    }

    private static ChangeSet changeSet(JsonNode n) {
        return ChangeSet.builder()
                .id(n.get("id").textValue())
                .tool(n.get("tool").textValue())
                .effect(ToolEffect.fromJson(n.get("effect").textValue()))
                .arguments(n.get("arguments"))
                .summary(n.get("summary").textValue())
                .affected(affected(n.get("affected")))
                .preview(n.get("preview"))
                .requester(n.get("requester").textValue())
                .createdAt(Instant.parse(n.get("createdAt").textValue()))
                .build();
    }

    private static ArrayNode affected(List<AffectedRecord> records) {
        ArrayNode a = F.arrayNode();
        for (AffectedRecord r : records) {
            ObjectNode o = a.addObject();
            o.put("entity", r.entity());
            o.set("key", values(r.key()));
            o.put("operation", r.operation().name());
            r.before().ifPresent(b -> o.set("before", values(b.values())));
            r.after().ifPresent(b -> o.set("after", values(b.values())));
            r.version().ifPresent(v -> o.put("version", v));
        }
        return a;
    }

    private static List<AffectedRecord> affected(JsonNode a) {
        List<AffectedRecord> out = new ArrayList<>();
        for (JsonNode o : a) {
            out.add(new AffectedRecord(o.get("entity").textValue(), values(o.get("key")),
                    AffectedRecord.Operation.valueOf(o.get("operation").textValue().toUpperCase(Locale.ROOT)),
                    o.hasNonNull("before") ? Optional.of(Row.of(values(o.get("before")))) : Optional.empty(),
                    o.hasNonNull("after") ? Optional.of(Row.of(values(o.get("after")))) : Optional.empty(),
                    text(o, "version")));
        }
        return out;
    }

    private static ObjectNode values(Map<String, Object> values) {
        return RecordJson.write(values, F);
    }

    private static Map<String, Object> values(JsonNode o) {
        return RecordJson.read(o);
    }

    private static Optional<String> text(JsonNode n, String field) {
        return n.hasNonNull(field) ? Optional.of(n.get(field).textValue()) : Optional.empty();
    }
}
