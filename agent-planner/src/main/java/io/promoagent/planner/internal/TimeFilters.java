package io.promoagent.planner.internal;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.time.DateInterval;
import java.time.LocalDate;

/**
 * Turns a time expression into a condition on a date field: a period stays relative ({@code within} last
 * month), "since"/"before"/"after"/"until" become comparisons with a date, and "this week" said of
 * something still to come ("expire this week") means from today to the end of the week.
 */
final class TimeFilters {

    private TimeFilters() {
    }

    static Filter filter(String field, TimePhrase p, boolean future, LocalDate today) {
        if (p.isPeriod()) {
            TimeRange range = p.range();
            if (future && range instanceof TimeRange.Calendar c && c.offset() == 0
                    && c.unit() != io.promoagent.schema.ir.CalendarUnit.DAY) {
                range = new TimeRange.RestOf(c.unit());
            }
            switch (p.prep()) {
                case SINCE:
                case BEFORE:
                case AFTER:
                case UNTIL:
                    return bound(field, p.prep(), TimeParser.interval(p, today));
                default:
                    return new Within(field, range);
            }
        }
        if (p.isDates()) {
            switch (p.prep()) {
                case SINCE:
                case FROM:
                case BEFORE:
                case AFTER:
                case UNTIL:
                    return bound(field, p.prep(), new DateInterval(p.from(), p.to()));
                default:
                    return new Within(field, new TimeRange.Between(p.from(), p.to()));
            }
        }
        return new Within(field, future ? new TimeRange.Next(p.amount(), p.unit()) : new TimeRange.Last(p.amount(), p.unit()));
    }

    private static Filter bound(String field, TimePhrase.Prep prep, DateInterval d) {
        return switch (prep) {
            case SINCE, FROM -> Compare.of(field, Operator.GTE, d.from().toString());
            case BEFORE -> Compare.of(field, Operator.LT, d.from().toString());
            case AFTER -> Compare.of(field, Operator.GT, d.to().toString());
            default -> Compare.of(field, Operator.LTE, d.to().toString());
        };
    }

    /**
     * A condition on a field holding years, for a phrase of whole years ("after 2000", "in 1999", "between
     * 1990 and 2000"); null for any other phrase.
     */
    static Filter years(String field, TimePhrase p, LocalDate today) {
        if (!p.isDates() || p.from().getDayOfYear() != 1 || p.to().getMonthValue() != 12 || p.to().getDayOfMonth() != 31) {
            return null;
        }
        int from = p.from().getYear();
        int to = p.to().getYear();
        return switch (p.prep()) {
            case SINCE, FROM -> Compare.of(field, Operator.GTE, from);
            case BEFORE -> Compare.of(field, Operator.LT, from);
            case AFTER -> Compare.of(field, Operator.GT, to);
            case UNTIL -> Compare.of(field, Operator.LTE, to);
            default -> from == to ? Compare.of(field, Operator.EQ, from) : Compare.of(field, Operator.BETWEEN, from, to);
        };
    }

    /** The one day a phrase stands for where a date is needed: its last day for an end, else its first. */
    static LocalDate day(TimePhrase p, boolean end, LocalDate today) {
        if (p.isSpan()) {
            return switch (p.unit()) {
                case DAY -> today.plusDays(p.amount());
                case WEEK -> today.plusWeeks(p.amount());
                case MONTH -> today.plusMonths(p.amount());
                case QUARTER -> today.plusMonths(3L * p.amount());
                case YEAR -> today.plusYears(p.amount());
            };
        }
        DateInterval d = TimeParser.interval(p, today);
        if (p.edge() == TimePhrase.Edge.END) {
            return d.to();
        }
        if (p.edge() == TimePhrase.Edge.START) {
            return d.from();
        }
        return end ? d.to() : d.from();
    }
}
