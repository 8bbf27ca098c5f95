package io.promoagent.schema.ir;

import java.util.Objects;

/**
 * How many related records a {@link Related} condition asks for: at least one (exists), none, or a count
 * compared with a number.
 *
 * @param op    one of eq, ne, gt, gte, lt, lte
 * @param value the number compared with
 */
public record CountCondition(Operator op, long value) {

    public CountCondition {
        Objects.requireNonNull(op, "op");
        if (op.maxValues() != 1 || op == Operator.CONTAINS || op == Operator.BEGINS_WITH || op == Operator.IN) {
            throw new IllegalArgumentException("a count compares with eq, ne, gt, gte, lt or lte, not " + op.jsonName());
        }
        if (value < 0) {
            throw new IllegalArgumentException("a count is never negative: " + value);
        }
    }

    public static CountCondition exists() {
        return new CountCondition(Operator.GTE, 1);
    }

    public static CountCondition notExists() {
        return new CountCondition(Operator.EQ, 0);
    }

    public boolean isExists() {
        return equals(exists());
    }

    public boolean isNotExists() {
        return equals(notExists());
    }

    /** Whether a record with {@code count} related records satisfies this condition. */
    public boolean test(long count) {
        return switch (op) {
            case EQ -> count == value;
            case NE -> count != value;
            case GT -> count > value;
            case GTE -> count >= value;
            case LT -> count < value;
            case LTE -> count <= value;
            default -> throw new IllegalStateException(op.name());
        };
    }
}
