package io.promoagent.core.audit;

import java.util.List;
import java.util.Optional;

/** The append condition and the paging shared by the stores that hold the chain in sequence order. */
final class ChainLinks {

    private ChainLinks() {
    }

    /** Refuses {@code record} unless it directly follows {@code head}. */
    static void requireNext(Optional<AuditRecord> head, AuditRecord record) {
        long next = head.map(h -> h.sequence() + 1).orElse(1L);
        if (record.sequence() != next) {
            throw new AuditConflictException(record.sequence(), record.sequence() < next
                    ? "audit record " + record.sequence() + " exists already"
                    : "audit record " + record.sequence() + " would leave a gap: the next is " + next);
        }
        String previous = head.map(AuditRecord::hash).orElse(AuditRecord.GENESIS_HASH);
        if (!record.previousHash().equals(previous)) {
            throw new AuditConflictException(record.sequence(),
                    "audit record " + record.sequence() + " does not link to the head's hash");
        }
    }

    /** Records {@code fromSequence ..} of a list whose element {@code i} has sequence {@code i + 1}. */
    static List<AuditRecord> slice(List<AuditRecord> records, long fromSequence, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        int from = (int) Math.min(Math.max(fromSequence, 1) - 1, records.size());
        int to = (int) Math.min((long) from + limit, records.size());
        return List.copyOf(records.subList(from, to));
    }
}
