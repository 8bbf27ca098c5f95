package io.promoagent.example.server;

import io.promoagent.core.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the audit of refused anonymous requests bounded, whatever a client sends. In each window, the
 * first few refusals from one address (and from one connection) are audited one by one; the rest are
 * counted, and one summary record per address says how many there were when the window ends. A connection
 * refused {@code closeAfter} times in a row of its life is to be closed: it is not a person mistyping a key.
 * Refusals of a signed-in person are audited one by one: they are accountable and come one at a time.
 */
final class RefusalThrottle {

    /** Past this many addresses in one window, the rest share one counter, so memory stays bounded too. */
    static final int MAX_ADDRESSES = 10_000;
    static final String OTHER_ADDRESSES = "other addresses";
    /** The connection of a plain HTTP request. */
    static final String HTTP = "http";

    private final AgentBackend backend;
    private final Clock clock;
    private final Duration window;
    private final int auditedPerWindow;
    private final int closeAfter;
    private final Map<String, Integer> byAddress = new HashMap<>();
    private final Map<String, Integer> suppressed = new LinkedHashMap<>();
    private final Map<String, Integer> byConnection = new HashMap<>();
    private Instant windowStart;

    /**
     * @param window           how long one window lasts
     * @param auditedPerWindow how many refusals of one address or connection are audited one by one per window
     * @param closeAfter       after how many refusals a connection is to be closed
     */
    RefusalThrottle(AgentBackend backend, Clock clock, Duration window, int auditedPerWindow, int closeAfter) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        this.auditedPerWindow = auditedPerWindow;
        this.closeAfter = closeAfter;
        this.windowStart = clock.instant();
    }

    /**
     * Records a refusal, audited or counted.
     *
     * @param connection the connection it came on ({@link #HTTP} for a plain request)
     * @param address    the client's address
     * @return whether the connection may stay open
     */
    boolean refused(String connection, String address, Optional<Principal> principal, String sessionId, String request,
                    String code, String message) {
        if (principal.isPresent()) {
            backend.refused(principal, sessionId, request, code, message);
            return true;
        }
        boolean audit;
        int ofConnection;
        synchronized (this) {
            rollWindow();
            String key = byAddress.containsKey(address) || byAddress.size() < MAX_ADDRESSES ? address : OTHER_ADDRESSES;
            int ofAddress = byAddress.merge(key, 1, Integer::sum);
            // plain HTTP requests share no connection: their address alone counts
            ofConnection = connection.equals(HTTP) ? 0 : byConnection.merge(connection, 1, Integer::sum);
            audit = ofAddress <= auditedPerWindow && ofConnection <= auditedPerWindow;
            if (!audit) {
                suppressed.merge(key, 1, Integer::sum);
            }
        }
        if (audit) {
            backend.refused(principal, sessionId, request, code, message + " (from " + address + ")");
        }
        return connection.equals(HTTP) || ofConnection < closeAfter;
    }

    /** Forgets a connection that closed. */
    synchronized void forget(String connection) {
        byConnection.remove(connection);
    }

    /** Ends the window now if its time is up: writes the summaries. */
    void tick() {
        synchronized (this) {
            rollWindow();
        }
    }

    /** Ends the window now, whatever its time: writes the summaries (at shutdown). */
    void flush() {
        Map<String, Integer> counts;
        Instant from;
        Instant to = clock.instant();
        synchronized (this) {
            counts = new LinkedHashMap<>(suppressed);
            from = windowStart;
            reset(to);
        }
        summarise(counts, from, to);
    }

    private void rollWindow() {
        Instant now = clock.instant();
        if (now.isBefore(windowStart.plus(window))) {
            return;
        }
        Map<String, Integer> counts = new LinkedHashMap<>(suppressed);
        Instant from = windowStart;
        reset(now);
        summarise(counts, from, now);
    }

    private void reset(Instant now) {
        byAddress.clear();
        suppressed.clear();
        windowStart = now;
    }

    private void summarise(Map<String, Integer> counts, Instant from, Instant to) {
        counts.forEach((address, n) -> backend.refused(Optional.empty(), "address " + address, "refused requests",
                "rate_limited", n + " more refused requests without a valid key from " + address + " between " + from
                        + " and " + to + " were counted rather than audited one by one"));
    }
}
