package io.promoagent.email;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One rendered message to one recipient, ready for a transport.
 *
 * @param from           the sender
 * @param to             the one recipient
 * @param subject        the subject, one line
 * @param text           the plain-text body
 * @param html           the HTML body
 * @param headers        extra headers ({@code List-Unsubscribe}, {@code List-Unsubscribe-Post})
 * @param idempotencyKey the outbox key of the message; transports use it as the Message-ID's local part so
 *                       that a retry of the same key is recognisable
 */
public record EmailMessage(
        EmailAddress from,
        EmailAddress to,
        String subject,
        String text,
        String html,
        Map<String, String> headers,
        String idempotencyKey) {

    public EmailMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (subject.chars().anyMatch(c -> c == '\r' || c == '\n')) {
            throw new EmailException("a subject is one line", false);
        }
        LinkedHashMap<String, String> copy = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if ((k + v).chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new EmailException("header '" + k + "' contains a line break", false);
            }
            copy.put(k, v);
        });
        headers = Collections.unmodifiableMap(copy);
    }

    /** The Message-ID derived from the idempotency key, the same on every attempt. */
    public String messageId() {
        return "<" + idempotencyKey.replaceAll("[^A-Za-z0-9.-]", "-") + "@" + from.address().substring(from.address().indexOf('@') + 1) + ">";
    }
}
