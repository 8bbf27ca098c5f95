package io.promoagent.email;

/**
 * Delivers a rendered message: SES v2, SMTP, or memory for the demo.
 *
 * <p>Implementations throw an {@link EmailException} whose {@link EmailException#retryable()} says whether
 * the outbox may try again (server down, throttling) or must give up (address rejected).
 */
public interface EmailTransport {

    /** A short name for receipts and logs. */
    String name();

    SendReceipt send(EmailMessage message);
}
