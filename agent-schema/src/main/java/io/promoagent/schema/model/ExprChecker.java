package io.promoagent.schema.model;

import static io.promoagent.schema.model.Text.q;

import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.DatePartName;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.model.FieldResolver.Use;
import io.promoagent.schema.validate.ErrorCode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Checks the expressions of query IR 2.0 and works out their types: a date part of a date, a date
 * difference between dates, arithmetic between numbers, aggregates over related records along existing
 * relationships, nested queries of one column. Expressions are checked either over the records of an
 * entity or, in formulas and {@code having}, over the columns of the result.
 */
final class ExprChecker {

    /** A string literal that is a date counts as a date where a date is needed. */
    private static final FieldType LITERAL_DATE = FieldType.DATE;
    private static final java.util.regex.Pattern ISO_DATE =
            java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}(T.*)?");

    private final Context ctx;
    private final Errors errors;
    /** Checks a nested query at a path and returns the type of its one column, or null after errors. */
    private final BiFunction<Query, String, FieldType> nested;

    ExprChecker(Context ctx, Errors errors, BiFunction<Query, String, FieldType> nested) {
        this.ctx = ctx;
        this.errors = errors;
        this.nested = nested;
    }

    /**
     * The type of an expression over the records of {@code entity} (columns null) or over result columns
     * (entity null); null after adding errors.
     */
    FieldType type(String entity, Map<String, Field> columns, Expr e, String path, int depth) {
        if (depth > ctx.limits().maxFilterDepth() * 2) {
            errors.add(ErrorCode.FILTER_TOO_DEEP, path, "expressions nest too deep");
            return null;
        }
        if (e instanceof Expr.FieldRef f) {
            if (columns != null) {
                return column(columns, f.field(), path + ".field");
            }
            FieldPath p = ctx.fields().resolve(entity, f.field(), path + ".field", Use.GROUP, Mode.QUERY, errors);
            return p == null ? null : p.field().type();
        }
        if (e instanceof Expr.Column c) {
            if (columns == null) {
                errors.add(ErrorCode.UNKNOWN_ALIAS, path + ".column", "a column of the result is named only in "
                        + "formulas and having; use {\"field\": " + q(c.name()) + "} for a field of a record",
                        List.of("field"));
                return null;
            }
            return column(columns, c.name(), path + ".column");
        }
        if (e instanceof Expr.Today) {
            return FieldType.DATE;
        }
        if (e instanceof Expr.Literal l) {
            if (l.value() instanceof BigDecimal) {
                return FieldType.NUMBER;
            }
            if (l.value() instanceof Boolean) {
                return FieldType.BOOLEAN;
            }
            return l.value() instanceof String t && ISO_DATE.matcher(t).matches() ? LITERAL_DATE : FieldType.STRING;
        }
        if (e instanceof Expr.DatePart d) {
            FieldType t = type(entity, columns, d.of(), path + ".of", depth + 1);
            if (t != null && !t.isTemporal()) {
                wrong(path + ".of", d.part().jsonName() + " is a part of a date", t);
                return null;
            }
            return t == null ? null : d.part() == DatePartName.WEEKEND ? FieldType.BOOLEAN : FieldType.INTEGER;
        }
        if (e instanceof Expr.Truncate tr) {
            FieldType t = type(entity, columns, tr.of(), path + ".of", depth + 1);
            if (t != null && !t.isTemporal()) {
                wrong(path + ".of", "truncate applies to a date", t);
                return null;
            }
            return t == null ? null : FieldType.STRING;
        }
        if (e instanceof Expr.Elapsed d) {
            String at = path + "." + d.jsonName();
            FieldType from = type(entity, columns, d.from(), at + ".from", depth + 1);
            FieldType to = type(entity, columns, d.to(), at + ".to", depth + 1);
            boolean ok = true;
            if (from != null && !from.isTemporal()) {
                wrong(at + ".from", d.jsonName() + " counts the time between two dates", from);
                ok = false;
            }
            if (to != null && !to.isTemporal()) {
                wrong(at + ".to", d.jsonName() + " counts the time between two dates", to);
                ok = false;
            }
            return ok && from != null && to != null ? FieldType.INTEGER : null;
        }
        if (e instanceof Expr.Arithmetic a) {
            FieldType l = type(entity, columns, a.left(), path + ".left", depth + 1);
            FieldType r = type(entity, columns, a.right(), path + ".right", depth + 1);
            boolean ok = true;
            if (l != null && !l.isNumeric()) {
                wrong(path + ".left", "arithmetic takes numbers", l);
                ok = false;
            }
            if (r != null && !r.isNumeric()) {
                wrong(path + ".right", "arithmetic takes numbers", r);
                ok = false;
            }
            return ok && l != null && r != null ? FieldType.NUMBER : null;
        }
        if (e instanceof Expr.Coalesce c) {
            FieldType first = null;
            for (int i = 0; i < c.values().size(); i++) {
                FieldType t = type(entity, columns, c.values().get(i), path + ".coalesce[" + i + "]", depth + 1);
                if (t == null) {
                    return null;
                }
                if (first != null && !comparable(first, t)) {
                    wrong(path + ".coalesce[" + i + "]", "coalesce takes values of one kind", t);
                    return null;
                }
                first = first == null ? t : first;
            }
            return first;
        }
        if (e instanceof Expr.RelatedAggregate r) {
            if (columns != null) {
                errors.add(ErrorCode.UNKNOWN_PROPERTY, path + ".related", "an aggregate over related records is "
                        + "computed per record; use it in where, groupBy, select or an aggregate's value");
                return null;
            }
            return related(entity, r, path, depth);
        }
        Expr.Subquery s = (Expr.Subquery) e;
        return nested.apply(s.query(), path + ".query");
    }

    private FieldType related(String entity, Expr.RelatedAggregate r, String path, int depth) {
        String at = entity;
        for (String hop : r.via().split("\\.", -1)) {
            Optional<Navigation> nav = ctx.model().navigation(at, hop);
            if (nav.isEmpty()) {
                List<String> known = List.copyOf(ctx.model().navigations(at).keySet());
                errors.add(ErrorCode.UNKNOWN_RELATIONSHIP, path + ".related", at + " has no relationship " + q(hop)
                        + (known.isEmpty() ? "" : "; it has " + Text.list(known)), ctx.names().navigations(at, hop));
                return null;
            }
            at = nav.get().to();
        }
        String target = at;
        r.where().ifPresent(w -> new FilterChecker(ctx, Mode.QUERY, errors, new HashSet<>())
                .check(target, w, path + ".where", 1));
        AggregateFunction fn = r.function();
        if (fn == AggregateFunction.PERCENTILE) {
            errors.add(ErrorCode.UNKNOWN_FUNCTION, path + ".fn", "an aggregate over related records takes count, "
                    + "count_distinct, sum, avg, min, max or median", List.of("median"));
            return null;
        }
        if (r.value().isEmpty()) {
            if (fn != AggregateFunction.COUNT) {
                errors.add(ErrorCode.MISSING_PROPERTY, path + ".value", fn.jsonName() + " needs a value of "
                        + target, ctx.names().fieldsOfKind(target, "", Mode.QUERY, f -> true));
                return null;
            }
            return FieldType.INTEGER;
        }
        FieldType t = type(target, null, r.value().get(), path + ".value", depth + 1);
        return t == null ? null : aggregateType(fn, t, target, path + ".value");
    }

    /** The type of an aggregate of values of type {@code t}, or null after an error (a sum of text). */
    FieldType aggregateType(AggregateFunction fn, FieldType t, String entity, String path) {
        if (fn.needsNumber() && !t.isNumeric()) {
            errors.add(ErrorCode.NOT_AGGREGATABLE, path, fn.jsonName() + " needs numbers; this value is "
                    + Text.lower(t), entity == null ? List.of()
                    : ctx.names().fieldsOfKind(entity, "", Mode.QUERY, f -> f.type().isNumeric()));
            return null;
        }
        if (!fn.needsNumber() && fn != AggregateFunction.COUNT && fn != AggregateFunction.COUNT_DISTINCT
                && t == FieldType.BOOLEAN) {
            errors.add(ErrorCode.NOT_AGGREGATABLE, path, fn.jsonName() + " needs values that are not boolean");
            return null;
        }
        return switch (fn) {
            case COUNT, COUNT_DISTINCT -> FieldType.INTEGER;
            case SUM -> t;
            case AVG, MEDIAN, PERCENTILE -> FieldType.NUMBER;
            default -> t;
        };
    }

    /** Checks a test between expressions; over records of {@code entity}, or over result columns. */
    void test(String entity, Map<String, Field> columns, Test t, String path, int depth) {
        FieldType left = type(entity, columns, t.left(), path + ".left", depth + 1);
        List<FieldType> right = new ArrayList<>();
        for (int i = 0; i < t.right().size(); i++) {
            String p = t.op() == Operator.BETWEEN || t.op() == Operator.IN ? path + ".right[" + i + "]" : path + ".right";
            right.add(type(entity, columns, t.right().get(i), p, depth + 1));
        }
        if (t.right().size() < t.op().minValues() || t.right().size() > t.op().maxValues()) {
            errors.add(ErrorCode.WRONG_VALUE_COUNT, path + ".right", t.op().jsonName() + " takes "
                    + (t.op().maxValues() == 0 ? "no value" : t.op() == Operator.BETWEEN ? "two values" : "values"));
            return;
        }
        if (left == null) {
            return;
        }
        FieldType kind = left == FieldType.ENUM ? FieldType.STRING : left;
        if (!ValueChecker.operators(kind).contains(t.op())) {
            errors.add(ErrorCode.OPERATOR_NOT_FOR_TYPE, path + ".op", "operator " + t.op().jsonName()
                    + " does not apply to " + Text.lower(left) + " values", List.of("eq", "in"));
            return;
        }
        for (int i = 0; i < right.size(); i++) {
            FieldType r = right.get(i);
            if (r != null && !comparable(left, r)) {
                wrong(path + ".right", "a " + Text.lower(left) + " value compares with values of its kind", r);
            }
        }
    }

    private static boolean comparable(FieldType a, FieldType b) {
        if (a.isNumeric() || b.isNumeric()) {
            return a.isNumeric() && b.isNumeric();
        }
        if (a == FieldType.BOOLEAN || b == FieldType.BOOLEAN) {
            return a == b;
        }
        return true;
    }

    private FieldType column(Map<String, Field> columns, String name, String path) {
        Field f = columns.get(name);
        if (f == null) {
            errors.add(ErrorCode.UNKNOWN_ALIAS, path, q(name) + " is none of the result's columns "
                    + Text.list(columns.keySet()), io.promoagent.schema.validate.Suggestions.rank(name,
                    List.copyOf(columns.keySet())));
            return null;
        }
        return f.type();
    }

    private void wrong(String path, String rule, FieldType got) {
        errors.add(ErrorCode.WRONG_EXPRESSION_TYPE, path, rule + "; this value is " + Text.lower(got));
    }

    /** Whether a filter holds a test or an ends_with, which rules and measures may not (sources run them). */
    static boolean engineOnly(Filter f) {
        if (f instanceof io.promoagent.schema.ir.And a) {
            return a.operands().stream().anyMatch(ExprChecker::engineOnly);
        }
        if (f instanceof io.promoagent.schema.ir.Or o) {
            return o.operands().stream().anyMatch(ExprChecker::engineOnly);
        }
        if (f instanceof io.promoagent.schema.ir.Not n) {
            return engineOnly(n.operand());
        }
        if (f instanceof io.promoagent.schema.ir.Related r) {
            return r.where().map(ExprChecker::engineOnly).orElse(false);
        }
        if (f instanceof io.promoagent.schema.ir.Compare c) {
            return c.op() == Operator.ENDS_WITH;
        }
        return f instanceof Test;
    }
}
