package io.promoagent.schema.ir;

import java.util.Locale;
import java.util.Optional;

/** An aggregate over the records of a group. */
public enum AggregateFunction {
    COUNT,
    COUNT_DISTINCT,
    SUM,
    AVG,
    MIN,
    MAX,
    /** The middle value (the mean of the two middle values of an even count), over numbers. */
    MEDIAN,
    /** The value below which a fraction {@code p} of the values lie (linear interpolation), over numbers. */
    PERCENTILE;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the function needs a field ({@code count} alone counts records). */
    public boolean needsField() {
        return this != COUNT;
    }

    /** Whether the function only makes sense over numbers. */
    public boolean needsNumber() {
        return this == SUM || this == AVG || this == MEDIAN || this == PERCENTILE;
    }

    /** Whether the function is one of query IR 2.0's, computed in memory by the engine (not in measures). */
    public boolean isOrderStatistic() {
        return this == MEDIAN || this == PERCENTILE;
    }

    public static Optional<AggregateFunction> parse(String name) {
        for (AggregateFunction f : values()) {
            if (f.jsonName().equals(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
