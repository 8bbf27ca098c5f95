package io.promoagent.promotions.insight;

import java.util.Locale;

/** Where a customer stands with the shop, from recency, frequency and their buying season. */
public enum LifecycleStage {
    NEW,
    ACTIVE,
    COOLING,
    LAPSED,
    CHURNED,
    REACTIVATED;

    /** The lower-case name used in tables and tool arguments: {@code cooling}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
