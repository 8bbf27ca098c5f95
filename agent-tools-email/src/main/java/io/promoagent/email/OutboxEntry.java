package io.promoagent.email;

import java.util.Objects;
import java.util.Optional;

/**
 * One message of one approved send, keyed by (approval, recipient) so that no retry or restart sends it
 * twice.
 *
 * @param key        {@code approvalId + "/" + recipient}; also the message's idempotency key
 * @param approvalId the approval that allowed the send
 * @param message    the rendered message
 * @param state      where it stands
 * @param attempts   how many times it was handed to a transport
 * @param lastError  the last transport error, if any
 * @param receipt    the transport's receipt once sent
 */
public record OutboxEntry(
        String key,
        String approvalId,
        EmailMessage message,
        DeliveryState state,
        int attempts,
        Optional<String> lastError,
        Optional<SendReceipt> receipt) {

    public OutboxEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastError, "lastError");
        Objects.requireNonNull(receipt, "receipt");
    }

    /** The key of the message to {@code recipient} sent under {@code approvalId}. */
    public static String keyOf(String approvalId, EmailAddress recipient) {
        return approvalId + "/" + recipient.address();
    }

    static OutboxEntry pending(String approvalId, EmailMessage message) {
        return new OutboxEntry(message.idempotencyKey(), approvalId, message, DeliveryState.PENDING, 0,
                Optional.empty(), Optional.empty());
    }

    OutboxEntry with(DeliveryState next, int nextAttempts, Optional<String> error, Optional<SendReceipt> sent) {
        return new OutboxEntry(key, approvalId, message, next, nextAttempts, error, sent);
    }
}
