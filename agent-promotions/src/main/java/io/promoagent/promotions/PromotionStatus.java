package io.promoagent.promotions;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a promotion stands in its lifecycle. The legal moves are
 * {@code draft → scheduled | active}, {@code scheduled → active}, {@code active ⇄ paused} and
 * {@code scheduled | active | paused → expired}; every other move is refused with the reason.
 */
public enum PromotionStatus {
    /** Being prepared; customers cannot use it. */
    DRAFT,
    /** Published, waiting for its start date. */
    SCHEDULED,
    /** Customers can use it. */
    ACTIVE,
    /** Stopped for a while; customers cannot use it until it is resumed. */
    PAUSED,
    /** Over for good. */
    EXPIRED;

    /** The value as stored and as tools take it ({@code paused}). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status with this stored name. */
    public static Optional<PromotionStatus> parse(String name) {
        for (PromotionStatus s : values()) {
            if (s.jsonName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The statuses this one may move to. */
    public Set<PromotionStatus> next() {
        return switch (this) {
            case DRAFT -> EnumSet.of(SCHEDULED, ACTIVE);
            case SCHEDULED -> EnumSet.of(ACTIVE, EXPIRED);
            case ACTIVE -> EnumSet.of(PAUSED, EXPIRED);
            case PAUSED -> EnumSet.of(ACTIVE, EXPIRED);
            case EXPIRED -> EnumSet.noneOf(PromotionStatus.class);
        };
    }

    public boolean canMoveTo(PromotionStatus target) {
        return next().contains(target);
    }

    /** Why a promotion in this status cannot move to {@code target}; empty when it can. */
    public Optional<String> refusalOfMoveTo(PromotionStatus target) {
        if (canMoveTo(target)) {
            return Optional.empty();
        }
        if (target == this) {
            return Optional.of("the promotion is already " + jsonName());
        }
        if (this == EXPIRED) {
            return Optional.of("an expired promotion is over for good and cannot become " + target.jsonName()
                    + "; create a new promotion instead");
        }
        if (target == DRAFT) {
            return Optional.of("a " + jsonName() + " promotion has been published and cannot go back to draft");
        }
        if (this == DRAFT) {
            return Optional.of("a draft has never run, so it cannot be " + target.jsonName()
                    + "; schedule or activate it first");
        }
        if (this == SCHEDULED) {
            return Optional.of("a scheduled promotion has not started, so it cannot be paused; expire it to cancel it");
        }
        return Optional.of("a promotion that has started (" + jsonName() + ") cannot be scheduled again; "
                + (this == ACTIVE ? "pause it instead" : "resume it or let it expire"));
    }

    /** Whether customers can use it now or will without another decision (active or scheduled). */
    public boolean isLive() {
        return this == ACTIVE || this == SCHEDULED;
    }

    /** Whether it has run at some time (active, paused or expired). */
    public boolean hasRun() {
        return this == ACTIVE || this == PAUSED || this == EXPIRED;
    }
}
