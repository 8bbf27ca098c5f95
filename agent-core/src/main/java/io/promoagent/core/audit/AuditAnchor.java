package io.promoagent.core.audit;

import java.util.Objects;

/**
 * A point of the chain remembered outside it (the head's sequence and hash, published somewhere the audit
 * store's writers cannot change), so that a verifier can tell that records were cut off the tail or that the
 * whole chain was recomputed: neither leaves a broken link.
 *
 * @param sequence the record's sequence
 * @param hash     the record's hash
 */
public record AuditAnchor(long sequence, String hash) {

    public AuditAnchor {
        if (sequence < 1) {
            throw new IllegalArgumentException("an anchor's sequence starts at 1, not " + sequence);
        }
        Objects.requireNonNull(hash, "hash");
    }
}
