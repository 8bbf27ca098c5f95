package io.promoagent.schema.ir;

import java.util.List;
import java.util.Objects;

/**
 * Compares two computed values: {@code days_between(start_dt, reported_dt) between 0 and 10},
 * {@code start_dt = doctor's first treatment date}, {@code weekday(date) in (6, 7)}. The engine evaluates
 * it itself, or hands it inside a whole query to a source that compiles it (one SQL statement); per-entity
 * source reads never see it.
 *
 * @param left       the value tested
 * @param op         the operator (any but {@code is_null} takes right-hand values)
 * @param right      the values compared with, as many as the operator takes
 * @param ignoreCase whether strings compare without regard to case
 */
public record Test(Expr left, Operator op, List<Expr> right, boolean ignoreCase) implements Filter {

    public Test {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(op, "op");
        right = List.copyOf(right);
    }

    public static Test of(Expr left, Operator op, Expr... right) {
        return new Test(left, op, List.of(right), false);
    }
}
