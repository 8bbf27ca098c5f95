package io.promoagent.promotions;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.StaleChangeException;
import io.promoagent.schema.source.Row;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The rules every write of promotions keeps, checked against the store as it is at apply time, whatever
 * wrote the change set — a tool's proposal or a rollback's compensation, which no tool proposed and so no
 * proposal checked:
 * <ul>
 *   <li>no two promotions share a code;</li>
 *   <li>a status changes only along the lifecycle ({@link Promotion#withStatus}: an expired promotion stays
 *       expired, a started one is never scheduled again, one whose window ended is not made active);</li>
 *   <li>a promotion is not created (or restored) active or scheduled after its last day.</li>
 * </ul>
 * A change set that would break one is refused with the rule it breaks, before anything is written.
 */
final class PromotionInvariants {

    private final PromotionCatalogue catalogue;

    PromotionInvariants(PromotionCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** @throws StaleChangeException naming the first rule the change set breaks */
    void check(ChangeSet cs, LocalDate today) {
        List<StoredPromotion> stored = catalogue.all();
        Set<String> deleted = new HashSet<>();
        cs.affected().stream().filter(r -> r.operation() == AffectedRecord.Operation.DELETE)
                .forEach(r -> deleted.add(String.valueOf(r.key().get(PromotionRow.ID))));
        for (AffectedRecord r : cs.affected()) {
            if (r.after().isEmpty()) {
                continue;
            }
            Promotion after = promotion(r.after().get(), r);
            codeTaken(after, stored, deleted).ifPresent(PromotionInvariants::refuse);
            Optional<StoredPromotion> current = stored.stream().filter(s -> s.promotion().id().equals(after.id())).findFirst();
            if (r.operation() == AffectedRecord.Operation.UPDATE && current.isPresent()
                    && current.get().promotion().status() != after.status()) {
                try {
                    current.get().promotion().withStatus(after.status(), today);
                } catch (IllegalTransitionException e) {
                    refuse("the lifecycle does not allow it now: " + e.getMessage());
                }
            }
            if (r.operation() == AffectedRecord.Operation.CREATE && after.status().isLive() && after.endsAt().isBefore(today)) {
                refuse(after.code() + " would be " + after.status().jsonName() + " although its window ended on " + after.endsAt());
            }
        }
    }

    private static Optional<String> codeTaken(Promotion after, List<StoredPromotion> stored, Set<String> deleted) {
        return stored.stream()
                .filter(s -> !s.promotion().id().equals(after.id()) && !deleted.contains(s.promotion().id()))
                .filter(s -> s.code().equalsIgnoreCase(after.code()))
                .findFirst()
                .map(s -> "the code " + after.code() + " is held by promotion " + s.promotion().id() + " (" + s.promotion().status().jsonName()
                        + ") now; two promotions cannot share a code");
    }

    private static Promotion promotion(Row row, AffectedRecord r) {
        try {
            return Promotion.fromRow(row);
        } catch (InvalidPromotionException e) {
            throw new StaleChangeException("promotion " + r.key() + " would not be a valid promotion: " + e.getMessage());
        }
    }

    private static void refuse(String why) {
        throw new StaleChangeException(Objects.requireNonNull(why));
    }
}
