package io.promoagent.example.demo;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The demo data set generated for one seed, customer count and "today", with the inputs that produced it.
 *
 * @param now   the date the data set treats as today
 * @param truth what the generator planted: cohorts, lifecycle stages and the promotions' true effects
 */
public record DemoData(
        long seed,
        int customerCount,
        LocalDate now,
        List<Customer> customers,
        List<Order> orders,
        List<Promotion> promotions,
        DemoTruth truth) {

    public DemoData {
        Objects.requireNonNull(now, "now");
        customers = List.copyOf(customers);
        orders = List.copyOf(orders);
        promotions = List.copyOf(promotions);
        Objects.requireNonNull(truth, "truth");
    }
}
