package io.promoagent.example.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The lifecycle stage the generator planted for a customer, from the behaviour it simulated rather than from any
 * rule's thresholds: whether the customer is still buying, at which pace (a drawn state and rate the data does not
 * record), when they joined, when they last ordered and whether they buy in one season only.
 *
 * <p>New within 30 days of joining; reactivated when an order in the last 60 days ended a break of at least 180;
 * active while still buying (a seasonal buyer who bought within a year counts: their silence is the season, not
 * a farewell) or while a customer who stopped is not yet due for their next order at their pace; once overdue, a
 * customer who stopped is cooling (at risk) up to 180 days after their last order, lapsed up to a year, churned
 * beyond; a customer who never ordered has churned. The calendar bounds are what the stages mean;
 * whether someone stopped is what an analysis must infer from the orders alone (docs/intelligence.md).
 */
final class LifecycleStages {
    static final int NEW_DAYS = 30;
    static final int REACTIVATED_DAYS = 60;
    static final int BREAK_DAYS = 180;
    static final int COOLING_DAYS = 180;
    static final int LAPSED_DAYS = 365;

    private LifecycleStages() {
    }

    /** A planted stage and the day the customer entered it. */
    record Planted(LifecycleStage stage, LocalDate since) {
    }

    static Planted of(LocalDate joined, PurchaseHistory history, Cohort cohort, LocalDate now) {
        if (!joined.isBefore(now.minusDays(NEW_DAYS))) {
            return new Planted(LifecycleStage.NEW, joined);
        }
        List<Purchase> purchases = history.purchases();
        if (purchases.isEmpty()) {
            return new Planted(LifecycleStage.CHURNED, joined.plusDays(NEW_DAYS));
        }
        Purchase last = purchases.get(purchases.size() - 1);
        long recency = ChronoUnit.DAYS.between(last.date, now);
        if (cohort != Cohort.YEAR_ROUND && recency <= LAPSED_DAYS) {
            return new Planted(LifecycleStage.ACTIVE, last.date);
        }
        boolean afterBreak = last.previousDate != null
                && ChronoUnit.DAYS.between(last.previousDate, last.date) >= BREAK_DAYS;
        if (recency <= REACTIVATED_DAYS && afterBreak) {
            return new Planted(LifecycleStage.REACTIVATED, last.date);
        }
        // Until their next order is due at their own pace, a customer who stopped has not yet behaved differently
        // from one who goes on buying: nobody could see the change, so they still count as active.
        if (history.stillBuying() || recency <= history.paceDays()) {
            return new Planted(LifecycleStage.ACTIVE, last.date);
        }
        // the day after their next order was due, or the day the calendar bound moved them on
        LocalDate overdue = last.date.plusDays(history.paceDays() + 1L);
        if (recency <= COOLING_DAYS) {
            return new Planted(LifecycleStage.COOLING, overdue);
        }
        if (recency <= LAPSED_DAYS) {
            return new Planted(LifecycleStage.LAPSED, later(overdue, last.date.plusDays(COOLING_DAYS + 1L)));
        }
        return new Planted(LifecycleStage.CHURNED, later(overdue, last.date.plusDays(LAPSED_DAYS + 1L)));
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
