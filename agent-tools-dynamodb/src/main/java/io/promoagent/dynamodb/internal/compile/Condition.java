package io.promoagent.dynamodb.internal.compile;

import io.promoagent.schema.ir.Operator;
import java.util.List;
import java.util.Objects;

/**
 * A source filter after normalisation: time ranges turned into comparisons, operands checked against the
 * field's type, constants folded. The compiler plans and renders this form rather than the IR, because
 * the IR has no constants and DynamoDB needs to know when a condition cannot hold (no call at all).
 */
public sealed interface Condition {

    Condition TRUE = new Constant(true);
    Condition FALSE = new Constant(false);

    /** A condition known before reading anything. */
    record Constant(boolean value) implements Condition {
    }

    /** True when every operand is true. */
    record All(List<Condition> operands) implements Condition {
        public All {
            operands = List.copyOf(operands);
        }
    }

    /** True when at least one operand is true. */
    record Any(List<Condition> operands) implements Condition {
        public Any {
            operands = List.copyOf(operands);
        }
    }

    /** True when the operand is false. */
    record Negation(Condition operand) implements Condition {
        public Negation {
            Objects.requireNonNull(operand, "operand");
        }
    }

    /**
     * A comparison whose operands all have the field's kind (BigDecimal for numbers, String for text and
     * dates, Boolean for booleans).
     *
     * @param field      the attribute
     * @param op         the operator
     * @param values     the operands
     * @param ignoreCase whether both sides are folded to lower case (only kept where it changes meaning)
     */
    record Leaf(String field, Operator op, List<Object> values, boolean ignoreCase) implements Condition {
        public Leaf {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            values = List.copyOf(values);
        }

        public Object value() {
            return values.get(0);
        }
    }

    /**
     * A test DynamoDB cannot express, kept for the in-memory residual filter: the day of a timestamp in a
     * date interval.
     *
     * @param field the timestamp attribute
     * @param from  the first day, as {@code YYYY-MM-DD}
     * @param to    the last day, as {@code YYYY-MM-DD}
     */
    record TimestampWithin(String field, String from, String to) implements Condition {
    }
}
