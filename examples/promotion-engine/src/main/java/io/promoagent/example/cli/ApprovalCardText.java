package io.promoagent.example.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.approval.ApprovalCard;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;

/**
 * An approval as the terminal shows it, in the page card's order: the one-line summary, the audience and
 * reachable counts, the predicted figures with their ranges, the warnings, where it stands and how to decide;
 * the details (comparables, the full preview, the sample e-mail) only when asked for.
 */
final class ApprovalCardText {

    /** The characters of an id the terminal shows; any 8 or more of its start are accepted back. */
    static final int SHORT_ID = 8;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private ApprovalCardText() {
    }

    /** The card's lines (summary, counts, figures, warnings) of a change set, as a reply block or the API gives it. */
    static void card(String summary, int affectedCount, JsonNode preview, StringBuilder s) {
        ApprovalCard card = ApprovalCard.of(summary, affectedCount, preview, "$");
        s.append(card.summary()).append('\n');
        card.counts().forEach(l -> s.append("  ").append(l).append('\n'));
        card.figures().forEach(l -> s.append("  ").append(l).append('\n'));
        card.warnings().forEach(w -> s.append("  Warning: ").append(w).append('\n'));
    }

    /** An id as the terminal shows it: its first 8 characters. */
    static String shortId(String id) {
        return id.length() > SHORT_ID ? id.substring(0, SHORT_ID) : id;
    }

    /** The card of an approval as {@code GET /api/approvals/ID} gives it. */
    static String render(JsonNode a, boolean details) {
        StringBuilder s = new StringBuilder();
        card(a.path("summary").asText(), a.path("affectedCount").asInt(), a.path("preview"), s);
        String id = a.path("approvalId").asText();
        String shortId = shortId(id);
        String status = a.path("status").asText();
        s.append('\n').append(status);
        if (status.equals("pending") && a.hasNonNull("expiresAt")) {
            s.append(", expires ").append(TIME.format(Instant.parse(a.path("expiresAt").asText())));
        }
        s.append("; proposed by ").append(a.path("requester").asText());
        if (a.hasNonNull("decidedBy")) {
            s.append("; decided by ").append(a.path("decidedBy").asText());
        }
        if (a.hasNonNull("resultSummary")) {
            s.append("; ").append(a.path("resultSummary").asText());
        }
        s.append('\n').append("approval ").append(id).append(", change set ").append(a.path("changeSetId").asText()).append('\n');
        if (status.equals("pending")) {
            s.append("Approve: promo-agent approvals approve ").append(shortId)
                    .append("    Reject: promo-agent approvals reject ").append(shortId).append(" --reason TEXT\n");
        } else if (status.equals("applied")) {
            s.append("Roll back: promo-agent approvals rollback ").append(shortId).append('\n');
        }
        if (details) {
            s.append("\nDetails:\n");
            if (a.has("preview")) {
                tree(a.path("preview"), "  ", s);
            } else {
                s.append("  (the preview is shown to marketers, approvers and admins only)\n");
            }
        } else {
            s.append("Details (comparables, the full preview, the sample e-mail): promo-agent approvals show ")
                    .append(shortId).append(" --details\n");
        }
        return s.toString();
    }

    /** A JSON tree as indented "name: value" lines, lists as "- " items. */
    private static void tree(JsonNode n, String indent, StringBuilder s) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey().replace('_', ' ');
                if (e.getValue().isValueNode()) {
                    s.append(indent).append(name).append(": ").append(value(e.getValue())).append('\n');
                } else if (e.getValue().isEmpty()) {
                    s.append(indent).append(name).append(": none\n");
                } else {
                    s.append(indent).append(name).append(":\n");
                    tree(e.getValue(), indent + "  ", s);
                }
            }
        } else if (n.isArray()) {
            for (JsonNode item : n) {
                if (item.isValueNode()) {
                    s.append(indent).append("- ").append(value(item)).append('\n');
                } else {
                    s.append(indent).append("-\n");
                    tree(item, indent + "  ", s);
                }
            }
        } else {
            s.append(indent).append(value(n)).append('\n');
        }
    }

    private static String value(JsonNode v) {
        if (v.isNull()) {
            return "none";
        }
        if (v.isNumber()) {
            return v.decimalValue().toPlainString();
        }
        // a multi-line text (a sample e-mail's body) keeps its lines, indented under its name
        return v.asText().replace("\n", "\n      ");
    }
}
