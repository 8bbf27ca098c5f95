package io.promoagent.core.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * The write-ahead note of one apply, stored with the approval before the write starts: who applies it, in
 * which session, and since when. With the grant (rebuilt from the approval's nonce and expiry) and the
 * change set's affected records (each with the before-image and version the write is conditioned on), it
 * is everything {@link ApprovalService#recover} needs to finish an apply a crash interrupted.
 *
 * @param appliedBy the id of the principal applying
 * @param sessionId the session the apply was made in
 * @param startedAt when the apply started (or was last taken over by a recovery)
 */
public record ApplyAttempt(String appliedBy, String sessionId, Instant startedAt) {

    public ApplyAttempt {
        Objects.requireNonNull(appliedBy, "appliedBy");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
