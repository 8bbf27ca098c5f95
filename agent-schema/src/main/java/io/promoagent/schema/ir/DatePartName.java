package io.promoagent.schema.ir;

import java.util.Locale;
import java.util.Optional;

/**
 * A part of a date: year, quarter (1-4), month (1-12), ISO week (1-53), day of month, day of week
 * (ISO: 1 Monday to 7 Sunday), weekend (true on Saturday and Sunday).
 */
public enum DatePartName {
    YEAR,
    QUARTER,
    MONTH,
    ISO_WEEK,
    DAY,
    DAY_OF_WEEK,
    WEEKEND;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DatePartName> parse(String name) {
        for (DatePartName p : values()) {
            if (p.jsonName().equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
