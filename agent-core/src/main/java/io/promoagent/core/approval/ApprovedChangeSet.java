package io.promoagent.core.approval;

import io.promoagent.core.change.ChangeSet;
import java.time.Instant;
import java.util.Objects;

/**
 * A change set that a person approved, the only argument {@code WriteTool.apply}
 * accepts.
 *
 * <p>Only code in this package can make one (the constructor and factory are package-private and the
 * class is final), so a write tool's {@code apply} is reachable only through an {@link ApprovalGate}
 * implementation here, after its checks.
 */
public final class ApprovedChangeSet {

    private final ChangeSet changeSet;
    private final String approvalId;
    private final String approvedBy;
    private final Instant approvedAt;

    ApprovedChangeSet(ChangeSet changeSet, String approvalId, String approvedBy, Instant approvedAt) {
        this.changeSet = Objects.requireNonNull(changeSet, "changeSet");
        this.approvalId = Objects.requireNonNull(approvalId, "approvalId");
        this.approvedBy = Objects.requireNonNull(approvedBy, "approvedBy");
        this.approvedAt = Objects.requireNonNull(approvedAt, "approvedAt");
    }

    /** For gate implementations in this package, once every check has passed. */
    static ApprovedChangeSet of(ChangeSet changeSet, ApprovalGrant grant) {
        if (!grant.changeSetId().equals(changeSet.id())) {
            throw new IllegalArgumentException("the grant is for change set " + grant.changeSetId() + ", not "
                    + changeSet.id());
        }
        return new ApprovedChangeSet(changeSet, grant.approvalId(), grant.approvedBy(), grant.approvedAt());
    }

    /** The change set exactly as approved. */
    public ChangeSet changeSet() {
        return changeSet;
    }

    public String approvalId() {
        return approvalId;
    }

    /** The id of the approver. */
    public String approvedBy() {
        return approvedBy;
    }

    public Instant approvedAt() {
        return approvedAt;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApprovedChangeSet a && changeSet.equals(a.changeSet) && approvalId.equals(a.approvalId)
                && approvedBy.equals(a.approvedBy) && approvedAt.equals(a.approvedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(changeSet, approvalId, approvedBy, approvedAt);
    }

    @Override
    public String toString() {
        return "ApprovedChangeSet[" + changeSet.id() + " by " + approvedBy + " at " + approvedAt + "]";
    }
}
