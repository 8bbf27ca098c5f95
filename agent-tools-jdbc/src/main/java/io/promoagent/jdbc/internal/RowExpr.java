package io.promoagent.jdbc.internal;

import io.promoagent.schema.eval.RowPredicate;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Expressions over a grouped result row (formulas, and having tests that name values computed in memory),
 * with the reference evaluator's meaning and rounding: a column by its alias, constants, date parts and
 * differences, arithmetic with {@link Values#arithmetic}, coalesce. A value over records (a field of a
 * record, an aggregate over related records) is absent on a result row, as in the reference evaluator.
 */
final class RowExpr {

    private RowExpr() {
    }

    static Object eval(Expr e, Map<String, Object> row, LocalDate today) {
        if (e instanceof Expr.Column c) {
            return row.get(c.name());
        }
        if (e instanceof Expr.FieldRef f) {
            return row.get(f.field());
        }
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Today) {
            return today.toString();
        }
        if (e instanceof Expr.DatePart d) {
            return Values.datePart(eval(d.of(), row, today), d.part()).orElse(null);
        }
        if (e instanceof Expr.Truncate t) {
            return Values.truncate(eval(t.of(), row, today), t.unit()).orElse(null);
        }
        if (e instanceof Expr.Elapsed d) {
            return Values.elapsed(d.unit(), eval(d.from(), row, today), eval(d.to(), row, today)).orElse(null);
        }
        if (e instanceof Expr.Arithmetic a) {
            Object l = eval(a.left(), row, today);
            Object r = eval(a.right(), row, today);
            return l instanceof BigDecimal x && r instanceof BigDecimal y ? Values.arithmetic(a.op(), x, y) : null;
        }
        if (e instanceof Expr.Coalesce c) {
            for (Expr v : c.values()) {
                Object x = eval(v, row, today);
                if (x != null) {
                    return x;
                }
            }
            return null;
        }
        if (e instanceof Expr.RelatedAggregate) {
            return null;
        }
        throw new Unsupported("an expression of kind " + e.getClass().getSimpleName() + " over result rows");
    }

    /** A test over a result row, as the reference evaluator's {@code having} judges it. */
    static boolean test(Test t, Row row, LocalDate today) {
        Object left = eval(t.left(), row.values(), today);
        if (t.op() == Operator.IS_NULL) {
            return left == null;
        }
        List<Object> right = new ArrayList<>();
        for (Expr e : t.right()) {
            Object v = eval(e, row.values(), today);
            if (v == null) {
                if (t.op() != Operator.IN) {
                    return false;
                }
            } else {
                right.add(v);
            }
        }
        if (left == null || right.isEmpty()) {
            return false;
        }
        Compare c = new Compare("value", t.op(), right, t.ignoreCase());
        return new RowPredicate(name -> Optional.empty(), null, null).test(c, new Row(Map.of("value", left)));
    }
}
