package io.promoagent.schema.ir;

import java.util.Locale;

/** A unit of the calendar, used by time ranges, date truncation and date buckets. */
public enum CalendarUnit {
    DAY,
    WEEK,
    MONTH,
    QUARTER,
    YEAR;

    /** The lower-case name used in JSON and YAML ({@code month}). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a JSON or YAML name, singular or plural, ignoring case. */
    public static java.util.Optional<CalendarUnit> parse(String word) {
        if (word == null) {
            return java.util.Optional.empty();
        }
        String w = word.trim().toLowerCase(Locale.ROOT);
        if (w.endsWith("s")) {
            w = w.substring(0, w.length() - 1);
        }
        for (CalendarUnit u : values()) {
            if (u.jsonName().equals(w)) {
                return java.util.Optional.of(u);
            }
        }
        return java.util.Optional.empty();
    }
}
