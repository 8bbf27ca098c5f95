package io.promoagent.schema.ir;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A value computed per record (or, with {@link Column}, per result row): a field, a constant, a part of a
 * date, the days between two dates, arithmetic, an aggregate over related records, or the single value of
 * a nested query. Used by {@link Test} filters, expression group keys, computed aggregates, formulas and
 * selected columns.
 *
 * <p>A closed family, so that every evaluator is told by the compiler when it misses a case. An
 * expression whose input is absent is absent (arithmetic, date parts, date differences); dividing by zero
 * is absent.
 */
public sealed interface Expr permits Expr.FieldRef, Expr.Literal, Expr.DatePart, Expr.Truncate, Expr.Elapsed,
        Expr.Arithmetic, Expr.Coalesce, Expr.RelatedAggregate, Expr.Subquery, Expr.Column, Expr.Today {

    /** A field of the record, or a path through to-one relationships ({@code customer.country}). */
    record FieldRef(String field) implements Expr {
        public FieldRef {
            Objects.requireNonNull(field, "field");
        }
    }

    /** A constant: {@link String} (also dates), {@link BigDecimal} or {@link Boolean}. */
    record Literal(Object value) implements Expr {
        public Literal {
            value = Compare.normalise(Objects.requireNonNull(value, "value"));
            if (!(value instanceof String || value instanceof BigDecimal || value instanceof Boolean)) {
                throw new IllegalArgumentException("a value must be a String, BigDecimal or Boolean");
            }
        }
    }

    /** A part of a date or timestamp (a timestamp's UTC date): year, quarter, month, ISO week, weekday, weekend. */
    record DatePart(DatePartName part, Expr of) implements Expr {
        public DatePart {
            Objects.requireNonNull(part, "part");
            Objects.requireNonNull(of, "of");
        }
    }

    /** A date truncated to a calendar unit, written as group keys are ({@code 2026-06}, {@code 2026-Q2}). */
    record Truncate(CalendarUnit unit, Expr of) implements Expr {
        public Truncate {
            Objects.requireNonNull(unit, "unit");
            Objects.requireNonNull(of, "of");
        }
    }

    /**
     * The whole days, months or years from {@code from} to {@code to} (negative when {@code to} is earlier),
     * by UTC dates: days exactly, months and years as completed calendar units (an age in years).
     * JSON: {@code daysBetween}, {@code monthsBetween}, {@code yearsBetween}.
     */
    record Elapsed(CalendarUnit unit, Expr from, Expr to) implements Expr {
        public Elapsed {
            Objects.requireNonNull(unit, "unit");
            if (unit != CalendarUnit.DAY && unit != CalendarUnit.MONTH && unit != CalendarUnit.YEAR) {
                throw new IllegalArgumentException("elapsed time is counted in days, months or years, not " + unit);
            }
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }

        /** The JSON property: {@code daysBetween}, {@code monthsBetween} or {@code yearsBetween}. */
        public String jsonName() {
            return unit.jsonName() + "sBetween";
        }
    }

    /** {@code left op right} over numbers; {@code op} is one of {@code + - * /}. */
    record Arithmetic(char op, Expr left, Expr right) implements Expr {
        public Arithmetic {
            if ("+-*/".indexOf(op) < 0) {
                throw new IllegalArgumentException("an arithmetic operator is + - * or /, not " + op);
            }
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** The first of the values that is present: {@code coalesce(sum of orders, 0)}. */
    record Coalesce(List<Expr> values) implements Expr {
        public Coalesce {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("coalesce takes at least one value");
            }
        }
    }

    /**
     * An aggregate over the records related to this one: the first transaction's date of a customer, the
     * number of a doctor's treatments. {@code via} names relationships from the record's entity, dotted
     * for several hops ({@code doctor.treatments}: the treatments of this treatment's doctor).
     *
     * @param via      the relationships followed
     * @param function the aggregate ({@code count} takes no value)
     * @param value    the value aggregated, over the related entity's fields
     * @param where    a condition the related records must meet
     */
    record RelatedAggregate(String via, AggregateFunction function, Optional<Expr> value, Optional<Filter> where)
            implements Expr {
        public RelatedAggregate {
            Objects.requireNonNull(via, "via");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(where, "where");
        }
    }

    /** The single value of a nested query with one column: its first row's value, absent when it has none. */
    record Subquery(Query query) implements Expr {
        public Subquery {
            Objects.requireNonNull(query, "query");
        }
    }

    /** A column of the result row by its alias: a group key or an earlier aggregate, in formulas and having. */
    record Column(String name) implements Expr {
        public Column {
            Objects.requireNonNull(name, "name");
        }
    }

    /** The query's today (the engine's clock, one value per query): for ages and days since. */
    record Today() implements Expr {
    }

    static Expr field(String name) {
        return new FieldRef(name);
    }

    static Expr value(Object v) {
        return new Literal(v);
    }

    static Expr column(String name) {
        return new Column(name);
    }

    /** The expressions directly inside this one. */
    default List<Expr> children() {
        if (this instanceof DatePart d) {
            return List.of(d.of());
        }
        if (this instanceof Truncate t) {
            return List.of(t.of());
        }
        if (this instanceof Elapsed d) {
            return List.of(d.from(), d.to());
        }
        if (this instanceof Arithmetic a) {
            return List.of(a.left(), a.right());
        }
        if (this instanceof Coalesce c) {
            return c.values();
        }
        return List.of();
    }
}
