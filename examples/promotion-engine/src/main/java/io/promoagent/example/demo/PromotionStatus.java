package io.promoagent.example.demo;

/** The lifecycle stage of a promotion. */
public enum PromotionStatus {
    DRAFT("draft"),
    SCHEDULED("scheduled"),
    ACTIVE("active"),
    PAUSED("paused"),
    EXPIRED("expired");

    private final String wireName;

    PromotionStatus(String wireName) {
        this.wireName = wireName;
    }

    /** Whether customers could have redeemed the promotion at some point up to today. */
    boolean hasRun() {
        return this == ACTIVE || this == PAUSED || this == EXPIRED;
    }

    /** The value as it is stored and exported, for example {@code scheduled}. */
    public String wireName() {
        return wireName;
    }
}
