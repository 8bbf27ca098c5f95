package io.promoagent.promotions;

import java.util.Locale;
import java.util.Optional;

/** What a promotion takes off an order: a percentage, a fixed amount, or the shipping fee. */
public enum DiscountType {
    /** A percentage of the order total, 1 to 100. */
    PERCENT,
    /** A fixed amount off the order, more than zero. */
    FIXED,
    /** The shipping fee; the discount value is 0. */
    FREE_SHIPPING;

    /** The value as stored and as tools take it ({@code free_shipping}). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this stored name. */
    public static Optional<DiscountType> parse(String name) {
        for (DiscountType t : values()) {
            if (t.jsonName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
