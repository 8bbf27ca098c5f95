package io.promoagent.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where the audit chain is kept: records appended in sequence, never changed or removed. Implementations
 * must be thread-safe, and shared implementations (a file, a DynamoDB table) safe across processes.
 *
 * <p>The one guarantee that keeps the chain from forking is that {@link #append} is conditional: a store
 * accepts at most one record per sequence number. Two writers that both read head {@code n} and both try
 * {@code n + 1} see one succeed and the other get an {@link AuditConflictException}; the loser re-reads
 * the head and links after the winner ({@link ChainedAuditSink} does that).
 */
public interface AuditStore {

    /**
     * Appends {@code record}, which must be the next one: its sequence is taken by no record yet. Stores
     * that can check it cheaply also refuse a record that does not follow the head directly (a gap, or a
     * previous hash other than the head's hash).
     *
     * @throws AuditConflictException when the sequence is taken or the record does not follow the head
     * @throws AuditException         when the store cannot be written; the record may or may not be stored
     */
    void append(AuditRecord record);

    /**
     * The last record of the chain, read consistently (a record appended before the call is seen).
     *
     * @throws AuditException when the store cannot be read
     */
    Optional<AuditRecord> head();

    /**
     * Up to {@code limit} records from sequence {@code fromSequence} on, oldest first.
     *
     * @throws AuditException when the store cannot be read
     */
    List<AuditRecord> read(long fromSequence, int limit);

    /** The whole chain, oldest first; for small chains and tests ({@link AuditVerifier#verify(AuditStore)} pages). */
    default List<AuditRecord> all() {
        List<AuditRecord> all = new ArrayList<>();
        long from = 1;
        while (true) {
            List<AuditRecord> page = read(from, 1000);
            all.addAll(page);
            if (page.size() < 1000) {
                return List.copyOf(all);
            }
            from = page.get(page.size() - 1).sequence() + 1;
        }
    }
}
