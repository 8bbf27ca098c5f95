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
    MAX;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the function needs a field ({@code count} alone counts records). */
    public boolean needsField() {
        return this != COUNT;
    }

    /** Whether the function only makes sense over numbers. */
    public boolean needsNumber() {
        return this == SUM || this == AVG;
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
