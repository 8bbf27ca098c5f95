package io.promoagent.core.change;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every record of a change has in common, when they do: one operation on one entity ("create" on
 * promotions, "send" to customers), so that a reply can say "1 promotion created" instead of "1 record".
 *
 * @param operation the operation on each record
 * @param entity    the entity of each record
 */
public record CommonChange(AffectedRecord.Operation operation, String entity) {

    public CommonChange {
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(entity, "entity");
    }

    /** The operation and entity all {@code records} share; empty when there are none or they differ. */
    public static Optional<CommonChange> of(List<AffectedRecord> records) {
        if (records.isEmpty()) {
            return Optional.empty();
        }
        AffectedRecord first = records.get(0);
        for (AffectedRecord r : records) {
            if (r.operation() != first.operation() || !r.entity().equals(first.entity())) {
                return Optional.empty();
            }
        }
        return Optional.of(new CommonChange(first.operation(), first.entity()));
    }
}
