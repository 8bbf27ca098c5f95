package io.promoagent.schema.model;

import static io.promoagent.schema.model.Text.q;

import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.model.FieldResolver.Use;
import io.promoagent.schema.validate.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Walks a filter, adding an error for everything that does not fit the data model, and returns it in
 * normal form: enum values canonical, and a comparison on a path ({@code customer.segment}) rewritten as
 * a {@link Related} condition, so that engines see only the entity's own fields.
 */
final class FilterChecker {

    /** Relative ranges reach at most about ten years back or ahead. */
    private static final Map<CalendarUnit, Integer> MAX_AMOUNT = Map.of(CalendarUnit.DAY, 3650,
            CalendarUnit.WEEK, 521, CalendarUnit.MONTH, 120, CalendarUnit.QUARTER, 40, CalendarUnit.YEAR, 10);
    /** Calendar offsets reach at most this many units back or ahead. */
    static final int MAX_OFFSET = 100;

    private final Context ctx;
    private final Mode mode;
    private final Errors errors;
    private final Set<String> expanding;
    private final int maxDepth;
    private BiFunction<Query, String, FieldType> nested = (q, path) -> null;

    /**
     * @param expanding the rules whose predicates are being checked around this filter, to find a rule
     *                  that refers to itself
     */
    FilterChecker(Context ctx, Mode mode, Errors errors, Set<String> expanding) {
        this.ctx = ctx;
        this.mode = mode;
        this.errors = errors;
        this.expanding = expanding;
        this.maxDepth = mode == Mode.QUERY ? ctx.limits().maxFilterDepth() : Context.LIBRARY_DEPTH;
    }

    /** Lets tests and expressions of this filter hold nested queries, checked by {@code check}. */
    FilterChecker withNested(BiFunction<Query, String, FieldType> check) {
        this.nested = check;
        return this;
    }

    /** The filter in normal form; when errors were added, the result is not to be used. */
    Filter check(String entity, Filter f, String path, int depth) {
        if (depth > maxDepth) {
            errors.add(ErrorCode.FILTER_TOO_DEEP, path, "filters may nest at most " + maxDepth
                    + " levels deep; flatten nested and/or of the same kind");
            return f;
        }
        if (f instanceof And a) {
            return new And(operands(entity, a.operands(), path, depth));
        }
        if (f instanceof Or o) {
            return new Or(operands(entity, o.operands(), path, depth));
        }
        if (f instanceof Not n) {
            return new Not(check(entity, n.operand(), path + ".operand", depth + 1));
        }
        if (f instanceof Compare c) {
            return compare(entity, c, path);
        }
        if (f instanceof Within w) {
            return within(entity, w, path);
        }
        if (f instanceof RuleRef r) {
            return new RuleChecker(ctx, errors, expanding, mode == Mode.LIBRARY ? Mode.LIBRARY : Mode.RULE)
                    .check(entity, r, path);
        }
        if (f instanceof Related r) {
            return related(entity, r, path, depth);
        }
        if (f instanceof Test t) {
            if (mode == Mode.LIBRARY) {
                errors.add(ErrorCode.NOT_ALLOWED_IN_HAVING, path, "a measure's condition cannot use a test filter: "
                        + "data sources compute measures, and only the query engine evaluates tests");
                return f;
            }
            new ExprChecker(ctx, errors, nested).test(entity, null, t, path, depth);
            return t;
        }
        errors.add(ErrorCode.WRONG_JSON_TYPE, path, "expected a filter, got " + (f == null ? "null" : "something else"));
        return f;
    }

    private List<Filter> operands(String entity, List<Filter> operands, String path, int depth) {
        List<Filter> out = new ArrayList<>(operands.size());
        for (int i = 0; i < operands.size() && !errors.isFull(); i++) {
            out.add(check(entity, operands.get(i), path + ".operands[" + i + "]", depth + 1));
        }
        return out;
    }

    private Filter compare(String entity, Compare c, String path) {
        if (c.op() == Operator.ENDS_WITH && mode != Mode.QUERY) {
            errors.add(ErrorCode.OPERATOR_NOT_FOR_TYPE, path + ".op", "a rule or measure cannot use ends_with: "
                    + "data sources evaluate rules, and only the query engine evaluates ends_with",
                    List.of("begins_with", "contains"));
            return c;
        }
        FieldPath p = ctx.fields().resolve(entity, c.field(), path + ".field", Use.FILTER, mode, errors);
        if (p == null) {
            return c;
        }
        Compare checked = ctx.values(mode).check(c, p.field(), c.field(), path, mode, errors);
        if (checked == null) {
            return c;
        }
        return through(p, new Compare(p.field().name(), checked.op(), checked.values(), checked.ignoreCase()));
    }

    private Filter within(String entity, Within w, String path) {
        FieldPath p = ctx.fields().resolve(entity, w.field(), path + ".field", Use.FILTER, mode, errors);
        if (p != null && !p.field().type().isTemporal()) {
            errors.add(ErrorCode.OPERATOR_NOT_FOR_TYPE, path + ".field", "within applies to date and timestamp fields; "
                            + q(w.field()) + " is " + Text.lower(p.field().type()),
                    ctx.names().fieldsOfKind(entity, w.field(), mode, f -> f.type().isTemporal()));
        }
        int before = errors.size();
        range(w.range(), path + ".range");
        if (p == null || errors.size() > before) {
            return w;
        }
        return through(p, new Within(p.field().name(), w.range()));
    }

    private void range(TimeRange r, String path) {
        if (r instanceof TimeRange.Last l) {
            amount(l.amount(), l.unit(), path);
        } else if (r instanceof TimeRange.Next n) {
            amount(n.amount(), n.unit(), path);
        } else if (r instanceof TimeRange.Calendar c && Math.abs((long) c.offset()) > MAX_OFFSET) {
            errors.add(ErrorCode.INVALID_TIME_RANGE, path + ".offset", "a calendar offset is between -" + MAX_OFFSET
                    + " and " + MAX_OFFSET + " " + c.unit().jsonName() + "s, not " + c.offset());
        } else if (r instanceof TimeRange.Between b && b.from().isAfter(b.to())) {
            errors.add(ErrorCode.INVALID_TIME_RANGE, path, "the range from " + b.from() + " to " + b.to()
                    + " is empty; from comes first", List.of());
        }
        // rest_of and the ranges up to or from today need no bounds
    }

    private void amount(int amount, CalendarUnit unit, String path) {
        int max = MAX_AMOUNT.getOrDefault(unit, 3650);
        if (amount < 0) {
            errors.add(ErrorCode.INVALID_TIME_RANGE, path + ".amount", "an amount of " + unit.jsonName()
                    + "s is at least 0, not " + amount + "; use next for the future", List.of(String.valueOf(-(long) amount)));
        } else if (amount > max) {
            errors.add(ErrorCode.INVALID_TIME_RANGE, path + ".amount", "a relative range reaches at most " + max + " "
                    + unit.jsonName() + "s (about ten years), not " + amount + "; use a between range",
                    List.of(String.valueOf(max)));
        }
    }

    private Filter related(String entity, Related r, String path, int depth) {
        Optional<Navigation> nav = ctx.model().navigation(entity, r.via());
        if (nav.isEmpty()) {
            List<String> known = List.copyOf(ctx.model().navigations(entity).keySet());
            errors.add(ErrorCode.UNKNOWN_RELATIONSHIP, path + ".via", entity + " has no relationship " + q(r.via())
                            + (known.isEmpty() ? "" : "; it has " + Text.list(known)),
                    ctx.names().navigations(entity, r.via()));
            return r;
        }
        Optional<Filter> where = r.where().map(w -> check(nav.get().to(), w, path + ".where", depth + 1));
        return new Related(r.via(), where, r.count());
    }

    /** A condition on a field reached through relationships, as nested related conditions. */
    private static Filter through(FieldPath p, Filter onField) {
        Filter f = onField;
        for (int i = p.via().size() - 1; i >= 0; i--) {
            f = new Related(p.via().get(i).name(), Optional.of(f), CountCondition.exists());
        }
        return f;
    }

    /**
     * The {@code having} condition in normal form: comparisons of the query's output columns only.
     *
     * @param columns the group and aggregate aliases with the field (or computed type) each holds
     */
    Filter having(Filter f, Map<String, Field> columns, Map<String, List<String>> columnWords, String path, int depth) {
        if (depth > maxDepth) {
            errors.add(ErrorCode.FILTER_TOO_DEEP, path, "filters may nest at most " + maxDepth + " levels deep");
            return f;
        }
        BiFunction<Filter, String, Filter> inner = (x, p) -> having(x, columns, columnWords, p, depth + 1);
        if (f instanceof And a) {
            return new And(each(a.operands(), path, inner));
        }
        if (f instanceof Or o) {
            return new Or(each(o.operands(), path, inner));
        }
        if (f instanceof Not n) {
            return new Not(inner.apply(n.operand(), path + ".operand"));
        }
        if (f instanceof Compare c) {
            Field column = columns.get(c.field());
            if (column == null) {
                errors.add(ErrorCode.UNKNOWN_ALIAS, path + ".field", "having compares the query's groups and aggregates; "
                                + q(c.field()) + " is none of " + Text.list(columns.keySet()),
                        Names.among(c.field(), columnWords));
                return c;
            }
            Compare checked = ctx.values(mode).check(c, column, c.field(), path, mode, errors);
            return checked == null ? c : checked;
        }
        if (f instanceof Test t) {
            new ExprChecker(ctx, errors, nested).test(null, columns, t, path, depth);
            return t;
        }
        errors.add(ErrorCode.NOT_ALLOWED_IN_HAVING, path, "having compares aggregated columns only; move this "
                + kind(f) + " condition to where");
        return f;
    }

    private List<Filter> each(List<Filter> operands, String path, BiFunction<Filter, String, Filter> inner) {
        List<Filter> out = new ArrayList<>(operands.size());
        for (int i = 0; i < operands.size() && !errors.isFull(); i++) {
            out.add(inner.apply(operands.get(i), path + ".operands[" + i + "]"));
        }
        return out;
    }

    private static String kind(Filter f) {
        if (f instanceof Within) {
            return "within";
        }
        if (f instanceof RuleRef) {
            return "rule";
        }
        return "related";
    }
}
