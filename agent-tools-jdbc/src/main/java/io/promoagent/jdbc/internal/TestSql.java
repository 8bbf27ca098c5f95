package io.promoagent.jdbc.internal;

import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Test;
import java.util.ArrayList;
import java.util.List;

/**
 * A test between computed values as a SQL condition that is never NULL, with the meaning
 * {@link CompareSql} gives comparisons: false when a side is absent ({@code is_null}: true when the left
 * side is), false against a value of another kind (an {@code in} skips those values), strings by code
 * point and case folded for {@code ignoreCase}, substring tests without {@code LIKE}.
 */
final class TestSql {

    private TestSql() {
    }

    static void compile(Test t, ExprSql exprs, Scope scope, Sql out) {
        SqlValue left = exprs.compile(t.left(), scope);
        if (t.op() == Operator.IS_NULL) {
            out.append("(").append(left.sql()).append(" IS NULL)");
            return;
        }
        Class<?> kind = left.kind();
        List<SqlValue> right = new ArrayList<>();
        for (Expr e : t.right()) {
            SqlValue v = exprs.compile(e, scope);
            if (v.kind() == kind) {
                right.add(v);
            } else if (t.op() != Operator.IN) {
                out.append("FALSE"); // a value of another kind never matches, not even with ne
                return;
            }
        }
        if (right.isEmpty()) {
            out.append("FALSE");
            return;
        }
        Operator op = t.op();
        boolean text = kind == String.class;
        boolean fold = t.ignoreCase() && text && (op == Operator.EQ || op == Operator.NE || op == Operator.IN
                || op == Operator.CONTAINS || op == Operator.BEGINS_WITH || op == Operator.ENDS_WITH);
        boolean ordering = text && op.isOrdering();
        List<Sql> operands = new ArrayList<>();
        for (SqlValue v : right) {
            operands.add(side(v, text, fold, ordering));
        }
        Sql lhs = side(left, text, fold, ordering);
        out.append("(");
        switch (op) {
            case EQ, NE, GT, GTE, LT, LTE -> out.append(lhs).append(" " + CompareSql.symbol(op) + " ").append(operands.get(0));
            case BETWEEN -> out.append(lhs).append(" BETWEEN ").append(operands.get(0)).append(" AND ").append(operands.get(1));
            case IN -> {
                out.append(lhs).append(" IN (");
                for (int i = 0; i < operands.size(); i++) {
                    out.append(i > 0 ? ", " : "").append(operands.get(i));
                }
                out.append(")");
            }
            case CONTAINS -> out.append("strpos(").append(lhs).append(", ").append(operands.get(0)).append(") > 0");
            case BEGINS_WITH -> out.append("starts_with(").append(lhs).append(", ").append(operands.get(0)).append(")");
            case ENDS_WITH -> out.append("right(").append(lhs).append(", char_length(").append(operands.get(0))
                    .append(")) = ").append(operands.get(0));
            default -> throw new Unsupported("operator " + op);
        }
        out.append(") IS TRUE");
    }

    private static Sql side(SqlValue v, boolean text, boolean fold, boolean ordering) {
        if (!text) {
            return v.sql();
        }
        Sql s = ExprSql.text(v);
        if (fold) {
            return new Sql().append("lower(").append(s).append(")");
        }
        return ordering ? new Sql().append("(").append(s).append(") COLLATE \"C\"") : s;
    }
}
