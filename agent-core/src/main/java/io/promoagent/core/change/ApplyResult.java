package io.promoagent.core.change;

import java.util.List;
import java.util.Objects;

/**
 * What applying an approved change set did: the records as actually written (with their new versions and
 * the before-images read at write time, for rollback) and a summary.
 *
 * @param changeSetId the change set applied
 * @param applied     the records written or sent to
 * @param summary     one line for the person ("Created promotion VIP25")
 */
public record ApplyResult(String changeSetId, List<AffectedRecord> applied, String summary) {

    public ApplyResult {
        Objects.requireNonNull(changeSetId, "changeSetId");
        applied = List.copyOf(applied);
        Objects.requireNonNull(summary, "summary");
    }

    public int appliedCount() {
        return applied.size();
    }
}
