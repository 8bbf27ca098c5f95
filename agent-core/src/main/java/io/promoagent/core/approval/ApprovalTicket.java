package io.promoagent.core.approval;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The approval gate's receipt for a change set: the approval id a person decides on and where it stands.
 *
 * @param approvalId  the id an approver names ({@code /approve APPROVAL_ID})
 * @param changeSetId the change set it is for
 * @param status      where it stands
 * @param expiresAt   when it can no longer be approved, if it can expire
 * @param message     why it stands where it does, for the person ("awaits a person with the approver role")
 */
public record ApprovalTicket(
        String approvalId,
        String changeSetId,
        ApprovalStatus status,
        Optional<Instant> expiresAt,
        String message) {

    public ApprovalTicket {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(changeSetId, "changeSetId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(message, "message");
    }

    public ApprovalTicket withStatus(ApprovalStatus newStatus, String newMessage) {
        return new ApprovalTicket(approvalId, changeSetId, newStatus, expiresAt, newMessage);
    }
}
