package io.promoagent.core.tool;

import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.reply.ApprovalBlock;
import java.util.Objects;

/**
 * What a write or send call produced instead of a write: the change set and the approval gate's ticket
 * for it.
 *
 * @param changeSet the proposed change
 * @param ticket    where the approval stands
 */
public record Proposal(ChangeSet changeSet, ApprovalTicket ticket) {

    public Proposal {
        Objects.requireNonNull(changeSet, "changeSet");
        Objects.requireNonNull(ticket, "ticket");
    }

    /** The block that shows the person what would change and lets an approver decide. */
    public ApprovalBlock toBlock() {
        return new ApprovalBlock(ticket.approvalId(), changeSet.id(), changeSet.tool(), changeSet.effect(),
                changeSet.summary(), changeSet.affectedCount(), changeSet.arguments(), changeSet.preview(),
                ticket.status().jsonName());
    }
}
