package io.promoagent.core.orchestrator;

import io.promoagent.core.security.Principal;
import java.util.Objects;
import java.util.UUID;

/**
 * One message from a person to the agent.
 *
 * @param text      what they asked
 * @param principal who they are
 * @param sessionId the conversation it belongs to
 */
public record AgentRequest(String text, Principal principal, String sessionId) {

    public AgentRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(sessionId, "sessionId");
    }

    /** A request that starts a new conversation. */
    public static AgentRequest of(String text, Principal principal) {
        return new AgentRequest(text, principal, UUID.randomUUID().toString());
    }
}
