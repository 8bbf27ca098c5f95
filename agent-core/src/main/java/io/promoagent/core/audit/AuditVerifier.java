package io.promoagent.core.audit;

import java.util.List;
import java.util.Optional;

/**
 * Checks an audit chain: sequences contiguous from 1, each record's previous hash equal to the hash of the
 * record before it, each hash equal to the hash of the record's fields. An edited, removed, inserted or
 * reordered record breaks one of the three; a record cut off the tail, or a chain recomputed from scratch,
 * breaks none, and is found only against an {@link AuditAnchor} kept elsewhere.
 *
 * <p>For a chain too long to hold in memory, feed the records one by one to an instance
 * ({@link #check(AuditRecord)}, then {@link #result()}); the static methods do that for a whole chain.
 */
public final class AuditVerifier {

    private static final int PAGE = 1000;

    private final Optional<AuditAnchor> anchor;
    private long checked;
    private AuditRecord previous;
    private AuditVerification failure;
    private boolean anchorSeen;

    /** A verifier of a chain read from its first record. */
    public AuditVerifier() {
        this(Optional.empty());
    }

    /** A verifier of a chain that must contain {@code anchor}. */
    public AuditVerifier(Optional<AuditAnchor> anchor) {
        this.anchor = anchor;
    }

    /** Checks an entire chain, oldest record first. */
    public static AuditVerification verify(Iterable<AuditRecord> records) {
        return verify(records, Optional.empty());
    }

    /** Checks an entire chain that must still contain {@code anchor}, typically the last head seen. */
    public static AuditVerification verify(Iterable<AuditRecord> records, AuditAnchor anchor) {
        return verify(records, Optional.of(anchor));
    }

    /** Checks the chain held by {@code store}, a page at a time. */
    public static AuditVerification verify(AuditStore store) {
        return verify(store, Optional.empty());
    }

    /** Checks the chain held by {@code store}, which must still contain {@code anchor}. */
    public static AuditVerification verify(AuditStore store, AuditAnchor anchor) {
        return verify(store, Optional.of(anchor));
    }

    private static AuditVerification verify(Iterable<AuditRecord> records, Optional<AuditAnchor> anchor) {
        AuditVerifier verifier = new AuditVerifier(anchor);
        for (AuditRecord r : records) {
            if (!verifier.check(r)) {
                break;
            }
        }
        return verifier.result();
    }

    private static AuditVerification verify(AuditStore store, Optional<AuditAnchor> anchor) {
        AuditVerifier verifier = new AuditVerifier(anchor);
        long from = 1;
        while (true) {
            List<AuditRecord> page = store.read(from, PAGE);
            for (AuditRecord r : page) {
                if (!verifier.check(r)) {
                    return verifier.result();
                }
            }
            if (page.size() < PAGE) {
                return verifier.result();
            }
            // continue after the last record read, not after the expected one: a gap is then seen as one
            from = page.get(page.size() - 1).sequence() + 1;
        }
    }

    /**
     * Checks the next record.
     *
     * @return whether the chain is still intact; once it is broken, further records are ignored
     */
    public boolean check(AuditRecord record) {
        if (failure != null) {
            return false;
        }
        checked++;
        long expected = previous == null ? 1 : previous.sequence() + 1;
        String expectedPrevious = previous == null ? AuditRecord.GENESIS_HASH : previous.hash();
        if (record.sequence() != expected) {
            String problem = record.sequence() > expected
                    ? "record " + expected + " is missing or out of place: record " + record.sequence() + " comes "
                    + (previous == null ? "first" : "after record " + previous.sequence())
                    : "record " + record.sequence() + " is out of place: it comes where record " + expected
                    + " should be";
            failure = AuditVerification.broken(checked, expected, problem);
        } else if (!record.previousHash().equals(expectedPrevious)) {
            failure = AuditVerification.broken(checked, expected, previous == null
                    ? "record 1 does not start from the genesis hash"
                    : "record " + expected + " does not link to record " + previous.sequence()
                    + ": its previous hash is not that record's hash");
        } else if (!record.hashMatches()) {
            failure = AuditVerification.broken(checked, expected,
                    "record " + expected + " was changed: its hash is not the hash of its fields");
        } else if (anchor.isPresent() && anchor.get().sequence() == expected) {
            if (!anchor.get().hash().equals(record.hash())) {
                failure = AuditVerification.broken(checked, expected, "record " + expected
                        + " is not the record anchored at that sequence: the chain was rewritten");
            }
            anchorSeen = true;
        }
        previous = record;
        return failure == null;
    }

    /** The verdict on the records checked so far, taken as the whole chain. */
    public AuditVerification result() {
        if (failure != null) {
            return failure;
        }
        if (anchor.isPresent() && !anchorSeen) {
            long missing = previous == null ? 1 : previous.sequence() + 1;
            return AuditVerification.broken(checked, missing, "the chain ends at record " + (missing - 1)
                    + " but record " + anchor.get().sequence() + " was anchored: records were removed from its end");
        }
        return AuditVerification.intact(checked);
    }
}
