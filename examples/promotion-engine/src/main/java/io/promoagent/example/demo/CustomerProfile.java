package io.promoagent.example.demo;

import java.time.LocalDate;

/** Who a customer is, decided before their orders: everything of a {@link Customer} but the order figures. */
record CustomerProfile(
        String id,
        String name,
        String email,
        Country country,
        String city,
        Segment segment,
        LocalDate joinDate,
        boolean marketingOptIn,
        EmailStatus emailStatus) {

    /** The data model's {@code reachable} rule: opted in to marketing and an address that accepts mail. */
    boolean isReachable() {
        return marketingOptIn && emailStatus == EmailStatus.OK;
    }
}
