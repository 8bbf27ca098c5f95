package io.promoagent.spring;

import io.promoagent.schema.AgentException;

/**
 * The starter cannot build the agent from the application's configuration: a missing or short signing
 * key, a data model it cannot read, a source nothing serves, stores it has no client for. Spring reports
 * it as the cause of the failed start; the message says what to set or add.
 */
public class PromoAgentConfigurationException extends AgentException {

    private static final long serialVersionUID = 1L;

    public PromoAgentConfigurationException(String message) {
        super(message);
    }

    public PromoAgentConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
