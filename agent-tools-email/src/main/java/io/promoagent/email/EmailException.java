package io.promoagent.email;

import io.promoagent.schema.AgentException;

/** A message that cannot be built or sent: a bad address, a template variable missing, a transport failure. */
public class EmailException extends AgentException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public EmailException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public EmailException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** Whether sending the same message again later may succeed (a server down, throttling). */
    public boolean retryable() {
        return retryable;
    }
}
