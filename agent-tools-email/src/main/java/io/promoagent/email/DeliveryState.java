package io.promoagent.email;

/** Where a message of the outbox stands. */
public enum DeliveryState {
    /** Waiting to be sent (again). */
    PENDING,
    /** Handed to the transport; if the process stops now, nobody knows whether it left. */
    SENDING,
    /** Accepted by the transport. */
    SENT,
    /** Refused for good (an address the server rejects); never retried. */
    FAILED,
    /**
     * Found in {@link #SENDING} after a restart: it may or may not have been sent, so it is not sent again
     * automatically. A person resolves it.
     */
    UNCERTAIN
}
