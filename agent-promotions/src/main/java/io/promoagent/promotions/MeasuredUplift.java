package io.promoagent.promotions;

import java.util.Optional;

/**
 * What a promotion's control group shows: the share of treated and held-out members who ordered during the
 * promotion and their revenue per member, and the differences with 95 % confidence intervals. Empty figures
 * come with {@link #unmeasurable}, the plain reason why there are none.
 *
 * @param treated           audience members who were offered the promotion
 * @param control           audience members held out
 * @param treatedConversion share of treated members with an order during the promotion
 * @param controlConversion share of held-out members with an order during the promotion
 * @param uplift            treated minus control conversion, with its interval
 * @param revenueUplift     treated minus control revenue (completed orders) per member, with its interval
 */
public record MeasuredUplift(int treated, int control, double treatedConversion, double controlConversion,
        Interval uplift, double treatedRevenuePerMember, double controlRevenuePerMember, Interval revenueUplift,
        Optional<String> unmeasurable) {

    /** An estimate and its 95 % confidence interval. */
    public record Interval(double estimate, double low, double high) {
        public boolean covers(double value) {
            return low <= value && value <= high;
        }
    }

    static MeasuredUplift unmeasurable(int treated, int control, String why) {
        Interval none = new Interval(Double.NaN, Double.NaN, Double.NaN);
        return new MeasuredUplift(treated, control, Double.NaN, Double.NaN, none, Double.NaN, Double.NaN, none,
                Optional.of(why));
    }

    public boolean isMeasured() {
        return unmeasurable.isEmpty();
    }
}
