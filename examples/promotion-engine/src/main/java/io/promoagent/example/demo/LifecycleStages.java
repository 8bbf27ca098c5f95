package io.promoagent.example.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The lifecycle stage the generator planted for a customer, from the timeline it drew: when they joined,
 * when they last ordered, how long they had been away before that, and whether they buy in one season only.
 *
 * <p>The thresholds are those of the data model's lifecycle rules' defaults (docs/intelligence.md): new within 30
 * days of joining; active within 60 days of the last order; reactivated when that order ended a break of at least
 * 180 days; cooling up to 180 days; lapsed up to 365; churned beyond or never ordered. A seasonal buyer who bought
 * in their last season counts as active: their silence is the season, not a farewell.
 */
final class LifecycleStages {
    static final int NEW_DAYS = 30;
    static final int ACTIVE_DAYS = 60;
    static final int BREAK_DAYS = 180;
    static final int COOLING_DAYS = 180;
    static final int LAPSED_DAYS = 365;

    private LifecycleStages() {
    }

    static LifecycleStage of(LocalDate joined, PurchaseHistory history, Cohort cohort, LocalDate now) {
        if (!joined.isBefore(now.minusDays(NEW_DAYS))) {
            return LifecycleStage.NEW;
        }
        List<Purchase> purchases = history.purchases();
        if (purchases.isEmpty()) {
            return LifecycleStage.CHURNED;
        }
        Purchase last = purchases.get(purchases.size() - 1);
        long recency = ChronoUnit.DAYS.between(last.date, now);
        if (cohort != Cohort.YEAR_ROUND && recency <= LAPSED_DAYS) {
            return LifecycleStage.ACTIVE;
        }
        if (recency <= ACTIVE_DAYS) {
            boolean afterBreak = last.previousDate != null
                    && ChronoUnit.DAYS.between(last.previousDate, last.date) >= BREAK_DAYS;
            return afterBreak ? LifecycleStage.REACTIVATED : LifecycleStage.ACTIVE;
        }
        if (recency <= COOLING_DAYS) {
            return LifecycleStage.COOLING;
        }
        return recency <= LAPSED_DAYS ? LifecycleStage.LAPSED : LifecycleStage.CHURNED;
    }
}
