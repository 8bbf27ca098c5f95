package io.promoagent.core.audit;

import java.util.ArrayList;
import java.util.List;

/** An {@link AuditSink} that keeps records in memory, in order: for tests and single-process demos. */
public final class InMemoryAuditSink implements AuditSink {

    private final List<AuditEvent> events = new ArrayList<>();

    @Override
    public synchronized void record(AuditEvent event) {
        events.add(event);
    }

    /** A snapshot of the records, oldest first. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }
}
