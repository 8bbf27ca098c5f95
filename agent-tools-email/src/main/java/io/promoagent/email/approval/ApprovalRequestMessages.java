package io.promoagent.email.approval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.approval.ApprovalCard;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.email.EmailAddress;
import io.promoagent.email.EmailMessage;
import io.promoagent.email.OutboxEntry;
import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The approval request as approvers receive it: the card (summary, counts, predicted figures, warnings),
 * when it expires and the link to the approval in the page, as an e-mail to each approver and as the JSON
 * body of a chat webhook.
 */
final class ApprovalRequestMessages {

    /** Anything shaped like an e-mail address, kept out of a webhook, which a whole chat channel reads. */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private ApprovalRequestMessages() {
    }

    /** One e-mail per approver, keyed for the outbox under {@code outboxKey}. */
    static List<EmailMessage> emails(ApprovalRecord record, ApprovalCard card, URI link, EmailAddress from,
                                     List<EmailAddress> approvers, String outboxKey) {
        String subject = oneLine("Approval requested: " + card.summary(), 180);
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder("<!doctype html><html><body style=\"font-family:sans-serif\">");
        text.append(card.summary()).append("\n\n");
        html.append("<p><strong>").append(escape(card.summary())).append("</strong></p><ul>");
        List<String> lines = new ArrayList<>(card.counts());
        lines.addAll(card.figures());
        for (String l : lines) {
            text.append(l).append('\n');
            html.append("<li>").append(escape(l)).append("</li>");
        }
        html.append("</ul>");
        if (!card.warnings().isEmpty()) {
            text.append("\nWarnings:\n");
            html.append("<p>Warnings:</p><ul>");
            for (String w : card.warnings()) {
                text.append("- ").append(w).append('\n');
                html.append("<li>").append(escape(w)).append("</li>");
            }
            html.append("</ul>");
        }
        String expiry = "Proposed by " + record.changeSet().requester() + "; it expires at "
                + DateTimeFormatter.ISO_INSTANT.format(record.expiresAt()) + " unless decided.";
        text.append('\n').append(expiry).append("\nDecide in the page: ").append(link).append('\n')
                .append("(approval ").append(record.approvalId()).append(")\n");
        html.append("<p>").append(escape(expiry)).append("</p><p><a href=\"").append(escape(link.toString()))
                .append("\">Open the approval</a> (approval ").append(escape(record.approvalId())).append(")</p></body></html>");
        List<EmailMessage> out = new ArrayList<>();
        for (EmailAddress to : approvers) {
            out.add(new EmailMessage(from, to, subject, text.toString(), html.toString(), Map.of(),
                    OutboxEntry.keyOf(outboxKey, to)));
        }
        return out;
    }

    /**
     * The webhook's body: {@code {"text": ...}}, which both Slack and Microsoft Teams incoming webhooks
     * accept, with the summary, the counts and the link; no e-mail address, whatever the summary says.
     */
    static String webhookBody(ApprovalRecord record, ApprovalCard card, URI link) {
        StringBuilder text = new StringBuilder("Approval requested: ").append(card.summary());
        for (String l : card.counts()) {
            text.append('\n').append(l);
        }
        for (String l : card.figures()) {
            text.append('\n').append(l);
        }
        if (!card.warnings().isEmpty()) {
            text.append('\n').append(card.warnings().size()).append(card.warnings().size() == 1 ? " warning" : " warnings");
        }
        text.append("\nDecide in the page: ").append(link);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("text", ADDRESS.matcher(text).replaceAll("[address]"));
        return body.toString();
    }

    private static String oneLine(String s, int max) {
        String line = s.replaceAll("[\\r\\n]+", " ");
        return line.length() <= max ? line : line.substring(0, max - 1) + "\u2026";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
