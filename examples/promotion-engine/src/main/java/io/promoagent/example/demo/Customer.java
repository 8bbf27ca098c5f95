package io.promoagent.example.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the {@code customers} table: who the customer is, how to reach them and what they have bought.
 *
 * @param totalSpent    the sum of {@code total} over the customer's completed orders
 * @param orderCount    the number of the customer's orders of any status
 * @param lastOrderDate the date of the latest order, empty for a customer who never ordered
 * @param country       an ISO 3166 alpha-2 code
 */
public record Customer(
        String id,
        String name,
        String email,
        Segment segment,
        BigDecimal totalSpent,
        int orderCount,
        LocalDate joinDate,
        Optional<LocalDate> lastOrderDate,
        String city,
        String country,
        boolean marketingOptIn,
        EmailStatus emailStatus) {

    public Customer {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(segment, "segment");
        totalSpent = Money.requireCents(totalSpent, "totalSpent");
        Objects.requireNonNull(joinDate, "joinDate");
        Objects.requireNonNull(lastOrderDate, "lastOrderDate");
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(emailStatus, "emailStatus");
        if (orderCount < 0) {
            throw new IllegalArgumentException("orderCount must not be negative: " + orderCount);
        }
    }

    /** The first word of the name. */
    public String firstName() {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }
}
