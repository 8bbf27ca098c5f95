package io.promoagent.core.approval;

import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import java.util.Optional;

/**
 * Where every proposed write or send waits for a person: the only way to a write tool's
 * {@code WriteTool.apply}.
 *
 * <p>The tool executor {@linkplain #submit submits} each change set a write or send call proposes and
 * returns the ticket instead of writing. An implementation stores the change set, lets an approver
 * {@linkplain #approve approve} or {@linkplain #reject reject} it, and {@linkplain #apply applies} it with the
 * grant: it looks up the {@code WriteTool} by the change set's tool name, makes an
 * {@link ApprovedChangeSet} (only possible in this package) and calls {@code apply}. The first
 * implementation, {@link RefuseAllApprovalGate}, refuses everything.
 */
public interface ApprovalGate {

    /**
     * Takes a proposed change set; nothing is written.
     *
     * @throws ApprovalException when the change set cannot be stored
     */
    ApprovalTicket submit(ChangeSet changeSet, ToolContext context);

    /** The ticket of an approval, as it stands now. */
    Optional<ApprovalTicket> find(String approvalId);

    /**
     * Approves a pending change set and returns the single-use grant that {@link #apply} needs.
     *
     * @throws ApprovalException when the approval is unknown, decided, expired, or the approver may not
     *                           approve it
     */
    ApprovalGrant approve(String approvalId, Principal approver, String reason);

    /**
     * Rejects a pending change set; it can never be applied afterwards.
     *
     * @throws ApprovalException when the approval is unknown or decided, or the principal may not decide
     */
    ApprovalTicket reject(String approvalId, Principal approver, String reason);

    /**
     * Applies an approved change set exactly once, after re-checking it against the grant.
     *
     * @throws ApprovalException when the grant is invalid, used or expired, or the change set no longer
     *                           matches what was approved
     */
    ApplyResult apply(ApprovalGrant grant, ToolContext context);
}
