package io.promoagent.jdbc.internal;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.model.FieldType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A comparison as SQL with the reference evaluator's meaning: false on an absent value (except
 * {@code is_null}), false for an operand of another type than the field, strings ordered by code point
 * ({@code COLLATE "C"}, which orders UTF-8 bytes, the same order), case folded with {@code lower} for
 * {@code ignoreCase}, {@code contains}, {@code begins_with} and {@code ends_with} without {@code LIKE} patterns. Operand values
 * are always bind parameters.
 *
 * <p>PostgreSQL text cannot hold NUL, so an operand with one is decided here: no stored string equals,
 * contains or begins with it, and an ordering comparison with it is one with the part before the NUL
 * ({@code s > "a\0b"} exactly when {@code s > "a"}).
 */
final class CompareSql {

    private CompareSql() {
    }

    static void compile(Compare c, Column column, Sql out) {
        if (c.op() == Operator.IS_NULL) {
            out.append("(" + column.sql() + " IS NULL)");
            return;
        }
        Class<?> kind = kindOf(column.fieldType());
        List<Object> values = new ArrayList<>();
        for (Object v : c.values()) {
            if (kind.isInstance(v)) {
                values.add(v);
            } else if (c.op() != Operator.IN) {
                out.append("FALSE"); // an operand of another type never matches, not even with ne
                return;
            }
        }
        if (kind == String.class) {
            text(c, column, values, out);
        } else {
            DbType type = kind == Boolean.class ? DbType.BOOLEAN : DbType.NUMERIC;
            emit(c.op(), column.sql(), values, type, "?", out);
        }
    }

    private static void text(Compare c, Column column, List<Object> values, Sql out) {
        if (column.dbType() == DbType.DATE && !c.ignoreCase() && c.op() != Operator.CONTAINS
                && c.op() != Operator.BEGINS_WITH && c.op() != Operator.ENDS_WITH
                && values.stream().allMatch(CompareSql::isDate)) {
            List<Object> dates = values.stream().map(v -> (Object) LocalDate.parse((String) v)).toList();
            emit(c.op(), column.sql(), dates, DbType.DATE, "?", out);
            return;
        }
        Operator op = c.op();
        boolean fold = c.ignoreCase() && (op == Operator.EQ || op == Operator.NE || op == Operator.IN
                || op == Operator.CONTAINS || op == Operator.BEGINS_WITH || op == Operator.ENDS_WITH);
        String text = asText(column);
        // only an ordering needs code-point order; equality and substrings are the same under every
        // deterministic collation, and without COLLATE an index on the column still serves them
        boolean ordering = op == Operator.GT || op == Operator.GTE || op == Operator.LT || op == Operator.LTE
                || op == Operator.BETWEEN;
        String lhs = fold ? "lower(" + text + ")" : ordering ? "(" + text + ") COLLATE \"C\"" : text;
        String rhs = fold ? "lower(?)" : "?";
        if (values.stream().noneMatch(v -> ((String) v).indexOf('\0') >= 0)) {
            emit(op, lhs, values, DbType.TEXT, rhs, out);
            return;
        }
        switch (op) {
            case EQ, CONTAINS, BEGINS_WITH, ENDS_WITH -> out.append("FALSE");
            case NE -> out.append("(" + column.sql() + " IS NOT NULL)");
            case IN -> {
                List<Object> storable = values.stream().filter(v -> ((String) v).indexOf('\0') < 0).toList();
                emit(op, lhs, storable, DbType.TEXT, rhs, out);
            }
            case BETWEEN -> {
                out.append("(");
                emit(Operator.GTE, lhs, List.of(values.get(0)), DbType.TEXT, rhs, out);
                out.append(" AND ");
                emit(Operator.LTE, lhs, List.of(values.get(1)), DbType.TEXT, rhs, out);
                out.append(")");
            }
            default -> emit(op, lhs, List.of(values.get(0)), DbType.TEXT, rhs, out);
        }
    }

    /** {@code lhs op operands} that is never NULL; ordering operands with a NUL compare with the part before it. */
    private static void emit(Operator op, String lhs, List<Object> values, DbType type, String rhs, Sql out) {
        if (op == Operator.IN && values.isEmpty()) {
            out.append("FALSE");
            return;
        }
        Operator effective = op;
        List<Object> operands = values;
        if (type == DbType.TEXT && op != Operator.IN && op != Operator.BETWEEN) {
            String v = (String) values.get(0);
            int nul = v.indexOf('\0');
            if (nul >= 0) {
                operands = List.of(v.substring(0, nul));
                effective = op == Operator.GT || op == Operator.GTE ? Operator.GT : Operator.LTE;
            }
        }
        out.append("(");
        switch (effective) {
            case EQ, NE, GT, GTE, LT, LTE -> {
                out.append(lhs + " " + symbol(effective) + " ");
                bound(rhs, operands.get(0), type, out);
            }
            case BETWEEN -> {
                out.append(lhs + " BETWEEN ");
                bound(rhs, operands.get(0), type, out);
                out.append(" AND ");
                bound(rhs, operands.get(1), type, out);
            }
            case IN -> {
                if (rhs.equals("?")) {
                    // one array parameter, whatever the number of keys: one statement text for every batch of a
                    // semi-join (prepared once), and no limit on bind parameters
                    out.append(lhs + " = ANY(").param(new Sql.Array(operands), type).append(")");
                } else {
                    out.append(lhs + " IN (");
                    for (int i = 0; i < operands.size(); i++) {
                        out.append(i > 0 ? ", " : "");
                        bound(rhs, operands.get(i), type, out);
                    }
                    out.append(")");
                }
            }
            case CONTAINS -> {
                out.append("strpos(" + lhs + ", ");
                bound(rhs, operands.get(0), type, out);
                out.append(") > 0");
            }
            case BEGINS_WITH -> {
                out.append("starts_with(" + lhs + ", ");
                bound(rhs, operands.get(0), type, out);
                out.append(")");
            }
            case ENDS_WITH -> {
                // the last char_length(operand) characters; no LIKE, so the operand needs no escaping
                out.append("right(" + lhs + ", char_length(");
                bound(rhs, operands.get(0), type, out);
                out.append(")) = ");
                bound(rhs, operands.get(0), type, out);
            }
            default -> throw new Unsupported("operator " + op);
        }
        out.append(") IS TRUE");
    }

    /** A parameter in its wrapper: {@code ?} or {@code lower(?)}. */
    private static void bound(String rhs, Object value, DbType type, Sql out) {
        int q = rhs.indexOf('?');
        out.append(rhs.substring(0, q)).param(value, type).append(rhs.substring(q + 1));
    }

    static String symbol(Operator op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "<>";
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
            default -> throw new Unsupported("operator " + op);
        };
    }

    /** The text of a column of any type, as the reference evaluator sees string values. */
    static String asText(Column column) {
        return switch (column.dbType()) {
            case TEXT -> column.sql();
            case DATE -> "to_char(" + column.sql() + ", 'YYYY-MM-DD')";
            case TIMESTAMPTZ -> "to_char(" + column.sql() + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";
            case TIMESTAMP -> "to_char(" + column.sql() + ", 'YYYY-MM-DD\"T\"HH24:MI:SS')";
            default -> column.sql() + "::text";
        };
    }

    static Class<?> kindOf(FieldType type) {
        if (type.isNumeric()) {
            return BigDecimal.class;
        }
        return type == FieldType.BOOLEAN ? Boolean.class : String.class;
    }

    private static boolean isDate(Object v) {
        String s = (String) v;
        if (s.length() != 10) {
            return false;
        }
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
