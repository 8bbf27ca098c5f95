package io.promoagent.email;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An {@link OutboxStore} in one process's memory. */
public final class InMemoryOutboxStore implements OutboxStore {

    private final Map<String, OutboxEntry> entries = new LinkedHashMap<>();

    @Override
    public synchronized boolean addIfAbsent(OutboxEntry entry) {
        return entries.putIfAbsent(entry.key(), entry) == null;
    }

    @Override
    public synchronized Optional<OutboxEntry> find(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public synchronized boolean replace(OutboxEntry expected, OutboxEntry next) {
        OutboxEntry current = entries.get(expected.key());
        if (current == null || current.state() != expected.state() || current.attempts() != expected.attempts()) {
            return false;
        }
        entries.put(next.key(), next);
        return true;
    }

    @Override
    public synchronized List<OutboxEntry> forApproval(String approvalId) {
        return entries.values().stream().filter(e -> e.approvalId().equals(approvalId)).toList();
    }

    @Override
    public synchronized List<OutboxEntry> all() {
        return new ArrayList<>(entries.values());
    }
}
