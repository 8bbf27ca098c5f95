package io.promoagent.example.demo;

import java.time.LocalDate;

/** The rules of the data model that a promotion of the demo data may be restricted to. */
enum Audience {
    VIP("vip"),
    PREMIUM("premium"),
    LAPSED_CUSTOMER("lapsed_customer"),
    NEW_CUSTOMER("new_customer"),
    REACHABLE("reachable");

    private static final int LAPSED_DAYS = 90;
    private static final int NEW_CUSTOMER_DAYS = 30;

    private final String ruleName;

    Audience(String ruleName) {
        this.ruleName = ruleName;
    }

    String ruleName() {
        return ruleName;
    }

    /** Whether the customer belonged to the audience on the day of the purchase. */
    boolean admits(CustomerProfile customer, Purchase purchase) {
        LocalDate day = purchase.date;
        return switch (this) {
            case VIP -> customer.segment() == Segment.VIP;
            case PREMIUM -> customer.segment() == Segment.PREMIUM;
            case LAPSED_CUSTOMER -> purchase.previousDate != null
                    && purchase.previousDate.isBefore(day.minusDays(LAPSED_DAYS));
            case NEW_CUSTOMER -> !customer.joinDate().isBefore(day.minusDays(NEW_CUSTOMER_DAYS));
            case REACHABLE -> customer.isReachable();
        };
    }
}
