package io.promoagent.schema.ir;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A span of days, relative to today or absolute; resolved against a clock when a query runs, with the
 * meanings written in docs/data-model.md.
 */
public sealed interface TimeRange {

    /** The last {@code amount} units up to today included: on or after today minus {@code amount} units. */
    record Last(int amount, CalendarUnit unit) implements TimeRange {
        public Last {
            Objects.requireNonNull(unit, "unit");
        }
    }

    /** The next {@code amount} units from today included: on or before today plus {@code amount} units. */
    record Next(int amount, CalendarUnit unit) implements TimeRange {
        public Next {
            Objects.requireNonNull(unit, "unit");
        }
    }

    /**
     * A whole calendar unit: offset 0 is the current one (this month), -1 the previous (last month),
     * 1 the next.
     */
    record Calendar(CalendarUnit unit, int offset) implements TimeRange {
        public Calendar {
            Objects.requireNonNull(unit, "unit");
        }
    }

    /** From today to the end of the current unit, both included (this week's remaining days). */
    record RestOf(CalendarUnit unit) implements TimeRange {
        public RestOf {
            Objects.requireNonNull(unit, "unit");
        }
    }

    /** Every day up to today included ({@code starts_at} on or before today). */
    record ToToday() implements TimeRange {
    }

    /** Every day from today included ({@code ends_at} today or later). */
    record FromToday() implements TimeRange {
    }

    /** Between two dates, both included. */
    record Between(LocalDate from, LocalDate to) implements TimeRange {
        public Between {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }
}
