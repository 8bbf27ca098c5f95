package io.promoagent.example.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the {@code promotions} table: a discount offered with a code, to an audience, for a period.
 *
 * @param discountValue   a percentage for {@link DiscountType#PERCENT}, an amount for {@link DiscountType#FIXED},
 *                        zero for {@link DiscountType#FREE_SHIPPING}
 * @param audienceRule    the name of the data model's rule that selects who may redeem it; empty for everyone
 * @param minOrderTotal   the smallest order total the code applies to, if there is one
 * @param budgetUsed      the discount granted so far on completed orders
 * @param redemptions     the number of orders that carry the code
 * @param exclusive       whether it does not stack with other promotions
 * @param controlShare    the share of the audience held out to measure the promotion's effect, if any
 */
public record Promotion(
        String id,
        String name,
        String code,
        String description,
        DiscountType discountType,
        BigDecimal discountValue,
        Optional<String> audienceRule,
        Optional<BigDecimal> minOrderTotal,
        LocalDate startsAt,
        LocalDate endsAt,
        PromotionStatus status,
        BigDecimal budget,
        BigDecimal budgetUsed,
        int maxRedemptions,
        int perCustomerLimit,
        int redemptions,
        boolean exclusive,
        int priority,
        String createdBy,
        LocalDate createdAt,
        Optional<BigDecimal> controlShare) {

    public Promotion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(discountType, "discountType");
        discountValue = Money.requireCents(discountValue, "discountValue");
        Objects.requireNonNull(audienceRule, "audienceRule");
        minOrderTotal = Objects.requireNonNull(minOrderTotal, "minOrderTotal")
                .map(amount -> Money.requireCents(amount, "minOrderTotal"));
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(status, "status");
        budget = Money.requireCents(budget, "budget");
        budgetUsed = Money.requireCents(budgetUsed, "budgetUsed");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(controlShare, "controlShare");
        if (endsAt.isBefore(startsAt)) {
            throw new IllegalArgumentException("endsAt " + endsAt + " is before startsAt " + startsAt);
        }
    }
}
