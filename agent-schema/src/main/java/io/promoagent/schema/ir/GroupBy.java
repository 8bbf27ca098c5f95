package io.promoagent.schema.ir;

import java.util.Objects;
import java.util.Optional;

/**
 * A grouping key: a field of the entity, a field reached through a many-to-one relationship
 * ({@code customer.segment}), or a date truncated to a calendar unit.
 *
 * <p>Truncated dates are written as {@code 2026-06-30} (day; week: its Monday), {@code 2026-06} (month),
 * {@code 2026-Q2} (quarter) and {@code 2026} (year).
 *
 * @param field    the field or path
 * @param truncate the calendar unit a date is truncated to, if any
 */
public record GroupBy(String field, Optional<CalendarUnit> truncate) {

    public GroupBy {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(truncate, "truncate");
    }

    public static GroupBy of(String field) {
        return new GroupBy(field, Optional.empty());
    }

    public static GroupBy of(String field, CalendarUnit truncate) {
        return new GroupBy(field, Optional.of(truncate));
    }

    /** The output column's name: the field, or {@code order_date_month} for a truncated date. */
    public String alias() {
        return truncate.map(u -> field.replace('.', '_') + "_" + u.jsonName()).orElse(field);
    }
}
