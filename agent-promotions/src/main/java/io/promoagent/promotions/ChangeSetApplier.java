package io.promoagent.promotions;

import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.ToolException;
import java.util.List;

/**
 * The apply half of the promotion write tools: writes exactly the affected records of the approved change
 * set (a proposal's, or a rollback's compensating one) through the record writer, in one conditional write
 * whose idempotency token is the change set's id.
 */
final class ChangeSetApplier {

    private final RecordWriter writer;

    ChangeSetApplier(RecordWriter writer) {
        this.writer = writer;
    }

    ApplyResult apply(ApprovedChangeSet approved) {
        ChangeSet cs = approved.changeSet();
        if (cs.affected().isEmpty()) {
            throw new ToolException("change set " + cs.id() + " affects no record");
        }
        for (AffectedRecord r : cs.affected()) {
            if (!r.entity().equals(PromotionCatalogue.PROMOTIONS) || r.operation() == AffectedRecord.Operation.SEND) {
                throw new ToolException("the promotion tools write promotions only, not a " + r.operation().jsonName()
                        + " of " + r.entity());
            }
        }
        List<AffectedRecord> applied = writer.write(cs.affected(), token(cs.id()));
        return new ApplyResult(cs.id(), applied, "Applied: " + cs.summary());
    }

    /** The change set's id, or a digest of it when it is longer than a writer's token may be. */
    static String token(String changeSetId) {
        if (changeSetId.length() <= 36) {
            return changeSetId;
        }
        return java.util.UUID.nameUUIDFromBytes(changeSetId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }
}
