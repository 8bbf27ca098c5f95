package io.promoagent.core.approval;

import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import java.util.Optional;
import java.util.UUID;

/**
 * The gate used when no approval service is configured: it records nothing, answers every change set with
 * a {@link ApprovalStatus#REFUSED} ticket, and refuses every approval and apply. Nothing can be written.
 */
public final class RefuseAllApprovalGate implements ApprovalGate {

    private static final String WHY = "no approval service is configured, so no change can be approved or applied";

    @Override
    public ApprovalTicket submit(ChangeSet changeSet, ToolContext context) {
        return new ApprovalTicket(UUID.randomUUID().toString(), changeSet.id(), ApprovalStatus.REFUSED,
                Optional.empty(), WHY);
    }

    @Override
    public Optional<ApprovalTicket> find(String approvalId) {
        return Optional.empty();
    }

    @Override
    public ApprovalGrant approve(String approvalId, Principal approver, String reason) {
        throw new ApprovalException(ApprovalException.NO_APPROVAL_SERVICE, WHY);
    }

    @Override
    public ApprovalTicket reject(String approvalId, Principal approver, String reason) {
        throw new ApprovalException(ApprovalException.NO_APPROVAL_SERVICE, WHY);
    }

    @Override
    public ApplyResult apply(ApprovalGrant grant, ToolContext context) {
        throw new ApprovalException(ApprovalException.NO_APPROVAL_SERVICE, WHY);
    }
}
