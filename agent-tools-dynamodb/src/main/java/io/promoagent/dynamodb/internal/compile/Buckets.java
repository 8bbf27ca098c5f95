package io.promoagent.dynamodb.internal.compile;

import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.time.TimeResolver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The values of a bucket field derived from a date ({@code order_month} of {@code order_date}), written as
 * the query engine truncates dates: {@code 2026-06-30} (day), the Monday {@code 2026-06-29} (week),
 * {@code 2026-06} (month), {@code 2026-Q2} (quarter), {@code 2026} (year).
 */
public final class Buckets {

    private Buckets() {
    }

    /** The bucket of a date value; empty when the value is not a date. */
    public static Optional<String> of(Object dateValue, CalendarUnit unit) {
        return Values.truncate(dateValue, unit);
    }

    /**
     * The buckets covering {@code from..to}, both included, in order (none when {@code from} is after
     * {@code to}); empty when there are more than {@code max}.
     */
    public static Optional<List<String>> covering(LocalDate from, LocalDate to, CalendarUnit unit, int max) {
        List<String> out = new ArrayList<>();
        LocalDate day = TimeResolver.startOf(from, unit);
        while (!day.isAfter(to)) {
            if (out.size() == max) {
                return Optional.empty();
            }
            out.add(of(day.toString(), unit).orElseThrow());
            day = next(day, unit);
        }
        return Optional.of(out);
    }

    private static LocalDate next(LocalDate start, CalendarUnit unit) {
        switch (unit) {
            case DAY:
                return start.plusDays(1);
            case WEEK:
                return start.plusWeeks(1);
            case MONTH:
                return start.plusMonths(1);
            case QUARTER:
                return start.plusMonths(3);
            case YEAR:
                return start.plusYears(1);
            default:
                throw new IllegalArgumentException("unknown unit " + unit);
        }
    }
}
