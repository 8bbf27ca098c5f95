package io.promoagent.promotions;

import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a promotion did, counted from the orders that carry its code.
 *
 * @param code            the promotion's code
 * @param redemptions     orders with the code, whatever became of them
 * @param customers       distinct customers among those orders
 * @param completedOrders those orders that were completed
 * @param revenue         the total of the completed ones
 * @param discountCost    the discount granted on the completed ones: per order the percentage of its total
 *                        (rounded half up to cents), the fixed amount (never more than the total), or the
 *                        shipping cost
 */
record PromotionResults(String code, int redemptions, int customers, int completedOrders, BigDecimal revenue,
                        BigDecimal discountCost) {

    static PromotionResults of(Promotion promotion, List<Row> orders, BigDecimal shippingCost) {
        Set<Object> customers = new HashSet<>();
        int completed = 0;
        BigDecimal revenue = BigDecimal.ZERO.setScale(2);
        BigDecimal cost = BigDecimal.ZERO.setScale(2);
        for (Row order : orders) {
            Object customer = order.valueOrNull(PromotionCatalogue.ORDER_CUSTOMER);
            if (customer != null) {
                customers.add(customer);
            }
            if (PromotionCatalogue.COMPLETED.equals(order.valueOrNull(PromotionCatalogue.ORDER_STATUS))
                    && order.valueOrNull(PromotionCatalogue.ORDER_TOTAL) instanceof BigDecimal total) {
                completed++;
                revenue = revenue.add(total);
                cost = cost.add(discountOn(promotion, total, shippingCost));
            }
        }
        return new PromotionResults(promotion.code(), orders.size(), customers.size(), completed, revenue, cost);
    }

    /** What granting the promotion on an order of {@code total} costs the shop. */
    static BigDecimal discountOn(Promotion promotion, BigDecimal total, BigDecimal shippingCost) {
        return switch (promotion.discountType()) {
            case PERCENT -> total.multiply(promotion.discountValue()).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP);
            case FIXED -> promotion.discountValue().min(total).setScale(2, RoundingMode.HALF_UP);
            case FREE_SHIPPING -> shippingCost.setScale(2, RoundingMode.HALF_UP);
        };
    }

    /** Revenue per completed order, when there is one. */
    Optional<BigDecimal> averageOrderValue() {
        return completedOrders == 0 ? Optional.empty()
                : Optional.of(revenue.divide(BigDecimal.valueOf(completedOrders), 2, RoundingMode.HALF_UP));
    }
}
