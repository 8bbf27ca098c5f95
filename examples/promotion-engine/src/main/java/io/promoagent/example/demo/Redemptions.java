package io.promoagent.example.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Puts promotion codes on about 15 % of the orders, each on an order that could really have redeemed it
 * (in the promotion's period, in its audience, over its minimum, within its per-customer limit), and counts
 * the redemptions and the budget they used, so that the promotions agree with the orders.
 */
final class Redemptions {
    private static final double MIN_SHARE = 0.14;
    private static final double MAX_SHARE = 0.16;
    private static final int MAX_PROMOTIONS = 16;

    private Redemptions() {
    }

    /** Marks the redeeming purchases and returns the promotions, numbered in catalogue order. */
    static List<Promotion> assign(RandomGenerator random, List<Purchase> purchases, List<CustomerProfile> customers,
            List<PlannedPromotion> planned, LocalDate now) {
        if (planned.size() > MAX_PROMOTIONS) {
            throw new IllegalArgumentException("at most " + MAX_PROMOTIONS + " promotions: " + planned.size());
        }
        int[] redemptions = new int[planned.size()];
        BigDecimal[] budgetUsed = new BigDecimal[planned.size()];
        Arrays.fill(budgetUsed, Money.ZERO);
        // Looked up only, never iterated, so its order cannot leak into the data.
        Map<Integer, Integer> usesByCustomerAndPromotion = new HashMap<>();

        int target = (int) Math.round(purchases.size() * RandomDraws.between(random, MIN_SHARE, MAX_SHARE));
        int assigned = 0;
        // An order the offer caused carries its code, when it qualifies; the rest go to orders that would have
        // happened anyway, as customers use a code they have whether or not it changed their mind.
        for (Purchase purchase : purchases) {
            if (purchase.causedBy < 0) {
                continue;
            }
            PlannedPromotion promotion = planned.get(purchase.causedBy);
            if (promotion.redeemableWith(customers.get(purchase.customerIndex), purchase, now)) {
                purchase.redeem(promotion.code());
                usesByCustomerAndPromotion.merge(useKey(purchase, purchase.causedBy), 1, Integer::sum);
                redemptions[purchase.causedBy]++;
                if (purchase.status == OrderStatus.COMPLETED) {
                    budgetUsed[purchase.causedBy] = budgetUsed[purchase.causedBy]
                            .add(promotion.discountOn(purchase.total));
                }
                assigned++;
            }
        }
        List<Integer> eligible = new ArrayList<>(planned.size());
        for (int index : RandomDraws.permutation(random, purchases.size())) {
            if (assigned >= target) {
                break;
            }
            Purchase purchase = purchases.get(index);
            if (purchase.promotionCode().isPresent()) {
                continue;
            }
            CustomerProfile customer = customers.get(purchase.customerIndex);
            eligible.clear();
            for (int p = 0; p < planned.size(); p++) {
                PlannedPromotion promotion = planned.get(p);
                int uses = usesByCustomerAndPromotion.getOrDefault(useKey(purchase, p), 0);
                if (uses < promotion.perCustomerLimit() && promotion.redeemableWith(customer, purchase, now)) {
                    eligible.add(p);
                }
            }
            if (eligible.isEmpty()) {
                continue;
            }
            int chosen = RandomDraws.pick(random, eligible);
            PlannedPromotion promotion = planned.get(chosen);
            purchase.redeem(promotion.code());
            usesByCustomerAndPromotion.merge(useKey(purchase, chosen), 1, Integer::sum);
            redemptions[chosen]++;
            if (purchase.status == OrderStatus.COMPLETED) {
                budgetUsed[chosen] = budgetUsed[chosen].add(promotion.discountOn(purchase.total));
            }
            assigned++;
        }

        List<Promotion> promotions = new ArrayList<>(planned.size());
        for (int p = 0; p < planned.size(); p++) {
            promotions.add(planned.get(p).toPromotion(RowIds.promotion(p + 1), redemptions[p], budgetUsed[p]));
        }
        return promotions;
    }

    /** Unique while there are at most {@link #MAX_PROMOTIONS} promotions and a million customers. */
    private static int useKey(Purchase purchase, int promotionIndex) {
        return purchase.customerIndex * MAX_PROMOTIONS + promotionIndex;
    }
}
