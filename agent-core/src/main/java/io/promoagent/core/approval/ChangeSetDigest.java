package io.promoagent.core.approval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.internal.json.CanonicalJson;
import java.math.BigDecimal;

/**
 * The hash an approval binds to: SHA-256 of the RFC 8785 canonical JSON of the change set's tool,
 * arguments, affected keys, operations and versions, preview digest, requester and the policy version.
 * Any change to what was approved — one argument, one more affected record, a changed version, another
 * preview — gives another hash.
 */
final class ChangeSetDigest {

    private static final JsonNodeFactory F = new JsonNodeFactory(true);

    private ChangeSetDigest() {
    }

    public static String of(ChangeSet changeSet, String policyVersion) {
        ObjectNode n = F.objectNode();
        n.put("changeSetId", changeSet.id());
        n.put("tool", changeSet.tool());
        n.put("effect", changeSet.effect().jsonName());
        n.set("arguments", changeSet.arguments());
        ArrayNode affected = n.putArray("affected");
        for (AffectedRecord r : changeSet.affected()) {
            ObjectNode o = affected.addObject();
            o.put("entity", r.entity());
            ObjectNode key = o.putObject("key");
            r.key().forEach((k, v) -> {
                if (v instanceof BigDecimal d) {
                    key.put(k, d);
                } else if (v instanceof Boolean b) {
                    key.put(k, b);
                } else {
                    key.put(k, v.toString());
                }
            });
            o.put("operation", r.operation().jsonName());
            r.version().ifPresent(v -> o.put("version", v));
            r.after().ifPresent(a -> o.put("after", CanonicalJson.sha256(changeSet.toJson().path("affected")
                    .get(changeSet.affected().indexOf(r)).path("after"))));
        }
        n.put("previewDigest", CanonicalJson.sha256(changeSet.preview()));
        n.put("summary", changeSet.summary());
        n.put("requester", changeSet.requester());
        n.put("policyVersion", policyVersion);
        return CanonicalJson.sha256(n);
    }
}
