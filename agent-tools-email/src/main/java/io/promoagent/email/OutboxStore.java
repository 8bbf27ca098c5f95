package io.promoagent.email;

import java.util.List;
import java.util.Optional;

/**
 * Where the outbox keeps its entries: memory for one process, DynamoDB when many instances share it.
 *
 * <p>Every change is conditional, so that two instances delivering the same approval cannot both send a
 * message: only the one whose {@link #replace} succeeds hands it to the transport.
 */
public interface OutboxStore {

    /** Adds the entry if no entry has its key; returns whether it was added. */
    boolean addIfAbsent(OutboxEntry entry);

    Optional<OutboxEntry> find(String key);

    /**
     * Replaces {@code expected} by {@code next} only if the stored entry still equals {@code expected}
     * (same state and attempts); returns whether it did.
     */
    boolean replace(OutboxEntry expected, OutboxEntry next);

    /** The entries of one approval, in the order they were added. */
    List<OutboxEntry> forApproval(String approvalId);

    /** Every entry, in the order they were added (for the demo's outbox view and recovery). */
    List<OutboxEntry> all();
}
