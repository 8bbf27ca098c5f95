package io.promoagent.example.demo;

import io.promoagent.promotions.Holdout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A promotion of the catalogue placed in time; its redemptions and spent budget come from the orders.
 *
 * @param budget         the budget planned, raised if the orders used more
 * @param maxRedemptions the limit planned, raised if the orders redeemed more
 * @param controlShare   the share of the audience held out as a control group, if there is one
 * @param effect         how strongly the offer moves its audience, 1 for as much as its depth suggests, 0 for not at all
 */
record PlannedPromotion(
        String code,
        String name,
        String description,
        DiscountType discountType,
        BigDecimal discountValue,
        Optional<Audience> audience,
        Optional<BigDecimal> minOrderTotal,
        LocalDate startsAt,
        LocalDate endsAt,
        PromotionStatus status,
        BigDecimal budget,
        int maxRedemptions,
        int perCustomerLimit,
        boolean exclusive,
        int priority,
        String createdBy,
        LocalDate createdAt,
        Optional<Double> controlShare,
        double effect) {

    private static final BigDecimal SHIPPING_FEE = new BigDecimal("4.95");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    /** Whether the customer could have redeemed the code with this purchase: a held-out customer never got it. */
    boolean redeemableWith(CustomerProfile customer, Purchase purchase, LocalDate now) {
        return status.hasRun()
                && !purchase.date.isBefore(startsAt)
                && !purchase.date.isAfter(endsAt)
                && !purchase.date.isAfter(now)
                && minOrderTotal.map(min -> purchase.total.compareTo(min) >= 0).orElse(true)
                && audience.map(rule -> rule.admits(customer, purchase)).orElse(true)
                && !controlShare.map(share -> Holdout.inControl(code, customer.id(), share)).orElse(false);
    }

    /** What granting the discount on an order of this total cost the shop. */
    BigDecimal discountOn(BigDecimal orderTotal) {
        return switch (discountType) {
            case PERCENT -> orderTotal.multiply(discountValue).divide(HUNDRED, 2, RoundingMode.HALF_UP);
            case FIXED -> discountValue.min(orderTotal);
            case FREE_SHIPPING -> SHIPPING_FEE;
        };
    }

    Promotion toPromotion(String id, int redemptions, BigDecimal budgetUsed) {
        // A run that went better than planned raised its limits rather than breaking them.
        BigDecimal finalBudget = budget.max(roundUp(budgetUsed.multiply(new BigDecimal("1.25")), 500));
        int finalMaxRedemptions = Math.max(maxRedemptions, roundUp(redemptions * 5 / 4, 100));
        return new Promotion(id, name, code, description, discountType, discountValue,
                audience.map(Audience::ruleName), minOrderTotal, startsAt, endsAt, status, finalBudget, budgetUsed,
                finalMaxRedemptions, perCustomerLimit, redemptions, exclusive, priority, createdBy, createdAt,
                controlShare.map(share -> Money.of(share)));
    }

    private static BigDecimal roundUp(BigDecimal amount, int step) {
        BigDecimal stepAmount = BigDecimal.valueOf(step);
        return amount.divide(stepAmount, 0, RoundingMode.CEILING).multiply(stepAmount).setScale(2);
    }

    private static int roundUp(int count, int step) {
        return (count + step - 1) / step * step;
    }
}
