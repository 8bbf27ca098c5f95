package io.promoagent.example.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the {@code orders} table: a purchase by one customer on one day.
 *
 * @param total         what the customer paid
 * @param costOfGoods   what the goods cost the shop, 40–60 % of the total
 * @param promotionCode the code of the promotion redeemed with this order, if any
 * @param items         the number of items, 1–5
 */
public record Order(
        String id,
        String customerId,
        LocalDate orderDate,
        BigDecimal total,
        BigDecimal costOfGoods,
        OrderStatus status,
        SalesChannel channel,
        Optional<String> promotionCode,
        int items) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(orderDate, "orderDate");
        total = Money.requireCents(total, "total");
        costOfGoods = Money.requireCents(costOfGoods, "costOfGoods");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(promotionCode, "promotionCode");
        if (items < 1) {
            throw new IllegalArgumentException("items must be at least 1: " + items);
        }
    }

    /** The {@code YYYY-MM} bucket of the order date, the partition key of the month index. */
    public String orderMonth() {
        return YearMonth.from(orderDate).toString();
    }
}
