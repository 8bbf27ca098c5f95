package io.promoagent.example.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Makes some customers seasonal buyers: about one in six of those with at least three orders buys only
 * in the fourth quarter, and as many only in summer. Their orders keep their totals and statuses and move
 * to days of their season after they joined; everyone else keeps their days.
 *
 * <p>A pattern needs a few orders to be seen at all, so customers with fewer than three orders stay year-round
 * buyers; an analysis is not expected to tell a one-time buyer's season.
 */
final class SeasonalCohorts {
    static final int MIN_ORDERS = 3;
    private static final double Q4_SHARE = 0.18;
    private static final double SUMMER_SHARE = 0.18;

    private SeasonalCohorts() {
    }

    /** Each customer's cohort; the seasonal customers' histories in {@code histories} are replaced. */
    static List<Cohort> assign(RandomGenerator random, List<PurchaseHistory> histories, LocalDate now) {
        List<Cohort> cohorts = new ArrayList<>(histories.size());
        for (int i = 0; i < histories.size(); i++) {
            PurchaseHistory history = histories.get(i);
            // Drawn for every customer, so that one customer's order count does not shift the others' draws.
            double draw = random.nextDouble();
            Cohort cohort = draw < Q4_SHARE ? Cohort.Q4_ONLY
                    : draw < Q4_SHARE + SUMMER_SHARE ? Cohort.SUMMER : Cohort.YEAR_ROUND;
            List<LocalDate> days = cohort == Cohort.YEAR_ROUND ? List.of() : seasonDays(cohort, history, now);
            if (history.purchases().size() < MIN_ORDERS || days.size() < 30) {
                cohorts.add(Cohort.YEAR_ROUND);
                continue;
            }
            List<Purchase> moved = new ArrayList<>(history.purchases().size());
            for (Purchase purchase : history.purchases()) {
                moved.add(purchase.placed(RandomDraws.pick(random, days), purchase.sequence, null));
            }
            histories.set(i, history.withPurchases(moved));
            cohorts.add(cohort);
        }
        return cohorts;
    }

    /** The days of the cohort's season from the day the customer joined (or two years ago) to today. */
    private static List<LocalDate> seasonDays(Cohort cohort, PurchaseHistory history, LocalDate now) {
        LocalDate first = history.joinDate().isAfter(now.minusYears(2)) ? history.joinDate()
                : now.minusYears(2).plusDays(1);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(now); day = day.plusDays(1)) {
            if (cohort.buysOn(day)) {
                days.add(day);
            }
        }
        return days;
    }
}
