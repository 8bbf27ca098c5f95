package io.promoagent.example.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditVerification;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.email.EmailMessage;
import java.time.LocalDate;
import java.util.List;

/**
 * The JSON the page's views read from {@code /api/approvals}, {@code /api/audit}, {@code /api/outbox} and
 * {@code /api/demo-users} and {@code /api/sign-in}. Approvals leave out what only the approval service needs (the token nonce).
 */
public final class ApiViews {

    private static final ObjectMapper MAPPER = ServerMessages.mapper();

    private ApiViews() {
    }

    /**
     * The approvals, oldest first.
     *
     * @param withPreviews whether to include previews, which may hold contact details (a sample e-mail's
     *                     recipient); left out for roles that may not see them
     */
    public static String approvals(List<ApprovalRecord> records, boolean withPreviews) {
        ArrayNode list = MAPPER.createArrayNode();
        for (ApprovalRecord r : records) {
            list.add(approvalNode(r, withPreviews));
        }
        return ServerMessages.write(list);
    }

    /** One approval as {@code GET /api/approvals/{id}} answers it: the fields of a list entry. */
    public static String approval(ApprovalRecord record, boolean withPreview) {
        return ServerMessages.write(approvalNode(record, withPreview));
    }

    private static ObjectNode approvalNode(ApprovalRecord r, boolean withPreviews) {
        ChangeSet cs = r.changeSet();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("approvalId", r.approvalId());
        n.put("changeSetId", cs.id());
        n.put("tool", cs.tool());
        n.put("effect", cs.effect().jsonName());
        n.put("summary", cs.summary());
        n.put("affectedCount", r.affectedCount());
        n.put("status", r.status().jsonName());
        n.put("requester", cs.requester());
        n.put("createdAt", cs.createdAt().toString());
        n.put("expiresAt", r.expiresAt().toString());
        r.decidedBy().ifPresent(v -> n.put("decidedBy", v));
        r.decidedAt().ifPresent(v -> n.put("decidedAt", v.toString()));
        r.reason().ifPresent(v -> n.put("reason", v));
        r.rollbackOf().ifPresent(v -> n.put("rollbackOf", v));
        // an apply under way, or cut short by a crash until the next recovery: who and since when
        r.attempt().filter(a -> r.status() == ApprovalStatus.APPLYING).ifPresent(a -> {
            n.put("applyingBy", a.appliedBy());
            n.put("applyingSince", a.startedAt().toString());
        });
        r.result().ifPresent(v -> {
            n.put("resultSummary", v.summary());
            n.put("appliedCount", v.appliedCount());
        });
        if (withPreviews) {
            n.set("preview", cs.preview());
        }
        return n;
    }

    /**
     * One page of the audit chain, with the verdict on the whole chain and the cursors of the pages before
     * and after it ({@code null} at either end).
     *
     * @param head  the last sequence number of the chain
     * @param from  the first sequence number asked for
     * @param limit the page size asked for
     */
    public static String audit(List<AuditRecord> records, AuditVerification verification, long head, long from, int limit) {
        ObjectNode n = MAPPER.createObjectNode();
        n.set("verification", verification(verification));
        n.put("head", head);
        n.put("from", from);
        n.put("limit", limit);
        long last = records.isEmpty() ? from - 1 : records.get(records.size() - 1).sequence();
        if (last < head) {
            n.put("next", last + 1);
        } else {
            n.putNull("next");
        }
        if (from > 1) {
            n.put("previous", Math.max(1, from - limit));
        } else {
            n.putNull("previous");
        }
        ArrayNode list = n.putArray("records");
        records.forEach(r -> list.add(r.toTree()));
        return ServerMessages.write(n);
    }

    /** A verdict on the audit chain as JSON, as {@code /api/audit} and {@code audit verify --json} show it. */
    public static ObjectNode verification(AuditVerification verification) {
        ObjectNode v = MAPPER.createObjectNode();
        v.put("valid", verification.valid());
        v.put("recordsChecked", verification.recordsChecked());
        if (verification.firstBadSequence().isPresent()) {
            v.put("firstBadSequence", verification.firstBadSequence().getAsLong());
        } else {
            v.putNull("firstBadSequence");
        }
        v.put("problem", verification.problem());
        return v;
    }

    public static String outbox(List<EmailMessage> messages) {
        ArrayNode list = MAPPER.createArrayNode();
        for (EmailMessage m : messages) {
            ObjectNode n = list.addObject();
            n.put("messageId", m.messageId());
            n.put("from", m.from().toString());
            n.put("to", m.to().toString());
            n.put("subject", m.subject());
            n.put("text", m.text());
            n.put("html", m.html());
            ObjectNode headers = n.putObject("headers");
            m.headers().forEach(headers::put);
        }
        return ServerMessages.write(list);
    }

    /**
     * The demo users and the date the data treats as today.
     *
     * @param withKeys whether to include their API keys: only for the page that presented the sign-in secret
     */
    public static String demoUsers(List<DemoUser> users, boolean withKeys, LocalDate dataAsOf) {
        ObjectNode answer = MAPPER.createObjectNode();
        answer.put("dataAsOf", dataAsOf.toString());
        ArrayNode list = answer.putArray("users");
        for (DemoUser u : users) {
            ObjectNode n = ServerMessages.user(u.principal());
            if (withKeys) {
                n.put("key", u.apiKey());
            }
            list.add(n);
        }
        return ServerMessages.write(answer);
    }
}
