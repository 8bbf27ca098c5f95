package io.promoagent.example.cli;

import io.promoagent.schema.AgentException;

/**
 * A request to a running server that failed: no server at the address, a key it does not accept, or an
 * answer that is not the JSON it should be. The message is ready to show to the person.
 */
public final class ServerRequestException extends AgentException {
    private static final long serialVersionUID = 1L;

    public ServerRequestException(String message) {
        super(message);
    }
}
