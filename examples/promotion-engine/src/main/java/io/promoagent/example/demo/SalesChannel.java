package io.promoagent.example.demo;

/** Where a customer placed an order. */
public enum SalesChannel {
    WEB("web"),
    MOBILE("mobile"),
    STORE("store");

    private final String wireName;

    SalesChannel(String wireName) {
        this.wireName = wireName;
    }

    /** The value as it is stored and exported, for example {@code mobile}. */
    public String wireName() {
        return wireName;
    }
}
