package io.promoagent.jdbc.internal;

import io.promoagent.schema.eval.RowPredicate;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.MeasureExpression;
import io.promoagent.schema.source.PushedQuery;
import io.promoagent.schema.source.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole aggregate query as one statement: group keys (fields, paths through lateral joins, dates
 * truncated), aggregates (measures' conditions as {@code FILTER (WHERE ...)}), and having, order and limit
 * when they name only values the statement computes exactly. Averages and measure arithmetic are finished
 * in memory on the grouped rows with the reference evaluator's rounding, and then so are having, order and
 * limit when they name such a value.
 */
final class AggregateSelect {

    private final Mapping mapping;
    private final PushedQuery pushed;
    private final Query query;
    private final Entity entity;
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
        this.root = new Scope.OfEntity(mapping, entity, aliases.next(mapping.table(entity)));
        this.paths = new Paths(mapping, entity, root.alias(), aliases);
        this.filters = new FilterSql(mapping, aliases);
    }

    static Compiled compile(Mapping mapping, PushedQuery pushed) {
        return new AggregateSelect(mapping, pushed).compile();
    }

    private Compiled compile() {
        List<Column> groups = new ArrayList<>();
        for (GroupBy g : query.groupBy()) {
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
            AggregateValue v;
            if (a instanceof Aggregate.Of of) {
                v = function(of.function(), of.field(), Optional.empty());
                types.put(a.alias(), minOrMax(of.function()) && of.field().isPresent()
                        ? paths.column(of.field().get()).fieldType() : FieldType.NUMBER);
            } else if (a instanceof Aggregate.Measure m) {
                String name = m.measure();
                v = measure(mapping.model().measure(name).orElseThrow(() -> new Unsupported("no measure " + name)).expression());
                types.put(a.alias(), FieldType.NUMBER);
            } else {
                throw new Unsupported("an aggregate of kind " + a.getClass().getSimpleName());
            }
            values.put(a.alias(), v);
            if (v instanceof AggregateValue.Selected s && s.sql().params().isEmpty()) {
                exact.put(a.alias(), new Column(s.sql().text(), outputOf(s.column()).dbType(), types.get(a.alias())));
            }
        }
        Sql sql = new Sql().append("SELECT ").append(select.length() == 0 ? new Sql().append("1") : select)
                .append(" FROM " + Sql.quote(mapping.table(entity)) + " AS " + root.alias());
        Sql where = new Sql();
        Filters.where(mapping, aliases, pushed, root, where);
        sql.append(paths.joins()).append(where);
        if (!groups.isEmpty()) {
            sql.append(" GROUP BY ");
            for (int i = 0; i < groups.size(); i++) {
                sql.append((i > 0 ? ", " : "") + (i + 1));
            }
        }
        boolean tailInSql = query.having().map(this::exactly).orElse(true)
                && query.orderBy().stream().allMatch(o -> exact.containsKey(o.by()));
        List<String> notes = new ArrayList<>();
        if (tailInSql) {
            if (query.having().isPresent()) {
                sql.append(" HAVING ");
                filters.compile(query.having().get(), new Scope.OfAliases(exact), sql);
            }
            List<Column> keys = query.orderBy().stream().map(o -> exact.get(o.by())).toList();
            sql.append(Ordering.sql(query.orderBy(), keys, groups));
            query.limit().ifPresent(n -> sql.append(" LIMIT ").param((long) n, DbType.NUMERIC));
        } else {
            notes.add("in memory on the grouped rows: having, order and limit (they name an average or a measure,"
                    + " computed with the reference evaluator's rounding)");
        }
        if (values.values().stream().anyMatch(v -> !v.inSql())) {
            notes.add("in memory on the grouped rows: averages and measure arithmetic from the sums and counts selected");
        }
        return new Compiled(sql, List.copyOf(outputs), Optional.of(raw -> finish(raw, values, tailInSql)),
                aliases.tables(), notes);
    }

    private List<Row> finish(List<Map<String, Object>> raw, Map<String, AggregateValue> values, boolean tailInSql) {
        List<Row> rows = new ArrayList<>();
        for (Map<String, Object> r : raw) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < query.groupBy().size(); i++) {
                out.put(query.groupBy().get(i).alias(), io.promoagent.schema.eval.Values.canonical(r.get("c" + i)));
            }
            values.forEach((alias, v) -> out.put(alias, v.value(r)));
            rows.add(new Row(out));
        }
        if (tailInSql) {
            return rows;
        }
        RowPredicate having = new RowPredicate(name -> Optional.ofNullable(types.get(name)), null, null);
        List<Row> kept = new ArrayList<>(rows.stream().filter(r -> having.test(query.having(), r)).toList());
        kept.sort(Ordering.inMemory(query.orderBy(), query.groupBy().stream().map(GroupBy::alias).toList()));
        int n = query.limit().orElse(Integer.MAX_VALUE);
        return kept.size() <= n ? kept : kept.subList(0, n);
    }

    private boolean exactly(Filter f) {
        if (f instanceof And and) {
            return and.operands().stream().allMatch(this::exactly);
        }
        if (f instanceof Or or) {
            return or.operands().stream().allMatch(this::exactly);
        }
        if (f instanceof Not not) {
            return exactly(not.operand());
        }
        return f instanceof Compare c && exact.containsKey(c.field());
    }

    private AggregateValue measure(MeasureExpression e) {
        if (e instanceof MeasureExpression.Aggregation agg) {
            if (minOrMax(agg.function()) && agg.field().isPresent()
                    && !paths.column(agg.field().get()).fieldType().isNumeric()) {
                return new AggregateValue.Constant(null); // a measure's value is a number; a text minimum is none
            }
            return function(agg.function(), agg.field(),
                    agg.where().map(w -> pushed.preparation().prepare(entity.name(), w)));
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

    private AggregateValue function(AggregateFunction fn, Optional<String> field, Optional<Filter> where) {
        Sql filter = new Sql();
        if (where.isPresent()) {
            filter.append(" FILTER (WHERE ");
            filters.compile(where.get(), root, filter);
            filter.append(")");
        }
        if (fn == AggregateFunction.COUNT) {
            return selected(new Sql().append("count(*)").append(filter), FieldType.NUMBER, DbType.NUMERIC);
        }
        Column c = paths.column(field.orElseThrow(() -> new Unsupported(fn + " without a field")));
        switch (fn) {
            case COUNT_DISTINCT:
                return selected(new Sql().append("count(DISTINCT " + c.sql() + ")").append(filter), FieldType.NUMBER, DbType.NUMERIC);
            case SUM:
                return selected(new Sql().append("sum(" + c.sql() + ")").append(filter), FieldType.NUMBER, DbType.NUMERIC);
            case AVG: {
                AggregateValue.Selected sum = selected(new Sql().append("sum(" + c.sql() + ")").append(filter),
                        FieldType.NUMBER, DbType.NUMERIC);
                AggregateValue.Selected count = selected(new Sql().append("count(" + c.sql() + ")").append(filter),
                        FieldType.NUMBER, DbType.NUMERIC);
                return new AggregateValue.Average(sum.column(), count.column());
            }
            case MIN:
            case MAX: {
                boolean min = fn == AggregateFunction.MIN;
                String expr;
                if (c.fieldType() == FieldType.BOOLEAN) {
                    expr = (min ? "bool_and(" : "bool_or(") + c.sql() + ")";
                } else if (c.dbType() == DbType.TEXT) {
                    expr = (min ? "min(" : "max(") + c.sql() + " COLLATE \"C\")";
                } else {
                    expr = (min ? "min(" : "max(") + c.sql() + ")";
                }
                return selected(new Sql().append(expr).append(filter), c.fieldType(), c.dbType());
            }
            default:
                throw new Unsupported("aggregate function " + fn);
        }
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
