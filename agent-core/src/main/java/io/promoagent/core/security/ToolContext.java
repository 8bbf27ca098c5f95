package io.promoagent.core.security;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * Who is calling a tool, in which session and request, and the clock to read the time from.
 *
 * @param principal the person (or system) on whose behalf the tool runs
 * @param sessionId the conversation the call belongs to
 * @param requestId the request (one person's message) the call belongs to
 * @param clock     the time source; tools never read the system clock directly
 */
public record ToolContext(Principal principal, String sessionId, String requestId, Clock clock) {

    public ToolContext {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(clock, "clock");
    }

    /** A context with a fresh session and request and the UTC system clock. */
    public static ToolContext of(Principal principal) {
        return of(principal, Clock.systemUTC());
    }

    /** A context with a fresh session and request. */
    public static ToolContext of(Principal principal, Clock clock) {
        return new ToolContext(principal, UUID.randomUUID().toString(), UUID.randomUUID().toString(), clock);
    }
}
