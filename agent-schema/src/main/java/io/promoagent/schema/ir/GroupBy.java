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
 * <p>A key may also be a computed value ({@link Expr}), for which {@code field} is the column's name.
 *
 * @param field    the field or path; for an expression key, its name
 * @param truncate the calendar unit a date is truncated to, if any
 * @param expr     the computed value of an expression key
 */
public record GroupBy(String field, Optional<CalendarUnit> truncate, Optional<Expr> expr) {

    public GroupBy {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(truncate, "truncate");
        Objects.requireNonNull(expr, "expr");
        if (expr.isPresent() && truncate.isPresent()) {
            throw new IllegalArgumentException("an expression group key is not truncated; use Expr.Truncate");
        }
    }

    /** A key on a field, truncated or not. */
    public GroupBy(String field, Optional<CalendarUnit> truncate) {
        this(field, truncate, Optional.empty());
    }

    /** A key on a computed value ({@code day_of_week(order_date)}), named {@code as}. */
    public static GroupBy of(Expr expr, String as) {
        return new GroupBy(as, Optional.empty(), Optional.of(expr));
    }

    public static GroupBy of(String field) {
        return new GroupBy(field, Optional.empty());
    }

    public static GroupBy of(String field, CalendarUnit truncate) {
        return new GroupBy(field, Optional.of(truncate));
    }

    /** The output column's name: the field, or {@code order_date_month} for a truncated date. */
    public String alias() {
        if (expr.isPresent()) {
            return field;
        }
        return truncate.map(u -> field.replace('.', '_') + "_" + u.jsonName()).orElse(field);
    }
}
