package io.promoagent.example.demo;

/** Where an order ended up; only completed orders count as revenue. */
public enum OrderStatus {
    COMPLETED("completed"),
    CANCELLED("cancelled"),
    REFUNDED("refunded");

    private final String wireName;

    OrderStatus(String wireName) {
        this.wireName = wireName;
    }

    /** The value as it is stored and exported, for example {@code completed}. */
    public String wireName() {
        return wireName;
    }
}
