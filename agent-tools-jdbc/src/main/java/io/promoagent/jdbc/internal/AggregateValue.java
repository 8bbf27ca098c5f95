package io.promoagent.jdbc.internal;

import io.promoagent.schema.eval.Values;
import java.math.BigDecimal;
import java.util.Map;

/**
 * How an aggregate's value is made from the columns the statement selected: a column as it is, or what
 * the reference evaluator computes in Java so that the digits agree (an average is a sum divided by a count
 * with {@link Values#divide}'s rounding; a measure's arithmetic with {@link Values#arithmetic}).
 */
sealed interface AggregateValue {

    Object value(Map<String, Object> row);

    /** Whether the statement itself computes the value, so that having and order can use it in SQL. */
    default boolean inSql() {
        return this instanceof Selected;
    }

    /** A column the statement selects; {@code sql} is its expression, which having and order may repeat. */
    record Selected(String column, Sql sql) implements AggregateValue {
        @Override
        public Object value(Map<String, Object> row) {
            return row.get(column);
        }
    }

    record Average(String sum, String count) implements AggregateValue {
        @Override
        public Object value(Map<String, Object> row) {
            return Values.divide((BigDecimal) row.get(sum), (BigDecimal) row.get(count));
        }
    }

    record Constant(BigDecimal number) implements AggregateValue {
        @Override
        public Object value(Map<String, Object> row) {
            return number;
        }
    }

    record Arithmetic(char operator, AggregateValue left, AggregateValue right) implements AggregateValue {
        @Override
        public Object value(Map<String, Object> row) {
            Object l = left.value(row);
            Object r = right.value(row);
            return Values.arithmetic(operator, l instanceof BigDecimal a ? a : null, r instanceof BigDecimal b ? b : null);
        }
    }

    /** A formula over the row's earlier columns, evaluated as the reference evaluator does ({@link RowExpr}). */
    record Formula(io.promoagent.schema.ir.Expr formula, java.time.LocalDate today) implements AggregateValue {
        @Override
        public Object value(Map<String, Object> row) {
            return RowExpr.eval(formula, row, today);
        }
    }
}
