package io.promoagent.example.demo;

/** How a promotion lowers the price: a percentage, a fixed amount, or free shipping. */
public enum DiscountType {
    PERCENT("percent"),
    FIXED("fixed"),
    FREE_SHIPPING("free_shipping");

    private final String wireName;

    DiscountType(String wireName) {
        this.wireName = wireName;
    }

    /** The value as it is stored and exported, for example {@code free_shipping}. */
    public String wireName() {
        return wireName;
    }
}
