package io.promoagent.email;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A bounce or complaint reported by SES (an SNS notification or an event-destination record), reduced to
 * what changes a customer's e-mail status.
 *
 * @param kind      bounce or complaint
 * @param permanent for a bounce, whether it is permanent (transient bounces change nothing)
 * @param addresses the recipients concerned, lower case
 */
public record DeliveryEvent(Kind kind, boolean permanent, List<String> addresses) {

    /** What happened to the message. */
    public enum Kind { BOUNCE, COMPLAINT }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public DeliveryEvent {
        Objects.requireNonNull(kind, "kind");
        addresses = List.copyOf(addresses);
    }

    /** The e-mail status a customer gets from this event, or null when it changes nothing. */
    public String emailStatus() {
        if (kind == Kind.COMPLAINT) {
            return "complained";
        }
        return permanent ? "bounced" : null;
    }

    /**
     * Parses SES event JSON: either the notification itself or an SNS envelope whose {@code Message} holds
     * it. Other notification types (deliveries, opens) give an empty list.
     *
     * @throws EmailException for JSON that is not an SES notification
     */
    public static List<DeliveryEvent> parse(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (Exception e) {
            throw new EmailException("not an SES notification: " + e.getMessage(), false, e);
        }
        if (n == null || !n.isObject()) {
            throw new EmailException("not an SES notification: expected a JSON object", false);
        }
        if (n.has("Message") && n.get("Message").isTextual()) {
            return parse(n.get("Message").textValue());
        }
        String type = n.path("notificationType").asText(n.path("eventType").asText(""));
        List<DeliveryEvent> out = new ArrayList<>();
        if (type.equals("Bounce")) {
            JsonNode b = n.path("bounce");
            out.add(new DeliveryEvent(Kind.BOUNCE, "Permanent".equals(b.path("bounceType").asText()),
                    addresses(b.path("bouncedRecipients"))));
        } else if (type.equals("Complaint")) {
            out.add(new DeliveryEvent(Kind.COMPLAINT, true, addresses(n.path("complaint").path("complainedRecipients"))));
        } else if (type.isEmpty()) {
            throw new EmailException("not an SES notification: no notificationType or eventType", false);
        }
        return out;
    }

    private static List<String> addresses(JsonNode recipients) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : recipients) {
            String a = r.path("emailAddress").asText("");
            if (EmailAddress.isAddress(a)) {
                out.add(EmailAddress.of(a).address());
            }
        }
        return out;
    }
}
