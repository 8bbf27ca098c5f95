package io.promoagent.schema.model;

import static io.promoagent.schema.model.Text.q;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.model.FieldResolver.Use;
import io.promoagent.schema.validate.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Checks the groups and aggregates of a query and works out its output columns, which {@code having}
 * and {@code orderBy} name.
 */
final class AggregateChecker {

    /** The longest alias given with {@code as}. */
    static final int MAX_ALIAS = 64;

    /**
     * The output columns of an aggregate query.
     *
     * @param types each alias with a field describing its values (the grouped field, or a computed type)
     * @param words each alias with other words that mean it, for suggestions
     */
    record Columns(Map<String, Field> types, Map<String, List<String>> words) {
    }

    private final Context ctx;
    private final Errors errors;
    private final String root;
    private final ExprChecker exprs;
    private final java.util.function.BiFunction<io.promoagent.schema.ir.Query, String, FieldType> nested;

    AggregateChecker(Context ctx, Errors errors) {
        this(ctx, errors, "$", (q, p) -> null);
    }

    /**
     * @param root   the JSON path of the query checked
     * @param nested checks a nested query at a path and returns the type of its one column
     */
    AggregateChecker(Context ctx, Errors errors, String root,
                     java.util.function.BiFunction<io.promoagent.schema.ir.Query, String, FieldType> nested) {
        this.ctx = ctx;
        this.errors = errors;
        this.root = root;
        this.nested = nested;
        this.exprs = new ExprChecker(ctx, errors, nested);
    }

    Columns check(String entity, List<GroupBy> groupBy, List<Aggregate> aggregates) {
        Map<String, Field> types = new LinkedHashMap<>();
        Map<String, List<String>> words = new LinkedHashMap<>();
        if (groupBy.size() > ctx.limits().maxFields()) {
            errors.add(ErrorCode.TOO_MANY_ITEMS, root + ".groupBy", "a query groups by at most "
                    + ctx.limits().maxFields() + " keys, not " + groupBy.size());
        }
        for (int i = 0; i < Math.min(groupBy.size(), ctx.limits().maxFields()) && !errors.isFull(); i++) {
            GroupBy g = groupBy.get(i);
            String path = root + ".groupBy[" + i + "]";
            Field column = group(entity, g, path);
            if (column != null) {
                add(types, words, g.alias(), column, path + ".field", keyWords(g));
            }
        }
        if (aggregates.size() > ctx.limits().maxAggregates()) {
            errors.add(ErrorCode.TOO_MANY_ITEMS, root + ".aggregates", "a query computes at most "
                    + ctx.limits().maxAggregates() + " aggregates, not " + aggregates.size());
        }
        for (int i = 0; i < Math.min(aggregates.size(), ctx.limits().maxAggregates()) && !errors.isFull(); i++) {
            Aggregate a = aggregates.get(i);
            String path = root + ".aggregates[" + i + "]";
            Optional<String> as = a.givenAlias();
            if (as.isPresent() && (as.get().isBlank() || as.get().length() > MAX_ALIAS)) {
                errors.add(ErrorCode.WRONG_VALUE_TYPE, path + ".as", "an alias is a name of 1 to " + MAX_ALIAS
                        + " characters");
                continue;
            }
            Field column;
            if (a instanceof Aggregate.Of of) {
                column = function(entity, of, path);
            } else if (a instanceof Aggregate.Measure m) {
                column = measure(entity, m, path);
            } else if (a instanceof Aggregate.Computed c) {
                column = computed(entity, c, path);
            } else {
                FieldType t = exprs.type(null, types, ((Aggregate.Formula) a).formula(), path + ".formula", 1);
                column = t == null ? null : Field.of(a.alias(), t.isNumeric() ? FieldType.NUMBER : t);
            }
            if (column != null) {
                add(types, words, a.alias(), column, as.isPresent() ? path + ".as" : path, aggregateWords(a));
            }
        }
        return new Columns(types, words);
    }

    private void add(Map<String, Field> types, Map<String, List<String>> words, String alias, Field column,
                     String path, List<String> synonyms) {
        if (types.containsKey(alias)) {
            errors.add(ErrorCode.DUPLICATE_ALIAS, path, "two columns are named " + q(alias)
                    + "; name one differently with as");
            return;
        }
        types.put(alias, column);
        words.put(alias, synonyms);
    }

    private Field computed(String entity, Aggregate.Computed c, String path) {
        AggregateFunction fn = c.function();
        c.where().ifPresent(w -> new FilterChecker(ctx, Mode.QUERY, errors, new java.util.HashSet<>())
                .withNested(nested).check(entity, w, path + ".where", 1));
        if (fn == AggregateFunction.PERCENTILE && c.percentile().isEmpty()) {
            errors.add(ErrorCode.MISSING_PROPERTY, path + ".p", "percentile needs p, a fraction from 0 to 1",
                    List.of("0.5", "0.9"));
            return null;
        }
        if (c.value().isEmpty()) {
            if (fn != AggregateFunction.COUNT) {
                errors.add(ErrorCode.MISSING_PROPERTY, path + ".field", fn.jsonName() + " needs a field or value",
                        ctx.names().fieldsOfKind(entity, "", Mode.QUERY,
                                f -> !fn.needsNumber() || f.type().isNumeric()));
                return null;
            }
            return Field.of(c.alias(), FieldType.INTEGER);
        }
        boolean field = c.value().get() instanceof io.promoagent.schema.ir.Expr.FieldRef;
        String at = field ? path + ".field" : path + ".value";
        FieldType t = exprs.type(entity, null, c.value().get(), field ? path : at, 1);
        if (t == null) {
            return null;
        }
        t = exprs.aggregateType(fn, t, entity, at);
        return t == null ? null : Field.of(c.alias(), t);
    }

    private Field group(String entity, GroupBy g, String path) {
        if (g.expr().isPresent()) {
            FieldType t = exprs.type(entity, null, g.expr().get(), path + ".expr", 1);
            if (g.field().isBlank() || g.field().length() > MAX_ALIAS) {
                errors.add(ErrorCode.WRONG_VALUE_TYPE, path + ".as", "an alias is a name of 1 to " + MAX_ALIAS
                        + " characters");
                return null;
            }
            return t == null ? null : Field.of(g.field(), t);
        }
        FieldPath p = ctx.fields().resolve(entity, g.field(), path + ".field", Use.GROUP, Mode.QUERY, errors);
        if (p == null) {
            return null;
        }
        if (g.truncate().isEmpty()) {
            return p.field();
        }
        if (!p.field().type().isTemporal()) {
            errors.add(ErrorCode.NOT_GROUPABLE, path + ".truncate", "truncate applies to dates; " + q(g.field())
                    + " is " + Text.lower(p.field().type()) + ", so group by it without truncate");
            return null;
        }
        CalendarUnit unit = g.truncate().get();
        // days and weeks are written as dates (a week as its Monday); months, quarters and years as text
        FieldType type = unit == CalendarUnit.DAY || unit == CalendarUnit.WEEK ? FieldType.DATE : FieldType.STRING;
        return Field.of(g.alias(), type);
    }

    private Field function(String entity, Aggregate.Of a, String path) {
        AggregateFunction fn = a.function();
        if (fn == AggregateFunction.PERCENTILE) {
            errors.add(ErrorCode.MISSING_PROPERTY, path + ".p", "percentile needs p, a fraction from 0 to 1",
                    List.of("0.5", "0.9"));
            return null;
        }
        if (fn == AggregateFunction.COUNT) {
            if (a.field().isPresent()) {
                errors.add(ErrorCode.NOT_AGGREGATABLE, path + ".fn", "count counts records and takes no field; "
                        + "count the distinct values of " + q(a.field().get()) + " with count_distinct",
                        List.of("count_distinct"));
                return null;
            }
            return Field.of(a.alias(), FieldType.INTEGER);
        }
        Predicate<Field> fits = fn.needsNumber() ? f -> f.type().isNumeric() : f -> f.type() != FieldType.BOOLEAN;
        String kind = fn.needsNumber() ? "a number field" : "a field that is not boolean";
        if (a.field().isEmpty()) {
            errors.add(ErrorCode.MISSING_PROPERTY, path + ".field", fn.jsonName() + " needs " + kind,
                    ctx.names().fieldsOfKind(entity, "", Mode.QUERY, fits));
            return null;
        }
        String name = a.field().get();
        FieldPath p = ctx.fields().resolve(entity, name, path + ".field", Use.AGGREGATE, Mode.QUERY, errors);
        if (p == null) {
            return null;
        }
        if (!fits.test(p.field())) {
            errors.add(ErrorCode.NOT_AGGREGATABLE, path + ".field", fn.jsonName() + " needs " + kind + "; "
                            + q(name) + " is " + Text.lower(p.field().type()),
                    ctx.names().fieldsOfKind(entity, name, Mode.QUERY, fits));
            return null;
        }
        return switch (fn) {
            case COUNT_DISTINCT -> Field.of(a.alias(), FieldType.INTEGER);
            case SUM -> Field.of(a.alias(), p.field().type());
            case AVG, MEDIAN, PERCENTILE -> Field.of(a.alias(), FieldType.NUMBER);
            default -> p.field();
        };
    }

    private Field measure(String entity, Aggregate.Measure a, String path) {
        Optional<Measure> m = ctx.model().measure(a.measure());
        if (m.isEmpty()) {
            errors.add(ErrorCode.UNKNOWN_MEASURE, path + ".measure", "there is no measure " + q(a.measure()),
                    ctx.names().measures(entity, a.measure()));
            return null;
        }
        if (!m.get().entity().equals(entity)) {
            errors.add(ErrorCode.MEASURE_NOT_FOR_ENTITY, path + ".measure", "measure " + q(a.measure()) + " aggregates "
                    + m.get().entity() + ", not " + entity + "; query " + m.get().entity() + " instead",
                    ctx.names().measuresOf(entity, a.measure()));
            return null;
        }
        return Field.of(a.alias(), FieldType.NUMBER);
    }

    private static List<String> keyWords(GroupBy g) {
        List<String> words = new ArrayList<>();
        words.add(g.field());
        String last = g.field().substring(g.field().lastIndexOf('.') + 1);
        words.add(last);
        return words;
    }

    private List<String> aggregateWords(Aggregate a) {
        List<String> words = new ArrayList<>();
        if (a instanceof Aggregate.Computed c) {
            words.add(c.function().jsonName());
        }
        if (a instanceof Aggregate.Of of) {
            words.add(of.function().jsonName());
            of.field().ifPresent(f -> words.add(of.function().jsonName() + "_" + f));
        } else if (a instanceof Aggregate.Measure m) {
            words.add(m.measure());
            ctx.model().measure(m.measure()).ifPresent(x -> words.addAll(x.synonyms()));
        }
        return words;
    }
}
