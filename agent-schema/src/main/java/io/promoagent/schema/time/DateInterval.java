package io.promoagent.schema.time;

import io.promoagent.schema.ir.TimeRange;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A span of calendar days, both ends included; empty when {@code from} is after {@code to}.
 *
 * @param from the first day
 * @param to   the last day
 */
public record DateInterval(LocalDate from, LocalDate to) {

    /**
     * The first day of an interval open to the past, {@code 0000-01-01}: its ISO text sorts before every
     * four-digit date, so a source comparing dates as strings needs no special case.
     */
    public static final LocalDate EARLIEST = LocalDate.of(0, 1, 1);

    /** The last day of an interval open to the future, {@code 9999-12-31}, likewise safe to compare as text. */
    public static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    public DateInterval {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }

    public boolean isEmpty() {
        return from.isAfter(to);
    }

    /** The same days as an absolute time range of the query IR. */
    public TimeRange.Between toBetween() {
        return new TimeRange.Between(from, to);
    }
}
