package io.promoagent.example.demo;

import java.math.BigDecimal;

/** The value tier of a customer, derived from what the customer spent on completed orders. */
public enum Segment {
    VIP("VIP"),
    PREMIUM("Premium"),
    REGULAR("Regular");

    private static final BigDecimal VIP_THRESHOLD = new BigDecimal("2000.00");
    private static final BigDecimal PREMIUM_THRESHOLD = new BigDecimal("500.00");

    private final String wireName;

    Segment(String wireName) {
        this.wireName = wireName;
    }

    /** The segment rule of the demo data: VIP above 2000 spent, Premium above 500, Regular otherwise. */
    public static Segment forTotalSpent(BigDecimal totalSpent) {
        if (totalSpent.compareTo(VIP_THRESHOLD) > 0) {
            return VIP;
        }
        if (totalSpent.compareTo(PREMIUM_THRESHOLD) > 0) {
            return PREMIUM;
        }
        return REGULAR;
    }

    /** The value as it is stored and exported, for example {@code Premium}. */
    public String wireName() {
        return wireName;
    }
}
