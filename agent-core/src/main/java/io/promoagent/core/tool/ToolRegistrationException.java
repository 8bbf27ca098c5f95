package io.promoagent.core.tool;

import io.promoagent.schema.AgentException;

/** A tool the registry refuses: a duplicate name, a bad parameter schema, or an effect without its split. */
public class ToolRegistrationException extends AgentException {

    private static final long serialVersionUID = 1L;

    public ToolRegistrationException(String message) {
        super(message);
    }

    public ToolRegistrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
