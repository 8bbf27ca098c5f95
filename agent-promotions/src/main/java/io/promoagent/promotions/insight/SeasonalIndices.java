package io.promoagent.promotions.insight;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How much each calendar month sells against an average month: 1.0 is average, 1.3 is 30 % more orders.
 * An index is the mean number of orders in that month over the complete months observed, divided by the
 * mean of the twelve such means, so that months observed twice and months observed once compare fairly.
 *
 * @param byGroup        the twelve indices (January first) of all orders under {@code "all"}, and of each group
 *                       (a segment, a category) under its value
 * @param ordersByGroup  the orders counted for each group
 * @param monthsObserved the complete calendar months the indices rest on
 */
public record SeasonalIndices(Map<String, List<Double>> byGroup, Map<String, Long> ordersByGroup,
        int monthsObserved) {

    public static final String ALL = "all";

    public SeasonalIndices {
        byGroup = Map.copyOf(byGroup);
        ordersByGroup = Map.copyOf(ordersByGroup);
    }

    /** The index of a month (1 = January) for a group, or of all orders. */
    public double index(String group, int month) {
        List<Double> indices = Objects.requireNonNull(byGroup.get(group), () -> "no orders of group " + group);
        return indices.get(month - 1);
    }

    /** The month (1-12) with the highest index for the group. */
    public int peakMonth(String group) {
        List<Double> indices = byGroup.get(group);
        int best = 0;
        for (int m = 1; m < 12; m++) {
            if (indices.get(m) > indices.get(best)) {
                best = m;
            }
        }
        return best + 1;
    }
}
