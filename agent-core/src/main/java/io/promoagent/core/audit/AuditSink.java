package io.promoagent.core.audit;

/**
 * Where audit records go: appended in order, never changed. Implementations must be thread-safe (read
 * tools run concurrently).
 *
 * <p>When a record cannot be written, {@link #record} throws {@link AuditException} and the tool executor
 * fails the call closed: its result becomes an {@code audit_unavailable} error.
 */
@FunctionalInterface
public interface AuditSink {

    /**
     * Appends one record.
     *
     * @throws AuditException when it cannot be written
     */
    void record(AuditEvent event);

    /** A sink that keeps nothing, for applications that audit elsewhere. */
    static AuditSink none() {
        return event -> { };
    }
}
