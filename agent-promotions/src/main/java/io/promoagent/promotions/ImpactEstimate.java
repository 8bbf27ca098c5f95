package io.promoagent.promotions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What launching a promotion is expected to do, worked out before anyone approves it: who it reaches,
 * how often it may be redeemed, what it may cost, and what it collides with. Every figure comes with the
 * inputs it was computed from, so an approver can check it.
 *
 * @param audience    the audience now
 * @param redemptions expected redemptions and how they were estimated
 * @param cost        expected discount cost
 * @param conflicts   live promotions whose window and audience overlap this one's
 */
public record ImpactEstimate(Audience audience, Redemptions redemptions, Cost cost, List<Conflict> conflicts) {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    public ImpactEstimate {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(redemptions, "redemptions");
        Objects.requireNonNull(cost, "cost");
        conflicts = List.copyOf(conflicts);
    }

    /**
     * The audience now.
     *
     * @param description   who it is, for people
     * @param size          customers in the audience
     * @param reachable     of those, customers who may be e-mailed, when the data model has the rule
     * @param reachableRule the rule that says who may be e-mailed
     */
    public record Audience(String description, long size, Optional<Long> reachable, String reachableRule) {
    }

    /**
     * Expected redemptions over the promotion's window, in three cases.
     *
     * @param low          at the lowest redemption rate of the comparable promotions
     * @param base         at their median rate
     * @param high         at their highest rate
     * @param rateLow      redemptions per audience member per 30 days, lowest
     * @param rateBase     the same, median
     * @param rateHigh     the same, highest
     * @param windowDays   the days of the new promotion's window
     * @param cap          the most redemptions possible: the redemption limit, and the audience times the
     *                     per-customer limit
     * @param basis        which past promotions were compared ("same discount type and audience", ...)
     * @param method       how the figures were computed, in a sentence or two
     * @param comparables  the past promotions compared, with their inputs
     */
    public record Redemptions(long low, long base, long high, BigDecimal rateLow, BigDecimal rateBase,
                              BigDecimal rateHigh, long windowDays, long cap, String basis, String method,
                              List<PastPromotion> comparables) {
        public Redemptions {
            comparables = List.copyOf(comparables);
            if (low > base || base > high) {
                throw new IllegalArgumentException("low <= base <= high: " + low + ", " + base + ", " + high);
            }
        }
    }

    /**
     * One past promotion the redemption rate was learned from.
     *
     * @param code          its code
     * @param discountType  its discount type
     * @param audience      its audience key ({@code rule:vip}, {@code everyone})
     * @param exposure      customers in its audience at the time
     * @param redemptions   orders that carried its code
     * @param daysRun       days from its start to its end or today, whichever came first
     * @param ratePer30Days redemptions ÷ exposure ÷ days run × 30
     */
    public record PastPromotion(String code, DiscountType discountType, String audience, long exposure, int redemptions,
                             long daysRun, BigDecimal ratePer30Days) {
    }

    /**
     * Expected discount cost: redemptions times the discount on an average order.
     *
     * @param averageOrderValue the average total of the audience's completed orders (of at least the minimum
     *                          order total)
     * @param basis             which orders that average is over
     * @param perRedemption     the discount on such an order: the percentage of it, the fixed amount (never
     *                          more than the order), or the shipping cost
     * @param low               low redemptions × per redemption
     * @param base              base redemptions × per redemption
     * @param high              high redemptions × per redemption
     */
    public record Cost(BigDecimal averageOrderValue, String basis, BigDecimal perRedemption, BigDecimal low,
                       BigDecimal base, BigDecimal high) {
    }

    /**
     * A live promotion (active or scheduled) whose window overlaps and that shares customers with this one.
     *
     * @param code           its code
     * @param name           its name
     * @param status         active or scheduled
     * @param startsAt       its first day
     * @param endsAt         its last day
     * @param offer          its discount ("25% off")
     * @param exclusive      whether it refuses to stack
     * @param priority       its priority
     * @param kind           {@code stacks} (a shared customer could combine both discounts) or
     *                       {@code exclusive} (they do not combine; the higher priority applies)
     * @param sharedAudience customers in both audiences now
     * @param note           what it means, for the approver
     */
    public record Conflict(String code, String name, PromotionStatus status, LocalDate startsAt, LocalDate endsAt,
                           String offer, boolean exclusive, int priority, String kind, long sharedAudience,
                           String note) {
    }

    /** A budget that covers the high cost estimate: rounded up to {@code step}, at least one step. */
    public BigDecimal suggestedBudget(BigDecimal step) {
        BigDecimal steps = cost.high().divide(step, 0, RoundingMode.CEILING).max(BigDecimal.ONE);
        return steps.multiply(step).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** The estimate as the approval preview shows it, with the budget it is held against. */
    public ObjectNode toJson(BigDecimal budget, boolean budgetGiven) {
        ObjectNode n = F.objectNode();
        ObjectNode a = n.putObject("audience");
        a.put("description", audience.description());
        a.put("size", audience.size());
        audience.reachable().ifPresentOrElse(r -> a.put("reachable", r), () -> a.putNull("reachable"));
        a.put("reachable_rule", audience.reachableRule());

        ObjectNode r = n.putObject("redemptions");
        r.put("low", redemptions.low());
        r.put("base", redemptions.base());
        r.put("high", redemptions.high());
        ObjectNode rates = r.putObject("rate_per_customer_per_30_days");
        rates.put("low", redemptions.rateLow());
        rates.put("base", redemptions.rateBase());
        rates.put("high", redemptions.rateHigh());
        r.put("window_days", redemptions.windowDays());
        r.put("cap", redemptions.cap());
        r.put("basis", redemptions.basis());
        r.put("method", redemptions.method());
        ArrayNode cs = r.putArray("comparables");
        for (PastPromotion c : redemptions.comparables()) {
            ObjectNode o = cs.addObject();
            o.put("code", c.code());
            o.put("discount_type", c.discountType().jsonName());
            o.put("audience", c.audience());
            o.put("audience_at_the_time", c.exposure());
            o.put("redemptions", c.redemptions());
            o.put("days_run", c.daysRun());
            o.put("rate_per_30_days", c.ratePer30Days());
        }

        ObjectNode c = n.putObject("cost");
        c.put("average_order_value", cost.averageOrderValue());
        c.put("average_order_basis", cost.basis());
        c.put("discount_per_redemption", cost.perRedemption());
        c.put("low", cost.low());
        c.put("base", cost.base());
        c.put("high", cost.high());
        c.put("budget", budget);
        c.put("budget_source", budgetGiven ? "given" : "the high estimate rounded up");
        if (budget.signum() > 0) {
            c.put("base_share_of_budget", cost.base().divide(budget, 4, RoundingMode.HALF_UP));
            c.put("high_share_of_budget", cost.high().divide(budget, 4, RoundingMode.HALF_UP));
        }
        c.put("base_within_budget", cost.base().compareTo(budget) <= 0);
        c.put("high_within_budget", cost.high().compareTo(budget) <= 0);

        ArrayNode cf = n.putArray("conflicts");
        for (Conflict x : conflicts) {
            ObjectNode o = cf.addObject();
            o.put("code", x.code());
            o.put("name", x.name());
            o.put("status", x.status().jsonName());
            o.put("starts_at", x.startsAt().toString());
            o.put("ends_at", x.endsAt().toString());
            o.put("offer", x.offer());
            o.put("exclusive", x.exclusive());
            o.put("priority", x.priority());
            o.put("kind", x.kind());
            o.put("shared_audience", x.sharedAudience());
            o.put("note", x.note());
        }
        return n;
    }
}
