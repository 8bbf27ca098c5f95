package io.promoagent.email;

import java.time.Instant;
import java.util.Objects;

/**
 * What a transport says about a message it accepted.
 *
 * @param transport the transport's name ({@code smtp}, {@code ses}, {@code memory})
 * @param messageId the id the transport or server gave the message
 * @param acceptedAt when it was accepted
 */
public record SendReceipt(String transport, String messageId, Instant acceptedAt) {

    public SendReceipt {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }
}
