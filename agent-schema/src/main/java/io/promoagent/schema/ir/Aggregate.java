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
