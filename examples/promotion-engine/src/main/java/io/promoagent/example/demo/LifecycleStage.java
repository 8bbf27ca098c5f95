package io.promoagent.example.demo;

/** Where a customer stands in their relationship with the shop, as the generator planted it. */
public enum LifecycleStage {
    NEW("new"),
    ACTIVE("active"),
    COOLING("cooling"),
    LAPSED("lapsed"),
    CHURNED("churned"),
    REACTIVATED("reactivated");

    private final String wireName;

    LifecycleStage(String wireName) {
        this.wireName = wireName;
    }

    /** The value as it is exported in the planted truth, for example {@code reactivated}. */
    public String wireName() {
        return wireName;
    }
}
