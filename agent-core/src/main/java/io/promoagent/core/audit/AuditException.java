package io.promoagent.core.audit;

import io.promoagent.schema.AgentException;

/** An audit record that could not be written; the action it describes must not go ahead. */
public class AuditException extends AgentException {

    private static final long serialVersionUID = 1L;

    public AuditException(String message) {
        super(message);
    }

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
