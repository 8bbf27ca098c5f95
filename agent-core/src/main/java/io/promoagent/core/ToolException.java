package io.promoagent.core;

import io.promoagent.schema.AgentException;

/**
 * A tool that failed for a reason other than its arguments; the message is shown to the model and the
 * person, so it must not hold values the model may not see.
 */
public class ToolException extends AgentException {

    private static final long serialVersionUID = 1L;

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
