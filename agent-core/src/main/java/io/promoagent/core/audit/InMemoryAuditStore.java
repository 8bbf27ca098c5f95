package io.promoagent.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An {@link AuditStore} in memory, for tests and single-process demos: gone when the process ends. */
public final class InMemoryAuditStore implements AuditStore {

    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized void append(AuditRecord record) {
        ChainLinks.requireNext(head(), record);
        records.add(record);
    }

    @Override
    public synchronized Optional<AuditRecord> head() {
        return records.isEmpty() ? Optional.empty() : Optional.of(records.get(records.size() - 1));
    }

    @Override
    public synchronized List<AuditRecord> read(long fromSequence, int limit) {
        return ChainLinks.slice(records, fromSequence, limit);
    }

    /** The number of records. */
    public synchronized int size() {
        return records.size();
    }
}
