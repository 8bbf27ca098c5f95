package io.promoagent.core.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * Proof that an approver approved one change set: a single-use token the gate checks before it applies.
 *
 * @param approvalId  the approval decided
 * @param changeSetId the change set approved
 * @param token       the gate's token, bound to the change set's content; opaque to everyone else
 * @param approvedBy  the id of the approver
 * @param approvedAt  when
 */
public record ApprovalGrant(String approvalId, String changeSetId, String token, String approvedBy, Instant approvedAt) {

    public ApprovalGrant {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(changeSetId, "changeSetId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(approvedAt, "approvedAt");
    }

    @Override
    public String toString() {
        // the token is a bearer credential: keep it out of logs
        return "ApprovalGrant[approvalId=" + approvalId + ", changeSetId=" + changeSetId + ", approvedBy="
                + approvedBy + ", approvedAt=" + approvedAt + "]";
    }
}
