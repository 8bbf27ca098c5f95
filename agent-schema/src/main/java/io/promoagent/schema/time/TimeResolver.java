package io.promoagent.schema.time;

import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.ir.TimeRange;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * Turns the relative time ranges of the query IR into days, against an injected clock and time zone.
 *
 * <p>The meanings are those of DEMO-DATA.md: "the last N units" is on or after today minus N units, today
 * included; "the next N units" is today up to today plus N units; a calendar unit is whole (weeks start
 * on Monday, as in ISO 8601), offset from the current one; "the rest of" a unit is today up to its last
 * day; "up to today" and "from today" are open on one side, which {@link DateInterval#EARLIEST} and
 * {@link DateInterval#LATEST} stand for. Adding months clamps to the end of a shorter month (31 March
 * minus one month is 28 or 29 February).
 */
public final class TimeResolver {

    private final Clock clock;
    private final ZoneId zone;

    /** A resolver whose "today" is the clock's date in UTC. */
    public TimeResolver(Clock clock) {
        this(clock, ZoneOffset.UTC);
    }

    /** A resolver whose "today" is the clock's date in {@code zone}. */
    public TimeResolver(Clock clock, ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** A resolver whose today is always {@code today}: one execution sees one date, even across midnight. */
    public static TimeResolver fixed(LocalDate today) {
        return new TimeResolver(Clock.fixed(today.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC));
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The days of {@code range}, both ends included. */
    public DateInterval resolve(TimeRange range) {
        LocalDate today = today();
        if (range instanceof TimeRange.Last last) {
            return new DateInterval(plus(today, last.unit(), -(long) last.amount()), today);
        }
        if (range instanceof TimeRange.Next next) {
            return new DateInterval(today, plus(today, next.unit(), next.amount()));
        }
        if (range instanceof TimeRange.Calendar cal) {
            LocalDate start = plus(startOf(today, cal.unit()), cal.unit(), cal.offset());
            return new DateInterval(start, endOf(start, cal.unit()));
        }
        if (range instanceof TimeRange.RestOf rest) {
            return new DateInterval(today, endOf(today, rest.unit()));
        }
        if (range instanceof TimeRange.ToToday) {
            return new DateInterval(DateInterval.EARLIEST, today);
        }
        if (range instanceof TimeRange.FromToday) {
            return new DateInterval(today, DateInterval.LATEST);
        }
        if (range instanceof TimeRange.Between between) {
            return new DateInterval(between.from(), between.to());
        }
        throw new IllegalStateException("unknown time range " + range);
    }

    /** {@code day} moved by {@code amount} units (negative: back). */
    static LocalDate plus(LocalDate day, CalendarUnit unit, long amount) {
        return switch (unit) {
            case DAY -> day.plusDays(amount);
            case WEEK -> day.plusWeeks(amount);
            case MONTH -> day.plusMonths(amount);
            case QUARTER -> day.plusMonths(3 * amount);
            case YEAR -> day.plusYears(amount);
        };
    }

    /** The first day of the unit that contains {@code day}. */
    public static LocalDate startOf(LocalDate day, CalendarUnit unit) {
        return switch (unit) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.with(IsoFields.DAY_OF_QUARTER, 1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    /** The last day of the unit that contains {@code day}. */
    public static LocalDate endOf(LocalDate day, CalendarUnit unit) {
        return switch (unit) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
            case QUARTER -> startOf(day, CalendarUnit.QUARTER).plusMonths(3).minus(1, ChronoUnit.DAYS);
            case YEAR -> day.with(TemporalAdjusters.lastDayOfYear());
        };
    }
}
