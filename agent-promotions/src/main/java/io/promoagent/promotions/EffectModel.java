package io.promoagent.promotions;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The prediction model, fitted on past promotions. Both parts use the discount's depth through a response
 * with diminishing returns, {@code x = 1 - exp(-depth / 0.12)} (depth: the discount as a share of the
 * audience's average order), the shape response curves of price promotions usually take.
 *
 * <ul>
 *   <li>Redemptions: least squares of {@code log((redemptions + 0.5) / members)} on {@code x}, {@code log(days)}
 *       and the log of the seasonal index of the month it starts in (how busy that month usually is); the 80 % interval is the regression's prediction interval (Student's t), taken back
 *       through the exponential. Needs {@link #MIN_REDEMPTION_HISTORY} past promotions.</li>
 *   <li>Uplift (the rise in the share of members who order): least squares through the origin of the uplift
 *       measured against each control group on {@code x}; the interval adds the spread of past promotions
 *       around the line. Needs {@link #MIN_UPLIFT_HISTORY} past promotions with a measured control group.</li>
 * </ul>
 */
final class EffectModel {
    static final int MIN_REDEMPTION_HISTORY = 5;
    static final int MIN_UPLIFT_HISTORY = 2;
    /** Completed orders an average order needs before revenue, cost and return are predicted from it. */
    static final int MIN_ORDER_HISTORY = 30;
    static final double DEPTH_SCALE = 0.12;

    /** One past promotion as the model sees it. */
    record Past(String code, double depth, long members, long days, long redemptions, Optional<Double> uplift,
            boolean steadyAudience, double season) {
        double response() {
            return response(depth);
        }

        static double response(double depth) {
            return 1 - Math.exp(-depth / DEPTH_SCALE);
        }
    }

    /**
     * What is asked of the model: a promotion of this depth, for this many members, over this many days.
     *
     * @param orders the completed orders its average order is taken from
     */
    record Candidate(double depth, long members, long days, double averageOrder, double discountPerRedemption,
            double season, long orders) {
    }

    private EffectModel() {
    }

    static Prediction predict(List<Past> history, Candidate candidate) {
        List<String> notes = new ArrayList<>();
        // An audience that changes while the promotion runs (new customers, lapsed customers) has no fixed number of
        // members to divide redemptions by, so such promotions teach nothing about redemptions per member.
        List<Past> rated = history.stream().filter(p -> p.members() > 0 && p.days() > 0 && p.steadyAudience())
                .toList();
        Optional<Prediction.Range> redemptions = Optional.empty();
        if (rated.size() < MIN_REDEMPTION_HISTORY) {
            notes.add("redemptions cannot be predicted: " + rated.size() + " past promotion"
                    + (rated.size() == 1 ? "" : "s") + " with a fixed audience, and at least " + MIN_REDEMPTION_HISTORY
                    + " are needed");
        } else if (candidate.members() == 0) {
            notes.add("the audience is empty, so nothing can be redeemed");
            redemptions = Optional.of(new Prediction.Range(0, 0, 0));
        } else {
            redemptions = Optional.of(redemptions(rated, candidate));
        }
        List<Past> measured = history.stream().filter(p -> p.members() > 0 && p.uplift().isPresent()).toList();
        Optional<Prediction.Range> uplift = Optional.empty();
        if (measured.size() < MIN_UPLIFT_HISTORY) {
            notes.add("the effect cannot be predicted: " + measured.size() + " past promotion"
                    + (measured.size() == 1 ? " has" : "s have") + " a control group to learn from, and at least "
                    + MIN_UPLIFT_HISTORY + " are needed; without them nobody can tell caused orders from orders "
                    + "that would have come anyway");
        } else {
            uplift = Optional.of(uplift(measured, candidate.depth()));
        }
        Optional<Prediction.Range> incremental = uplift.map(u -> scale(u, candidate.members()));
        // what an order is worth rests on the orders seen; too few make any money figure look surer than it is
        boolean priced = candidate.orders() >= MIN_ORDER_HISTORY;
        if (!priced) {
            notes.add("revenue, cost and return cannot be predicted: the average order rests on " + candidate.orders()
                    + " completed order" + (candidate.orders() == 1 ? "" : "s") + ", and at least " + MIN_ORDER_HISTORY
                    + " are needed");
        }
        Optional<Prediction.Range> revenue = incremental.filter(o -> priced).map(o -> scale(o, candidate.averageOrder()));
        Optional<Prediction.Range> cost = redemptions.filter(r -> priced)
                .map(r -> scale(r, candidate.discountPerRedemption()));
        Optional<Prediction.Range> returns = Optional.empty();
        if (revenue.isPresent() && cost.isPresent() && cost.get().base() > 0) {
            Prediction.Range r = revenue.get();
            Prediction.Range c = cost.get();
            returns = Optional.of(new Prediction.Range(r.low() / Math.max(c.high(), 1e-9), r.base() / c.base(),
                    r.high() / Math.max(c.low(), c.base() / 10)));
        }
        return new Prediction(redemptions, incremental, revenue, cost, returns,
                rated.stream().map(Past::code).toList(), measured.stream().map(Past::code).toList(), notes);
    }

    private static Prediction.Range scale(Prediction.Range range, double factor) {
        return new Prediction.Range(range.low() * factor, range.base() * factor, range.high() * factor);
    }

    private static Prediction.Range redemptions(List<Past> rated, Candidate candidate) {
        int n = rated.size();
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            Past p = rated.get(i);
            x[i] = new double[] {1, p.response(), Math.log(p.days()), Math.log(p.season())};
            y[i] = Math.log((p.redemptions() + 0.5) / p.members());
        }
        double[] at = {1, Past.response(candidate.depth()), Math.log(candidate.days()), Math.log(candidate.season())};
        LeastSquares fit = LeastSquares.fit(x, y);
        double centre = fit.predict(at);
        double half = StudentT.quantile90(fit.degreesOfFreedom()) * fit.predictionError(at);
        double members = candidate.members();
        // Back from logs: the -0.5 undoes the continuity correction; nobody redeems fewer than zero times.
        return new Prediction.Range(Math.max(0, members * Math.exp(centre - half) - 0.5),
                Math.max(0, members * Math.exp(centre) - 0.5), Math.max(0, members * Math.exp(centre + half) - 0.5));
    }

    private static Prediction.Range uplift(List<Past> measured, double depth) {
        double sxx = 0;
        double sxy = 0;
        for (Past p : measured) {
            sxx += p.response() * p.response();
            sxy += p.response() * p.uplift().orElseThrow();
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double residuals = 0;
        for (Past p : measured) {
            double r = p.uplift().orElseThrow() - slope * p.response();
            residuals += r * r;
        }
        int df = measured.size() - 1;
        double s2 = residuals / df;
        double x = Past.response(depth);
        double half = StudentT.quantile90(df) * Math.sqrt(s2 * (1 + (sxx == 0 ? 0 : x * x / sxx)));
        double base = slope * x;
        return new Prediction.Range(base - half, base, base + half);
    }
}
