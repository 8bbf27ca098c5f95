package io.promoagent.example.demo;

import static io.promoagent.example.demo.RandomDraws.between;
import static io.promoagent.example.demo.RandomDraws.chance;
import static io.promoagent.example.demo.RandomDraws.weightedIndex;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * When a customer joined, what they bought in the two years before today, and whether they are still buying.
 *
 * <p>The history is drawn for a segment the customer is meant to end up in: a VIP or Premium customer first
 * gets a spending target inside the segment's range, and the completed orders are scaled to meet it exactly,
 * so that the shares of the segments can be planned while the segment rule stays true.
 *
 * <p>{@code stillBuying} and {@code paceDays} are the simulated behaviour the data shows only indirectly: a
 * customer still buying ordered in the last 30 days; one who stopped placed their last order at least 30 days ago
 * and nothing since. {@code paceDays} is first the average gap of the orders' span and then, once drifted
 * ({@link #withPace}), the customer's current pace, which no order shows. The planted lifecycle stage rests on both.
 */
record PurchaseHistory(LocalDate joinDate, List<Purchase> purchases, boolean stillBuying, int paceDays) {
    /** The median pace of a customer with a single order, who has no gap of their own to show it. */
    static final int ONE_ORDER_PACE_DAYS = 60;
    /** How far a customer's current pace drifts from the average gap of their past orders (log-normal sigma). */
    static final double PACE_DRIFT = 0.25;
    /** How far a single order's pace lies from {@link #ONE_ORDER_PACE_DAYS} (log-normal sigma). */
    static final double ONE_ORDER_PACE_SPREAD = 0.5;
    // Median order totals: about 60 over all orders, and about twice as much for VIP customers.
    private static final double REGULAR_MEDIAN_TOTAL = 50;
    private static final double PREMIUM_MEDIAN_TOTAL = 52;
    private static final double VIP_MEDIAN_TOTAL = 110;
    private static final double TOTAL_SIGMA = 0.55;
    /** The mean of a log-normal draw relative to its median, exp(sigma² / 2). */
    private static final double MEAN_OVER_MEDIAN = StrictMath.exp(TOTAL_SIGMA * TOTAL_SIGMA / 2);
    private static final BigDecimal MIN_TOTAL = new BigDecimal("5.00");
    private static final BigDecimal REGULAR_SPENDING_CAP = new BigDecimal("490.00");

    PurchaseHistory {
        purchases = List.copyOf(purchases);
    }

    /**
     * The history with these purchases, in date order (ties keep their earlier order), each numbered again
     * and linked to the one before it.
     */
    PurchaseHistory withPurchases(List<Purchase> unordered) {
        List<Purchase> sorted = new ArrayList<>(unordered);
        sorted.sort(Comparator.comparing((Purchase purchase) -> purchase.date));
        List<Purchase> renumbered = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            renumbered.add(sorted.get(i).placed(sorted.get(i).date, i, i == 0 ? null : sorted.get(i - 1).date));
        }
        return new PurchaseHistory(joinDate, renumbered, stillBuying, paceDays);
    }

    /** The history with this current pace, drifted from the average gap of the orders' span. */
    PurchaseHistory withPace(int newPaceDays) {
        return new PurchaseHistory(joinDate, purchases, stillBuying, newPaceDays);
    }

    /** What the completed orders add up to. */
    BigDecimal completedTotal() {
        BigDecimal sum = Money.ZERO;
        for (Purchase purchase : purchases) {
            if (purchase.status == OrderStatus.COMPLETED) {
                sum = sum.add(purchase.total);
            }
        }
        return sum;
    }

    /**
     * The history with the completed orders' totals scaled to add up to {@code target}, as when it was drawn,
     * so that an order added afterwards does not change what the customer spent in all (nor their segment).
     */
    PurchaseHistory scaledTo(BigDecimal target) {
        BigDecimal[] totals = new BigDecimal[purchases.size()];
        OrderStatus[] statuses = new OrderStatus[purchases.size()];
        for (int i = 0; i < totals.length; i++) {
            totals[i] = purchases.get(i).total;
            statuses[i] = purchases.get(i).status;
        }
        scaleCompleted(totals, statuses, target);
        List<Purchase> scaled = new ArrayList<>(totals.length);
        for (int i = 0; i < totals.length; i++) {
            Purchase purchase = purchases.get(i);
            scaled.add(totals[i].compareTo(purchase.total) == 0 ? purchase : purchase.withTotal(totals[i]));
        }
        return new PurchaseHistory(joinDate, scaled, stillBuying, paceDays);
    }

    /** The channel the customer used most, the earliest in {@link SalesChannel}'s order on a tie. */
    SalesChannel mainChannel() {
        int[] uses = new int[SalesChannel.values().length];
        for (Purchase purchase : purchases) {
            uses[purchase.channel.ordinal()]++;
        }
        int best = 0;
        for (int i = 1; i < uses.length; i++) {
            if (uses[i] > uses[best]) {
                best = i;
            }
        }
        return SalesChannel.values()[best];
    }

    static PurchaseHistory draw(int customerIndex, Segment segment, RandomGenerator random, LocalDate now) {
        return switch (segment) {
            case REGULAR -> drawRegular(customerIndex, random, now);
            case PREMIUM -> drawTargeted(customerIndex, random, now, segment,
                    spendingAbove(random, 520, 0.45, 1950), PREMIUM_MEDIAN_TOTAL, 3, 20);
            case VIP -> drawTargeted(customerIndex, random, now, segment,
                    spendingAbove(random, 2050, 0.30, 12_000), VIP_MEDIAN_TOTAL, 6, 20);
        };
    }

    /** A spending target of at least {@code min}, most often near it, as few customers spend far more. */
    private static double spendingAbove(RandomGenerator random, double min, double spread, double max) {
        return Math.min(max, min * StrictMath.exp(spread * Math.abs(RandomDraws.gaussian(random))));
    }

    /** Most regular customers bought once; some came back a few times and some never bought at all. */
    private static PurchaseHistory drawRegular(int customerIndex, RandomGenerator random, LocalDate now) {
        int count = weightedIndex(random, 0.10, 0.55, 0.16, 0.10, 0.06, 0.03);
        if (count == 0) {
            int daysAgo = chance(random, 0.25) ? between(random, 0, 29) : between(random, 30, 1100);
            return new PurchaseHistory(now.minusDays(daysAgo), List.of(), false, 0);
        }
        boolean stillBuying = chance(random, stillBuyingShare(Segment.REGULAR));
        Timeline timeline = drawDates(random, now, stillBuying, count);
        LocalDate[] dates = timeline.dates();
        OrderStatus[] statuses = drawStatuses(random, count, false);
        BigDecimal[] totals = drawTotals(random, count, REGULAR_MEDIAN_TOTAL);
        BigDecimal completedSum = completedSum(totals, statuses);
        if (completedSum.compareTo(REGULAR_SPENDING_CAP) > 0) {
            scaleCompleted(totals, statuses, Money.of(between(random, 300.0, 490.0)));
        }
        return assemble(customerIndex, random, dates, statuses, totals, stillBuying, timeline.paceDays());
    }

    private static PurchaseHistory drawTargeted(int customerIndex, RandomGenerator random, LocalDate now,
            Segment segment, double target, double segmentMedianTotal, int minOrders, int maxOrders) {
        // Customers differ in basket size: some buy often and little, others rarely and much.
        double medianTotal = RandomDraws.logNormal(random, segmentMedianTotal, 0.25);
        int count = orderCount(random, target, medianTotal, minOrders, maxOrders);
        boolean stillBuying = chance(random, stillBuyingShare(segment));
        Timeline timeline = drawDates(random, now, stillBuying, count);
        LocalDate[] dates = timeline.dates();
        OrderStatus[] statuses = drawStatuses(random, count, true);
        BigDecimal[] totals = drawTotals(random, count, medianTotal);
        scaleCompleted(totals, statuses, Money.of(target));
        return assemble(customerIndex, random, dates, statuses, totals, stillBuying, timeline.paceDays());
    }

    /** About as many orders as it takes to spend the target at the segment's usual order size. */
    private static int orderCount(RandomGenerator random, double target, double medianTotal, int min, int max) {
        double usualOrders = target / (medianTotal * MEAN_OVER_MEDIAN) * RandomDraws.logNormal(random, 1, 0.2);
        return (int) Math.max(min, Math.min(max, Math.round(usualOrders)));
    }

    /** The share of a segment's customers still buying today: the more they spend, the more of them stay. */
    private static double stillBuyingShare(Segment segment) {
        return switch (segment) {
            case VIP -> 0.55;
            case PREMIUM -> 0.32;
            case REGULAR -> 0.14;
        };
    }

    /**
     * Order dates, oldest first: the latest is within the last 30 days for a customer still buying and earlier for
     * one who stopped, and the others spread back from it, over a longer time for frequent buyers. With them, the
     * average gap of the span ({@link #ONE_ORDER_PACE_DAYS} for a single order), which the generator drifts into
     * the customer's current pace ({@link DemoDataGenerator}).
     */
    private static Timeline drawDates(RandomGenerator random, LocalDate now, boolean stillBuying, int count) {
        int maxDaysAgo = (int) ChronoUnit.DAYS.between(now.minusYears(2), now) - 1;
        int latestMin = stillBuying ? 0 : 30;
        int latestMax = stillBuying ? 29 : maxDaysAgo;
        double spanShare = count == 1 ? 0 : count <= 5 ? 0.6 * random.nextDouble() : between(random, 0.3, 0.95);
        int span = Math.min((int) (maxDaysAgo * spanShare), maxDaysAgo - latestMin);
        int lastDaysAgo = between(random, latestMin, Math.min(latestMax, maxDaysAgo - span));
        int usualGap = count == 1 ? ONE_ORDER_PACE_DAYS : Math.max(1, span / (count - 1));
        int[] daysAgo = new int[count];
        daysAgo[0] = lastDaysAgo + span;
        if (count > 1) {
            daysAgo[count - 1] = lastDaysAgo;
        }
        for (int i = 1; i < count - 1; i++) {
            daysAgo[i] = between(random, lastDaysAgo, lastDaysAgo + span);
        }
        Arrays.sort(daysAgo);
        LocalDate[] dates = new LocalDate[count];
        for (int i = 0; i < count; i++) {
            dates[i] = now.minusDays(daysAgo[count - 1 - i]);
        }
        return new Timeline(dates, usualGap);
    }

    private record Timeline(LocalDate[] dates, int paceDays) {
    }

    /** About 95 % completed; a spending customer keeps at least one completed order. */
    private static OrderStatus[] drawStatuses(RandomGenerator random, int count, boolean needsCompleted) {
        OrderStatus[] statuses = new OrderStatus[count];
        boolean anyCompleted = false;
        for (int i = 0; i < count; i++) {
            statuses[i] = OrderStatus.values()[weightedIndex(random, 0.95, 0.03, 0.02)];
            anyCompleted |= statuses[i] == OrderStatus.COMPLETED;
        }
        if (needsCompleted && !anyCompleted) {
            statuses[count - 1] = OrderStatus.COMPLETED;
        }
        return statuses;
    }

    private static BigDecimal[] drawTotals(RandomGenerator random, int count, double medianTotal) {
        BigDecimal[] totals = new BigDecimal[count];
        for (int i = 0; i < count; i++) {
            totals[i] = Money.of(RandomDraws.logNormal(random, medianTotal, TOTAL_SIGMA)).max(MIN_TOTAL);
        }
        return totals;
    }

    private static BigDecimal completedSum(BigDecimal[] totals, OrderStatus[] statuses) {
        BigDecimal sum = Money.ZERO;
        for (int i = 0; i < totals.length; i++) {
            if (statuses[i] == OrderStatus.COMPLETED) {
                sum = sum.add(totals[i]);
            }
        }
        return sum;
    }

    /**
     * Scales the completed orders' totals in proportion so that they add up to the target to the cent;
     * the rounding difference goes to the largest of them.
     */
    private static void scaleCompleted(BigDecimal[] totals, OrderStatus[] statuses, BigDecimal target) {
        BigDecimal sum = completedSum(totals, statuses);
        int largest = -1;
        BigDecimal scaledSum = Money.ZERO;
        for (int i = 0; i < totals.length; i++) {
            if (statuses[i] != OrderStatus.COMPLETED) {
                continue;
            }
            BigDecimal scaled = totals[i].multiply(target).divide(sum, 2, RoundingMode.HALF_UP).max(MIN_TOTAL);
            totals[i] = scaled;
            scaledSum = scaledSum.add(scaled);
            if (largest < 0 || scaled.compareTo(totals[largest]) > 0) {
                largest = i;
            }
        }
        totals[largest] = totals[largest].add(target.subtract(scaledSum));
    }

    private static PurchaseHistory assemble(int customerIndex, RandomGenerator random, LocalDate[] dates,
            OrderStatus[] statuses, BigDecimal[] totals, boolean stillBuying, int paceDays) {
        List<Purchase> purchases = new ArrayList<>(dates.length);
        for (int i = 0; i < dates.length; i++) {
            BigDecimal costOfGoods = Money.of(totals[i].doubleValue() * between(random, 0.41, 0.59));
            SalesChannel channel = SalesChannel.values()[weightedIndex(random, 0.55, 0.30, 0.15)];
            int items = 1 + weightedIndex(random, 0.40, 0.28, 0.17, 0.10, 0.05);
            if (totals[i].doubleValue() > 150 && items < 5) {
                items++;
            }
            LocalDate previous = i == 0 ? null : dates[i - 1];
            purchases.add(new Purchase(customerIndex, i, dates[i], previous, totals[i], costOfGoods, statuses[i],
                    channel, items));
        }
        int joinedDaysBeforeFirstOrder = chance(random, 0.7) ? between(random, 0, 14) : between(random, 15, 700);
        return new PurchaseHistory(dates[0].minusDays(joinedDaysBeforeFirstOrder), purchases, stillBuying, paceDays);
    }
}
