package io.promoagent.core.approval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the change set that undoes an applied one from the before-images its apply recorded: a created
 * record is deleted, an updated one is set back, a deleted one is created again. Each compensating write is
 * conditioned on the record still being as the change left them (its version after the apply), so a later
 * edit is reported as a conflict and never overwritten. A send cannot be undone.
 */
final class Compensation {

    private Compensation() {
    }

    static ChangeSet of(ChangeSet original, ApplyResult result, String requester, Instant now) {
        List<AffectedRecord> inverse = new ArrayList<>();
        List<AffectedRecord> applied = new ArrayList<>(result.applied());
        java.util.Collections.reverse(applied); // undo in the opposite order
        for (AffectedRecord r : applied) {
            switch (r.operation()) {
                case CREATE -> inverse.add(new AffectedRecord(r.entity(), r.key(), AffectedRecord.Operation.DELETE,
                        r.after(), Optional.empty(), r.version()));
                case UPDATE -> {
                    if (r.before().isEmpty()) {
                        throw notReversible(original, "its apply recorded no before-image of " + r.key());
                    }
                    inverse.add(new AffectedRecord(r.entity(), r.key(), AffectedRecord.Operation.UPDATE,
                            r.after(), r.before(), r.version()));
                }
                case DELETE -> {
                    if (r.before().isEmpty()) {
                        throw notReversible(original, "its apply recorded no before-image of " + r.key());
                    }
                    inverse.add(new AffectedRecord(r.entity(), r.key(), AffectedRecord.Operation.CREATE,
                            Optional.empty(), r.before(), Optional.empty()));
                }
                case SEND -> throw notReversible(original, "a message that was sent cannot be unsent");
            }
        }
        ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put("rollback_of", original.id());
        return ChangeSet.builder()
                .tool(original.tool())
                .effect(original.effect())
                .arguments(args)
                .summary("Roll back: " + original.summary())
                .affected(inverse)
                .preview(original.preview())
                .requester(requester)
                .createdAt(now)
                .build();
    }

    private static ApprovalException notReversible(ChangeSet original, String why) {
        return new ApprovalException(ApprovalException.NOT_REVERSIBLE,
                "change set " + original.id() + " cannot be rolled back: " + why);
    }
}
