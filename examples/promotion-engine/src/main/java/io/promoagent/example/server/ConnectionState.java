package io.promoagent.example.server;

import io.promoagent.core.security.Principal;
import java.util.Objects;
import java.util.Optional;

/**
 * What the endpoint knows about one connection between messages: its conversation and who signed in on it.
 * A value: the WebSocket server keeps it in memory, the Lambda handler in DynamoDB.
 *
 * @param connectionId the transport's id of the connection
 * @param sessionId    the conversation its requests belong to
 * @param principal    who signed in; empty until an {@code auth} message or a key on connect
 */
public record ConnectionState(String connectionId, String sessionId, Optional<Principal> principal) {

    public ConnectionState {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(principal, "principal");
    }

    public ConnectionState withSession(String newSessionId) {
        return new ConnectionState(connectionId, newSessionId, principal);
    }

    public ConnectionState withPrincipal(Principal signedIn) {
        return new ConnectionState(connectionId, sessionId, Optional.of(signedIn));
    }
}
