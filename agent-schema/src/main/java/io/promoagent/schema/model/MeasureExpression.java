package io.promoagent.schema.model;

import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Filter;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * How a measure is computed over a group of records: an aggregate, a reference to another measure, a
 * constant, or arithmetic over those ({@code (revenue - cost) / revenue}).
 */
public sealed interface MeasureExpression {

    /**
     * An aggregate over the records of the group that meet {@code where}.
     *
     * @param function the aggregate function
     * @param field    its field; empty only for count
     * @param where    the records counted, if not all of them
     */
    record Aggregation(AggregateFunction function, Optional<String> field, Optional<Filter> where)
            implements MeasureExpression {
        public Aggregation {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(where, "where");
        }
    }

    /** The value of another measure of the same entity. */
    record Reference(String measure) implements MeasureExpression {
        public Reference {
            Objects.requireNonNull(measure, "measure");
        }
    }

    /** A number. */
    record Constant(BigDecimal value) implements MeasureExpression {
        public Constant {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Arithmetic on two expressions; division by zero gives no value (null), never an error.
     *
     * @param operator one of {@code + - * /}
     */
    record Arithmetic(char operator, MeasureExpression left, MeasureExpression right) implements MeasureExpression {
        public Arithmetic {
            if ("+-*/".indexOf(operator) < 0) {
                throw new IllegalArgumentException("operator must be one of + - * /, not " + operator);
            }
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }
}
