package io.promoagent.jdbc.internal;

import io.promoagent.schema.eval.RowOrder;
import io.promoagent.schema.eval.RowPredicate;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.eval.Windows;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.MeasureExpression;
import io.promoagent.schema.source.PushedQuery;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole aggregate query as one statement: group keys (fields, paths through lateral joins, dates
 * truncated, computed values), aggregates (conditions as {@code FILTER (WHERE ...)}, medians and
 * percentiles interpolated in SQL), and having, order and limit when they name only values the statement
 * computes exactly. Averages, measure arithmetic and formulas are finished in memory on the grouped rows
 * with the reference evaluator's rounding, and then so are having, order and limit when they name such a
 * value; windows are computed on the grouped rows after having, before order and limit.
 */
final class AggregateSelect {

    private final Mapping mapping;
    private final PushedQuery pushed;
    private final Query query;
    private final Entity entity;
    private final QueryContext context;
    private final Aliases aliases = new Aliases();
    private final Scope.OfEntity root;
    private final Paths paths;
    private final FilterSql filters;
    private final Sql select = new Sql();
    private final List<Output> outputs = new ArrayList<>();
    private final Map<String, Column> exact = new LinkedHashMap<>();
    private final Map<String, FieldType> types = new LinkedHashMap<>();

    private AggregateSelect(Mapping mapping, PushedQuery pushed) {
        this.mapping = mapping;
        this.pushed = pushed;
        this.query = pushed.query();
        this.entity = mapping.model().requireEntity(query.entity());
        this.context = QueryContext.of(pushed);
        this.root = new Scope.OfEntity(mapping, entity, aliases.next(mapping.table(entity)));
        this.paths = new Paths(mapping, entity, root.alias(), aliases);
        this.filters = new FilterSql(mapping, aliases, context);
    }

    static Compiled compile(Mapping mapping, PushedQuery pushed) {
        return new AggregateSelect(mapping, pushed).compile();
    }

    private Compiled compile() {
        List<Column> groups = new ArrayList<>();
        for (GroupBy g : query.groupBy()) {
            if (g.expr().isPresent()) {
                SqlValue v = filters.exprs().compile(g.expr().get(), root);
                selected(v);
                if (v.sql().params().isEmpty()) {
                    Column c = new Column(v.sql().text(), v.dbType(), v.fieldType());
                    groups.add(c);
                    exact.put(g.alias(), c);
                }
                continue; // a computed key has no declared type: having compares it by its values' kind
            }
            Column c = paths.column(g.field());
            if (g.truncate().isPresent()) {
                CalendarUnit unit = g.truncate().get();
                c = new Column(Dates.truncated(Dates.day(c.sql(), c.dbType()), unit), DbType.TEXT,
                        unit == CalendarUnit.DAY || unit == CalendarUnit.WEEK ? FieldType.DATE : FieldType.STRING);
            }
            selected(new Sql().append(c.sql()), c.fieldType(), c.dbType());
            groups.add(c);
            exact.put(g.alias(), c);
            types.put(g.alias(), c.fieldType());
        }
        Map<String, AggregateValue> values = new LinkedHashMap<>();
        for (Aggregate a : query.aggregates()) {
            values.put(a.alias(), aggregate(a));
        }
        Map<String, Column> orderable = new LinkedHashMap<>();
        values.forEach((alias, v) -> {
            if (v instanceof AggregateValue.Selected s) {
                Output out = outputOf(s.column());
                FieldType type = types.getOrDefault(alias, out.fieldType());
                if (s.sql().params().isEmpty()) {
                    exact.put(alias, new Column(s.sql().text(), out.dbType(), type));
                } else if (!(out.dbType() == DbType.TEXT && CompareSql.kindOf(type) == String.class)) {
                    // a conditional aggregate (revenue: FILTER (WHERE status = ?)) is ordered by its output
                    // column's name, which ORDER BY accepts bare (not under COLLATE, hence not for text), so that
                    // its parameters are not bound twice; "top N by revenue" then stops in the database
                    orderable.put(alias, new Column(Sql.quote(s.column()), out.dbType(), type));
                }
            }
        });
        orderable.putAll(exact);
        Sql sql = new Sql().append("SELECT ").append(select.length() == 0 ? new Sql().append("1") : select)
                .append(" FROM " + Sql.quote(mapping.table(entity)) + " AS " + root.alias());
        Sql where = new Sql();
        Filters.where(filters, pushed, root, where);
        sql.append(paths.joins()).append(where);
        if (!query.groupBy().isEmpty()) {
            sql.append(" GROUP BY ");
            for (int i = 0; i < query.groupBy().size(); i++) {
                sql.append((i > 0 ? ", " : "") + (i + 1));
            }
        }
        Optional<Sql> having = query.having().isEmpty() ? Optional.of(new Sql()) : havingSql(query.having().get());
        boolean havingInSql = having.isPresent();
        boolean tailInSql = havingInSql && query.windows().isEmpty() && groups.size() == query.groupBy().size()
                && query.orderBy().stream().allMatch(o -> orderable.containsKey(o.by()));
        List<String> notes = new ArrayList<>();
        having.ifPresent(sql::append);
        if (tailInSql) {
            List<Column> keys = query.orderBy().stream().map(o -> orderable.get(o.by())).toList();
            sql.append(Ordering.sql(query.orderBy(), keys, groups));
            query.limit().ifPresent(n -> sql.append(" LIMIT ").param((long) n, DbType.NUMERIC));
        } else {
            notes.add("in memory on the grouped rows: " + (havingInSql ? "" : "having, ")
                    + (query.windows().isEmpty() ? "" : "windows, ") + "order and limit");
        }
        if (values.values().stream().anyMatch(v -> !v.inSql())) {
            notes.add("in memory on the grouped rows: averages, measure arithmetic and formulas from the values selected");
        }
        return new Compiled(sql, List.copyOf(outputs), Optional.of(raw -> finish(raw, values, havingInSql, tailInSql)),
                aliases.tables(), notes);
    }

    /** {@code HAVING ...} when the statement computes every value it names; empty when it runs in memory. */
    private Optional<Sql> havingSql(Filter having) {
        Sql sql = new Sql().append(" HAVING ");
        try {
            filters.compile(having, new Scope.OfAliases(exact), sql);
            return Optional.of(sql);
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    private AggregateValue aggregate(Aggregate a) {
        if (a instanceof Aggregate.Of of) {
            Optional<SqlValue> value = of.field().map(f -> SqlValue.of(paths.column(f)));
            types.put(a.alias(), minOrMax(of.function()) && of.field().isPresent()
                    ? paths.column(of.field().get()).fieldType() : FieldType.NUMBER);
            return function(of.function(), value, Optional.empty(), Optional.empty());
        }
        if (a instanceof Aggregate.Measure m) {
            String name = m.measure();
            types.put(a.alias(), FieldType.NUMBER);
            return measure(mapping.model().measure(name).orElseThrow(() -> new Unsupported("no measure " + name)).expression());
        }
        if (a instanceof Aggregate.Computed c) {
            if (!minOrMax(c.function())) {
                types.put(a.alias(), FieldType.NUMBER);
            }
            Optional<SqlValue> value = c.value().map(v -> filters.exprs().compile(v, root));
            return function(c.function(), value, c.where().map(w -> pushed.preparation().prepare(entity.name(), w)),
                    c.percentile());
        }
        types.put(a.alias(), FieldType.NUMBER);
        return new AggregateValue.Formula(((Aggregate.Formula) a).formula(), context.today());
    }

    private Iterator<Row> finish(Iterator<Map<String, Object>> raw, Map<String, AggregateValue> values,
                                 boolean havingInSql, boolean tailInSql) {
        if (tailInSql) {
            // the statement filtered, ordered and limited the groups: each row is finished as it is read, so a
            // statement returning many groups is not held
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return raw.hasNext();
                }

                @Override
                public Row next() {
                    return row(raw.next(), values);
                }
            };
        }
        List<Row> rows = new ArrayList<>();
        raw.forEachRemaining(r -> rows.add(row(r, values)));
        List<Row> kept = rows;
        if (!havingInSql) {
            RowPredicate having = new RowPredicate(name -> Optional.ofNullable(types.get(name)), null,
                    (filter, row) -> RowExpr.test((io.promoagent.schema.ir.Test) filter, row, context.today()));
            kept = rows.stream().filter(r -> having.test(query.having(), r)).toList();
        }
        List<String> tieBreak = query.groupBy().stream().map(GroupBy::alias).toList();
        List<Row> ordered = new ArrayList<>(Windows.apply(query.windows(), kept, tieBreak));
        ordered.sort(RowOrder.of(query.orderBy(), tieBreak));
        int n = query.limit().orElse(Integer.MAX_VALUE);
        return (ordered.size() <= n ? ordered : ordered.subList(0, n)).iterator();
    }

    /** One result row from one row of the statement: group keys, then the aggregates' values. */
    private Row row(Map<String, Object> r, Map<String, AggregateValue> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < query.groupBy().size(); i++) {
            Object key = Values.canonical(r.get("c" + i));
            if (key != null) {
                out.put(query.groupBy().get(i).alias(), key);
            }
        }
        values.forEach((alias, v) -> {
            Object value = v instanceof AggregateValue.Formula f ? f.value(out) : v.value(r);
            if (value != null) {
                out.put(alias, value);
            }
        });
        return new Row(out);
    }

    private AggregateValue measure(MeasureExpression e) {
        if (e instanceof MeasureExpression.Aggregation agg) {
            if (minOrMax(agg.function()) && agg.field().isPresent()
                    && !paths.column(agg.field().get()).fieldType().isNumeric()) {
                return new AggregateValue.Constant(null); // a measure's value is a number; a text minimum is none
            }
            return function(agg.function(), agg.field().map(f -> SqlValue.of(paths.column(f))),
                    agg.where().map(w -> pushed.preparation().prepare(entity.name(), w)), Optional.empty());
        }
        if (e instanceof MeasureExpression.Reference ref) {
            return measure(mapping.model().measure(ref.measure())
                    .orElseThrow(() -> new Unsupported("no measure " + ref.measure())).expression());
        }
        if (e instanceof MeasureExpression.Constant c) {
            return new AggregateValue.Constant(c.value());
        }
        if (e instanceof MeasureExpression.Arithmetic a) {
            return new AggregateValue.Arithmetic(a.operator(), measure(a.left()), measure(a.right()));
        }
        throw new Unsupported("a measure expression of kind " + e.getClass().getSimpleName());
    }

    /** An aggregate function over the records meeting {@code where}; an average as a sum and a count divided in memory. */
    private AggregateValue function(AggregateFunction fn, Optional<SqlValue> value, Optional<Filter> where,
                                    Optional<BigDecimal> fraction) {
        Optional<Sql> condition = where.map(w -> {
            Sql c = new Sql();
            filters.compile(w, root, c);
            return c;
        });
        if (fn == AggregateFunction.AVG) {
            SqlValue v = value.orElseThrow(() -> new Unsupported("avg without a value"));
            if (v.kind() != BigDecimal.class) {
                return new AggregateValue.Constant(null);
            }
            AggregateValue.Selected sum = selected(ExprSql.aggregate(AggregateFunction.SUM, value, condition, Optional.empty()));
            AggregateValue.Selected count = selected(ExprSql.aggregate(AggregateFunction.COUNT, value, condition, Optional.empty()));
            return new AggregateValue.Average(sum.column(), count.column());
        }
        return selected(ExprSql.aggregate(fn, value, condition, fraction));
    }

    private AggregateValue.Selected selected(SqlValue v) {
        return selected(v.sql(), v.fieldType(), v.dbType());
    }

    private AggregateValue.Selected selected(Sql expression, FieldType type, DbType dbType) {
        String name = "c" + outputs.size();
        select.append(outputs.isEmpty() ? "" : ", ").append(expression).append(" AS " + Sql.quote(name));
        outputs.add(new Output(name, type, dbType));
        return new AggregateValue.Selected(name, expression);
    }

    private Output outputOf(String column) {
        return outputs.stream().filter(o -> o.name().equals(column)).findFirst().orElseThrow();
    }

    private static boolean minOrMax(AggregateFunction fn) {
        return fn == AggregateFunction.MIN || fn == AggregateFunction.MAX;
    }
}
