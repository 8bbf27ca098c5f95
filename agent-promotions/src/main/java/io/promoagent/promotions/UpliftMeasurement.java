package io.promoagent.promotions;

import io.promoagent.core.query.ReadLog;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures a promotion's effect against its control group: members are the audience on its first day, split
 * by {@link Holdout}; a member converted when they placed any order from the first day to the last (or today).
 * The intervals are normal approximations (difference of two proportions, difference of two means), which
 * hold for groups of a few dozen and more; below {@link #MIN_GROUP} members in either group nothing is claimed.
 */
final class UpliftMeasurement {
    static final int MIN_GROUP = 10;
    private static final double Z95 = 1.959964;

    private UpliftMeasurement() {
    }

    static MeasuredUplift measure(PromotionCatalogue catalogue, Promotion promotion, LocalDate today) {
        return measure(catalogue, promotion, today, new ReadLog());
    }

    /**
     * The queries {@link #measure(PromotionCatalogue, Promotion, LocalDate, ReadLog)} reads, none when it reads
     * nothing (no control group, not started): the audience on the first day and the orders since.
     */
    static List<Query> queries(PromotionCatalogue catalogue, Promotion promotion, LocalDate today) {
        if (promotion.controlShare().isEmpty() || promotion.startsAt().isAfter(today)) {
            return List.of();
        }
        LocalDate last = promotion.endsAt().isBefore(today) ? promotion.endsAt() : today;
        return List.of(catalogue.audienceQuery(promotion), catalogue.ordersBetweenQuery(promotion.startsAt(), last));
    }

    /** The same, keeping the queries it reads in {@code log}. */
    static MeasuredUplift measure(PromotionCatalogue catalogue, Promotion promotion, LocalDate today, ReadLog log) {
        if (promotion.controlShare().isEmpty()) {
            return MeasuredUplift.unmeasurable(0, 0, promotion.code() + " has no control group, so its effect cannot "
                    + "be told apart from what its audience would have bought anyway");
        }
        if (promotion.startsAt().isAfter(today)) {
            return MeasuredUplift.unmeasurable(0, 0, promotion.code() + " has not started yet");
        }
        double share = promotion.controlShare().get().doubleValue();
        LocalDate last = promotion.endsAt().isBefore(today) ? promotion.endsAt() : today;
        Set<String> members = catalogue.audienceOnFirstDay(promotion, log);
        Map<String, double[]> byMember = new HashMap<>();
        for (Row order : catalogue.ordersBetween(promotion.startsAt(), last, log, PromotionCatalogue.ORDERS
                + ": every order from " + promotion.startsAt() + " to " + last + " (" + promotion.code()
                + "'s measured uplift: who of its audience ordered)")) {
            String customer = String.valueOf(order.valueOrNull(PromotionCatalogue.ORDER_CUSTOMER));
            if (!members.contains(customer)) {
                continue;
            }
            double[] figures = byMember.computeIfAbsent(customer, k -> new double[2]);
            figures[0] = 1;
            if (PromotionCatalogue.COMPLETED.equals(order.valueOrNull(PromotionCatalogue.ORDER_STATUS))
                    && order.valueOrNull(PromotionCatalogue.ORDER_TOTAL) instanceof BigDecimal total) {
                figures[1] += total.doubleValue();
            }
        }
        Group treated = new Group();
        Group control = new Group();
        for (String member : members) {
            double[] figures = byMember.getOrDefault(member, new double[2]);
            (Holdout.inControl(promotion.code(), member, share) ? control : treated).add(figures[0], figures[1]);
        }
        if (treated.n < MIN_GROUP || control.n < MIN_GROUP) {
            return MeasuredUplift.unmeasurable(treated.n, control.n, "too few members to measure: " + treated.n
                    + " treated and " + control.n + " held out, and at least " + MIN_GROUP + " of each are needed");
        }
        double pT = treated.mean(treated.converted);
        double pC = control.mean(control.converted);
        double seConversion = Math.sqrt(pT * (1 - pT) / treated.n + pC * (1 - pC) / control.n);
        double rT = treated.mean(treated.revenue);
        double rC = control.mean(control.revenue);
        double seRevenue = Math.sqrt(treated.variance(treated.revenue, treated.revenueSquares) / treated.n
                + control.variance(control.revenue, control.revenueSquares) / control.n);
        return new MeasuredUplift(treated.n, control.n, pT, pC, interval(pT - pC, seConversion), rT, rC,
                interval(rT - rC, seRevenue), java.util.Optional.empty());
    }

    private static MeasuredUplift.Interval interval(double estimate, double standardError) {
        return new MeasuredUplift.Interval(estimate, estimate - Z95 * standardError, estimate + Z95 * standardError);
    }

    /** Running sums over one group's members. */
    private static final class Group {
        int n;
        double converted;
        double revenue;
        double revenueSquares;

        void add(double convertedFlag, double memberRevenue) {
            n++;
            converted += convertedFlag;
            revenue += memberRevenue;
            revenueSquares += memberRevenue * memberRevenue;
        }

        double mean(double sum) {
            return sum / n;
        }

        /** The sample variance from a sum and a sum of squares. */
        double variance(double sum, double squares) {
            return n < 2 ? 0 : Math.max(0, (squares - sum * sum / n) / (n - 1));
        }
    }

    static List<String> columns() {
        return List.of("control_share", "treated_members", "control_members", "treated_conversion",
                "control_conversion", "uplift", "uplift_low", "uplift_high", "revenue_per_treated",
                "revenue_per_control", "revenue_uplift", "revenue_uplift_low", "revenue_uplift_high");
    }
}
