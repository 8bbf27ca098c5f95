package io.promoagent.email;

import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The message the send_email tool sends: a template for an e-mail about a promotion, or a free-text one,
 * with a footer that names the sender's postal address and the recipient's unsubscribe link.
 */
final class PromotionEmail {

    static final String FOOTER_TEXT = "\n--\nYou receive this because you agreed to hear from {{sender_name}}, {{postal_address}}.\n"
            + "Unsubscribe: {{unsubscribe_url}}\n";
    static final String FOOTER_HTML = "<hr><p style=\"font-size:12px;color:#666\">You receive this because you agreed to hear "
            + "from {{sender_name}}, {{postal_address}}. <a href=\"{{unsubscribe_url}}\">Unsubscribe</a></p>";

    static final EmailTemplate ABOUT_PROMOTION = new EmailTemplate(
            "{{offer}}: {{promotion_name}}",
            "Hello {{first_name}},\n\n{{offer}} with code {{code}}, valid until {{ends_at}}.\n{{description}}\n{{message}}\n" + FOOTER_TEXT,
            "<p>Hello {{first_name}},</p><p><strong>{{offer}}</strong> with code <strong>{{code}}</strong>, valid until "
                    + "{{ends_at}}.</p><p>{{description}}</p><p>{{message}}</p>" + FOOTER_HTML);

    static final EmailTemplate FREE_TEXT = new EmailTemplate(
            "{{subject}}",
            "Hello {{first_name}},\n\n{{message}}\n" + FOOTER_TEXT,
            "<p>Hello {{first_name}},</p><p>{{message}}</p>" + FOOTER_HTML);

    /** The statuses of a promotion customers may be told about: running, or announced to start. */
    /**
     * The header naming the promotion a message is about, so that the outbox can tell who already received an
     * e-mail about it (a campaign header, as mailing tools add one).
     */
    static final String PROMOTION_HEADER = "X-Promotion-Code";

    static final Set<String> MAILABLE_STATUSES = Set.of("active", "scheduled");

    private PromotionEmail() {
    }

    /** Template variables describing a promotion record of the demo data model. */
    static Map<String, String> promotionVariables(Row p) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("promotion_name", text(p, "name"));
        v.put("code", text(p, "code"));
        v.put("ends_at", text(p, "ends_at"));
        v.put("description", text(p, "description"));
        v.put("offer", offer(p));
        return v;
    }

    /**
     * Why customers cannot be e-mailed about the promotion today — it is not active or scheduled (a draft,
     * paused, expired), or its last day has passed — or empty when they can. A model without a status or
     * an end date is not checked for it.
     */
    static Optional<String> notMailable(Row p, LocalDate today) {
        Object status = p.valueOrNull("status");
        if (status != null && !MAILABLE_STATUSES.contains(status.toString())) {
            return Optional.of("promotion " + text(p, "code") + " is " + status + ", not active");
        }
        Object ends = p.valueOrNull("ends_at");
        if (ends != null) {
            try {
                LocalDate last = LocalDate.parse(ends.toString());
                if (last.isBefore(today)) {
                    return Optional.of("promotion " + text(p, "code") + " ended on " + last);
                }
            } catch (DateTimeParseException e) {
                return Optional.of("promotion " + text(p, "code") + " has no readable end date");
            }
        }
        return Optional.empty();
    }

    static String offer(Row p) {
        String type = text(p, "discount_type");
        Object value = p.valueOrNull("discount_value");
        String amount = value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : String.valueOf(value);
        return switch (type) {
            case "percent" -> amount + "% off";
            case "fixed" -> "$" + amount + " off";
            case "free_shipping" -> "Free shipping";
            default -> "A new offer";
        };
    }

    /** The customer's first name from a "First Last" name, or "there" when unknown. */
    static String firstName(Row customer, String nameField) {
        Object name = customer.valueOrNull(nameField);
        if (!(name instanceof String s) || s.isBlank()) {
            return "there";
        }
        return s.trim().split("\\s+")[0];
    }

    private static String text(Row r, String field) {
        Object v = r.valueOrNull(field);
        return v == null ? "" : v.toString();
    }
}
