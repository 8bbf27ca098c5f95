package io.promoagent.test;

import io.promoagent.schema.AgentException;

/** A fixture could not be loaded: a file is missing, or a record does not match the data model. */
public class FixtureException extends AgentException {

    private static final long serialVersionUID = 1L;

    public FixtureException(String message) {
        super(message);
    }

    public FixtureException(String message, Throwable cause) {
        super(message, cause);
    }
}
