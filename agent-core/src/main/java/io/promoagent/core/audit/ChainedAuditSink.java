package io.promoagent.core.audit;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * An {@link AuditSink} that links each event into the hash chain of an {@link AuditStore}: the next
 * sequence, the head's hash as the previous hash, then a conditional append.
 *
 * <p>Any number of sinks, in one process or many, may share a store. When another writer appended first,
 * the store refuses the record ({@link AuditConflictException}); the sink re-reads the head, links after
 * it and tries again, a bounded number of times with a short random pause so that racing writers spread
 * out. Within one sink appends are serialised, so its own threads never race each other.
 *
 * <p>When the store cannot be written, or the race is lost too often, {@link #record} throws
 * {@link AuditException}, and the tool executor and the approval service fail closed: what the event
 * describes does not happen.
 */
public final class ChainedAuditSink implements AuditSink {

    /** How many times an append is tried before the sink gives up, unless told otherwise. */
    public static final int DEFAULT_MAX_ATTEMPTS = 10;

    private static final Duration MAX_PAUSE = Duration.ofMillis(50);

    private final AuditStore store;
    private final int maxAttempts;

    /** The head after this sink's last append; null when it must be read from the store. */
    private Optional<AuditRecord> knownHead;

    /** A sink over {@code store} that tries each append {@link #DEFAULT_MAX_ATTEMPTS} times. */
    public ChainedAuditSink(AuditStore store) {
        this(store, DEFAULT_MAX_ATTEMPTS);
    }

    /** A sink over {@code store} that tries each append at most {@code maxAttempts} times. */
    public ChainedAuditSink(AuditStore store, int maxAttempts) {
        this.store = Objects.requireNonNull(store, "store");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
    }

    @Override
    public void record(AuditEvent event) {
        append(event);
    }

    /**
     * Links {@code event} into the chain and appends it.
     *
     * @return the record as stored
     * @throws AuditException when it could not be stored
     */
    public synchronized AuditRecord append(AuditEvent event) {
        Objects.requireNonNull(event, "event");
        for (int attempt = 1; ; attempt++) {
            AuditRecord record = null;
            try {
                // Assume no one else wrote since this sink's last append; a conflict corrects the guess.
                Optional<AuditRecord> head = knownHead != null ? knownHead : store.head();
                record = AuditRecord.after(head, event);
                store.append(record);
            } catch (AuditConflictException e) {
                knownHead = null;
                if (record != null && storedAlready(record)) {
                    // An earlier try whose answer was lost (a retried request) did store it.
                    knownHead = Optional.of(record);
                    return record;
                }
                if (attempt >= maxAttempts) {
                    throw new AuditException("the audit record could not be appended: " + maxAttempts
                            + " attempts lost the race to other writers", e);
                }
                pause(attempt);
                continue;
            } catch (AuditException e) {
                knownHead = null;
                throw e;
            } catch (RuntimeException e) {
                knownHead = null;
                throw new AuditException("the audit store could not be used: " + e.getMessage(), e);
            }
            knownHead = Optional.of(record);
            return record;
        }
    }

    private boolean storedAlready(AuditRecord record) {
        List<AuditRecord> at;
        try {
            at = store.read(record.sequence(), 1);
        } catch (AuditException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new AuditException("the audit store could not be read: " + e.getMessage(), e);
        }
        return !at.isEmpty() && at.get(0).sequence() == record.sequence() && at.get(0).hash().equals(record.hash());
    }

    /** The store this sink appends to. */
    public AuditStore store() {
        return store;
    }

    private static void pause(int attempt) {
        long bound = Math.min(MAX_PAUSE.toNanos(), Duration.ofMillis(1).toNanos() << Math.min(attempt, 20));
        try {
            TimeUnit.NANOSECONDS.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditException("interrupted while appending an audit record", e);
        }
    }
}
