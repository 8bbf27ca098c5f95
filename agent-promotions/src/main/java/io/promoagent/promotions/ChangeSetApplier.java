package io.promoagent.promotions;

import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.ToolException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The apply half of the promotion write tools: checks the {@link PromotionInvariants} against the store as
 * it is now, then writes exactly the affected records of the approved change set (a proposal's, or a
 * rollback's compensating one) through the record writer, in one conditional write whose idempotency token
 * is the change set's id.
 */
final class ChangeSetApplier {

    private final RecordWriter writer;
    private final PromotionInvariants invariants;
    private final Clock clock;

    ChangeSetApplier(RecordWriter writer, PromotionCatalogue catalogue, Clock clock) {
        this.writer = writer;
        this.invariants = new PromotionInvariants(catalogue);
        this.clock = clock;
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
        invariants.check(cs, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
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
