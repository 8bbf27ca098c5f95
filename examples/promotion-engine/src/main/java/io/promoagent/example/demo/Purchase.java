package io.promoagent.example.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Optional;

/**
 * An order while the generator is still working on it: it belongs to a customer by position, and its
 * identifier and promotion code are decided after all customers' histories have been drawn.
 */
final class Purchase {
    final int customerIndex;
    /** The position in the customer's history, 0 for the first order. */
    final int sequence;
    final LocalDate date;
    /** The date of the customer's previous order, or null for the first order. */
    final LocalDate previousDate;
    final BigDecimal total;
    final BigDecimal costOfGoods;
    final OrderStatus status;
    final SalesChannel channel;
    final int items;
    /** The index of the promotion whose offer caused this order, or -1 for an order that would have happened anyway. */
    final int causedBy;
    private String promotionCode;

    Purchase(int customerIndex, int sequence, LocalDate date, LocalDate previousDate, BigDecimal total,
            BigDecimal costOfGoods, OrderStatus status, SalesChannel channel, int items) {
        this(customerIndex, sequence, date, previousDate, total, costOfGoods, status, channel, items, -1);
    }

    Purchase(int customerIndex, int sequence, LocalDate date, LocalDate previousDate, BigDecimal total,
            BigDecimal costOfGoods, OrderStatus status, SalesChannel channel, int items, int causedBy) {
        this.customerIndex = customerIndex;
        this.sequence = sequence;
        this.date = date;
        this.previousDate = previousDate;
        this.total = total;
        this.costOfGoods = costOfGoods;
        this.status = status;
        this.channel = channel;
        this.items = items;
        this.causedBy = causedBy;
    }

    /** The same order on another day, at another place in the customer's history. */
    Purchase placed(LocalDate newDate, int newSequence, LocalDate newPreviousDate) {
        return new Purchase(customerIndex, newSequence, newDate, newPreviousDate, total, costOfGoods, status, channel,
                items, causedBy);
    }

    /** The same order for another total, its cost of goods scaled with it so that the margin stays. */
    Purchase withTotal(BigDecimal newTotal) {
        BigDecimal newCost = costOfGoods.multiply(newTotal).divide(total, 2, RoundingMode.HALF_UP);
        return new Purchase(customerIndex, sequence, date, previousDate, newTotal, newCost, status, channel, items,
                causedBy);
    }

    boolean isFirst() {
        return sequence == 0;
    }

    Optional<String> promotionCode() {
        return Optional.ofNullable(promotionCode);
    }

    void redeem(String code) {
        this.promotionCode = code;
    }

    Order toOrder(String id, String customerId) {
        return new Order(id, customerId, date, total, costOfGoods, status, channel, promotionCode(), items);
    }
}
