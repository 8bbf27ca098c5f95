package io.promoagent.promotions;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * How the promotion tools fill in what a request leaves out and how they estimate impact.
 *
 * @param defaultDurationDays     days from the start to the end when no end date is given (an end date
 *                                is that many days after the start)
 * @param codePattern             how a code is made when none is given: {@code {AUDIENCE}} becomes the
 *                                audience rule's name in upper case ({@code ALL} for everyone),
 *                                {@code {VALUE}} the discount ({@code 25}, {@code FREESHIP}), and each
 *                                {@code #} a character of the alphabet
 * @param codeAlphabet            the characters of generated parts: upper-case letters and digits, by
 *                                default without the look-alikes 0, O, 1 and I
 * @param codeSuffixLength        how many characters follow a {@code -} when the pattern's code is taken
 * @param defaultPerCustomerLimit uses per customer when none is given
 * @param defaultPriority         priority when none is given
 * @param shippingCost            what free shipping costs the shop per order, for cost estimates
 * @param minimumComparables      how many past promotions a group of similar ones needs before the
 *                                estimate relies on it rather than a broader group
 * @param fallbackRedemptionRate  redemptions per audience member per 30 days when no past promotion ran
 * @param budgetStep              a budget left out is the high cost estimate rounded up to this step
 * @param reachableRule           the customer rule that says who may be e-mailed
 */
public record PromotionSettings(
        int defaultDurationDays,
        String codePattern,
        String codeAlphabet,
        int codeSuffixLength,
        int defaultPerCustomerLimit,
        int defaultPriority,
        BigDecimal shippingCost,
        int minimumComparables,
        BigDecimal fallbackRedemptionRate,
        BigDecimal budgetStep,
        String reachableRule) {

    public PromotionSettings {
        if (defaultDurationDays < 1) {
            throw new IllegalArgumentException("a promotion lasts at least one day");
        }
        Objects.requireNonNull(codePattern, "codePattern");
        if (!codePattern.contains("{") && !codePattern.contains("#")) {
            throw new IllegalArgumentException("a code pattern needs {AUDIENCE}, {VALUE} or #, or every code would be the same");
        }
        Objects.requireNonNull(codeAlphabet, "codeAlphabet");
        if (codeAlphabet.length() < 2 || !codeAlphabet.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
            throw new IllegalArgumentException("a code alphabet has at least two upper-case letters or digits");
        }
        if (codeSuffixLength < 2 || codeSuffixLength > 12) {
            throw new IllegalArgumentException("a code suffix has 2 to 12 characters");
        }
        if (defaultPerCustomerLimit < 1 || defaultPriority < 0 || minimumComparables < 1) {
            throw new IllegalArgumentException("limits and counts are positive, priorities never negative");
        }
        Objects.requireNonNull(shippingCost, "shippingCost");
        Objects.requireNonNull(fallbackRedemptionRate, "fallbackRedemptionRate");
        Objects.requireNonNull(budgetStep, "budgetStep");
        if (shippingCost.signum() < 0 || fallbackRedemptionRate.signum() < 0 || budgetStep.signum() <= 0) {
            throw new IllegalArgumentException("costs and rates are never negative, the budget step is positive");
        }
        Objects.requireNonNull(reachableRule, "reachableRule");
    }

    /**
     * 30 days, codes like {@code VIP25} (then {@code VIP25-K7QX} when taken), one use per customer,
     * priority 50, shipping 4.95, at least 3 similar promotions, 2 % per 30 days without history, budgets
     * rounded up to 100, rule {@code reachable}.
     */
    public static PromotionSettings defaults() {
        return new PromotionSettings(30, "{AUDIENCE}{VALUE}", "ABCDEFGHJKLMNPQRSTUVWXYZ23456789", 4, 1, 50,
                new BigDecimal("4.95"), 3, new BigDecimal("0.02"), new BigDecimal("100"), "reachable");
    }

    public PromotionSettings withDefaultDurationDays(int days) {
        return new PromotionSettings(days, codePattern, codeAlphabet, codeSuffixLength, defaultPerCustomerLimit,
                defaultPriority, shippingCost, minimumComparables, fallbackRedemptionRate, budgetStep, reachableRule);
    }

    public PromotionSettings withCodePattern(String pattern, String alphabet) {
        return new PromotionSettings(defaultDurationDays, pattern, alphabet, codeSuffixLength, defaultPerCustomerLimit,
                defaultPriority, shippingCost, minimumComparables, fallbackRedemptionRate, budgetStep, reachableRule);
    }

    public PromotionSettings withShippingCost(BigDecimal cost) {
        return new PromotionSettings(defaultDurationDays, codePattern, codeAlphabet, codeSuffixLength,
                defaultPerCustomerLimit, defaultPriority, cost, minimumComparables, fallbackRedemptionRate, budgetStep,
                reachableRule);
    }

    public PromotionSettings withMinimumComparables(int count) {
        return new PromotionSettings(defaultDurationDays, codePattern, codeAlphabet, codeSuffixLength,
                defaultPerCustomerLimit, defaultPriority, shippingCost, count, fallbackRedemptionRate, budgetStep,
                reachableRule);
    }
}
