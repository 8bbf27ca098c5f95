package io.promoagent.schema.ir;

import java.util.Objects;
import java.util.Optional;

/** A value computed over each group of a query (or over all its records when it has no groups). */
public sealed interface Aggregate {

    /** The output column's name: the alias, or a name derived from the aggregate. */
    String alias();

    /**
     * A function over a field: {@code count}, {@code sum(total)}, {@code count_distinct(customer_id)}.
     *
     * @param function the function
     * @param field    its field (a path such as {@code customer.segment} is allowed); empty only for count
     * @param as       the output column's name, if not the default ({@code count}, {@code sum_total})
     */
    record Of(AggregateFunction function, Optional<String> field, Optional<String> as) implements Aggregate {
        public Of {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(as, "as");
        }

        @Override
        public String alias() {
            return as.orElseGet(() -> field.map(f -> function.jsonName() + "_" + f.replace('.', '_'))
                    .orElse(function.jsonName()));
        }
    }

    /**
     * A named measure of the data model: {@code revenue}, {@code average_order_value}, {@code margin}.
     *
     * @param measure the measure's name
     * @param as      the output column's name, if not the measure's name
     */
    record Measure(String measure, Optional<String> as) implements Aggregate {
        public Measure {
            Objects.requireNonNull(measure, "measure");
            Objects.requireNonNull(as, "as");
        }

        @Override
        public String alias() {
            return as.orElse(measure);
        }
    }

    /**
     * A function over a computed value or a field, optionally over only the records meeting a condition
     * (a conditional aggregate: the number of successful transactions beside the number of all), with the
     * functions of query IR 2.0 ({@code median}, {@code percentile}).
     *
     * @param function   the function
     * @param value      what is aggregated; empty only for count
     * @param where      the condition the counted records meet, over the query entity's fields
     * @param percentile for {@code percentile}, the fraction between 0 and 1 ({@code 0.9})
     * @param as         the output column's name, if not the default
     */
    record Computed(AggregateFunction function, Optional<Expr> value, Optional<Filter> where,
                    Optional<java.math.BigDecimal> percentile, Optional<String> as) implements Aggregate {
        public Computed {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(percentile, "percentile");
            Objects.requireNonNull(as, "as");
        }

        @Override
        public String alias() {
            return as.orElseGet(() -> value.filter(v -> v instanceof Expr.FieldRef)
                    .map(v -> function.jsonName() + "_" + ((Expr.FieldRef) v).field().replace('.', '_'))
                    .orElse(function.jsonName()));
        }
    }

    /**
     * Arithmetic over the other columns of the row, by their aliases ({@link Expr.Column}): a ratio of two
     * aggregates, a difference of a maximum and a minimum. Computed after the aggregates it names.
     *
     * @param formula the value
     * @param as      the output column's name
     */
    record Formula(Expr formula, String as) implements Aggregate {
        public Formula {
            Objects.requireNonNull(formula, "formula");
            Objects.requireNonNull(as, "as");
        }

        @Override
        public String alias() {
            return as;
        }
    }

    /** The alias given with {@code as}, if any. */
    default Optional<String> givenAlias() {
        if (this instanceof Of of) {
            return of.as();
        }
        if (this instanceof Measure m) {
            return m.as();
        }
        if (this instanceof Computed c) {
            return c.as();
        }
        return Optional.of(((Formula) this).as());
    }

    static Aggregate count() {
        return new Of(AggregateFunction.COUNT, Optional.empty(), Optional.empty());
    }

    static Aggregate of(AggregateFunction function, String field) {
        return new Of(function, Optional.of(field), Optional.empty());
    }

    static Aggregate measure(String name) {
        return new Measure(name, Optional.empty());
    }
}
