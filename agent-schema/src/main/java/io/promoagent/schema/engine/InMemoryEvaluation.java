package io.promoagent.schema.engine;

import io.promoagent.schema.eval.RowOrder;
import io.promoagent.schema.eval.Windows;
import io.promoagent.schema.eval.FieldPath;
import io.promoagent.schema.eval.RowPredicate;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.Select;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.MeasureExpression;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.time.TimeResolver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The meaning of a query over rows in memory, for every construct of query IR 2.0: expressions (date
 * parts, date differences, arithmetic, aggregates over related records, nested query values), tests
 * between expressions, {@code ends_with}, expression group keys, conditional aggregates, medians and
 * percentiles, formulas over aggregates, window functions, selected columns and {@code distinct}.
 *
 * <p>The reference evaluator runs queries that use these constructs through it over its dataset; the
 * engine runs them through it over the rows its sources return (the query entity's rows filtered at the
 * source by what a source can evaluate, other entities read as a whole, within a bound), so both give
 * the same answer by construction of these constructs and the engine's tests check what the sources
 * contribute.
 *
 * <p>Semantics beyond the legacy ones ({@link ReferenceEvaluator}): an expression over an absent value is
 * absent; a test with an absent side is false ({@code is_null}: true when the left side is absent);
 * {@code count} with a value counts the records whose value is present; {@code median} and
 * {@code percentile} interpolate linearly between the two nearest values; windows take the rows of
 * each partition in their order, a running total adds row by row, {@code previous} is absent on a
 * partition's first row, {@code percent_change} and {@code share} are percentages (absent when the
 * divisor is absent or zero).
 */
final class InMemoryEvaluation {

    /** The rows of an entity. */
    interface Data {
        List<Row> rows(String entity);

        /**
         * The records of {@code nav.to()} whose related key is one of {@code keys}, looked up by key, or
         * empty when reading the entity whole is the better way (the default).
         */
        default Optional<List<Row>> lookup(Navigation nav, Set<Object> keys) {
            return Optional.empty();
        }
    }

    private final DataModel model;
    private final TimeResolver time;
    private final Data data;
    private final Map<String, RowPredicate> predicates = new HashMap<>();
    private final Map<String, Map<Object, List<Row>>> indexes = new HashMap<>();
    private final Map<Query, Object> subqueries = new HashMap<>();
    /** Per entity, the rows held whose many-to-one keys are looked up together: the candidates, then what those found. */
    private final Map<String, List<Row>> populations = new HashMap<>();
    /** Per relationship (from entity and name), the related records looked up by key; null when read whole. */
    private final Map<String, Map<Object, List<Row>>> lookups = new HashMap<>();

    InMemoryEvaluation(DataModel model, TimeResolver time, Data data) {
        this.model = model;
        this.time = time;
        this.data = data;
    }

    /** The result of {@code query} over all rows of its entity. */
    QueryResult run(Query query) {
        return run(query, data.rows(query.entity()));
    }

    /** The result of {@code query} over {@code candidates}, a superset of the entity's rows meeting where. */
    QueryResult run(Query query, List<Row> candidates) {
        List<Row> matching = matching(query, candidates);
        List<String> columns = columns(model, query);
        List<Row> result = query.isAggregate() ? aggregate(query, matching) : plain(query, matching, columns);
        return new QueryResult(query.entity(), columns, result, ExecutionStats.NONE, List.of());
    }

    /**
     * For a query that returns records: the candidates meeting its where, each with its selected values, in
     * the candidates' order, before distinct, order, limit and projection on the columns. The many-to-one
     * records they reach are looked up for these candidates together.
     */
    List<Row> selected(Query query, List<Row> candidates) {
        return withSelected(query, matching(query, candidates));
    }

    private List<Row> matching(Query query, List<Row> candidates) {
        String entity = query.entity();
        populations.putIfAbsent(entity, candidates);
        Optional<Filter> where = query.where().map(f -> FieldPath.onOwnFields(model, entity, f));
        List<Row> matching = new ArrayList<>();
        for (Row row : candidates) {
            if (predicate(entity).test(where, row)) {
                matching.add(row);
            }
        }
        return matching;
    }

    /** The columns of a query's result, in order. */
    static List<String> columns(DataModel model, Query query) {
        if (query.isAggregate()) {
            List<String> columns = QueryShape.columns(model, query);
            query.windows().forEach(w -> columns.add(w.as()));
            return columns;
        }
        List<String> columns = new ArrayList<>();
        if (!query.fields().isEmpty() || query.select().isEmpty()) {
            columns.addAll(QueryShape.columns(model, query));
            if (query.distinct()) {
                columns.retainAll(query.fields().isEmpty() ? columns : query.fields());
            }
        }
        for (Select s : query.select()) {
            columns.remove(s.alias());
            columns.add(s.alias());
        }
        if (!query.distinct() && !query.select().isEmpty() && query.fields().isEmpty()) {
            for (String k : QueryShape.keyFields(model.requireEntity(query.entity()))) {
                if (!columns.contains(k)) {
                    columns.add(k);
                }
            }
        }
        return columns;
    }

    private List<Row> plain(Query query, List<Row> matching, List<String> columns) {
        Entity entity = model.requireEntity(query.entity());
        List<Row> full = withSelected(query, matching);
        if (query.distinct()) {
            Set<List<Object>> seen = new HashSet<>();
            List<Row> distinct = new ArrayList<>();
            for (Row row : full) {
                Row projected = row.project(columns);
                List<Object> key = new ArrayList<>();
                columns.forEach(c -> key.add(Values.canonical(projected.valueOrNull(c))));
                if (seen.add(key)) {
                    distinct.add(projected);
                }
            }
            distinct.sort(RowOrder.of(query.orderBy(), columns));
            return limit(query, distinct);
        }
        full.sort(RowOrder.of(query.orderBy(), QueryShape.keyFields(entity)));
        List<Row> out = new ArrayList<>();
        for (Row row : limit(query, full)) {
            out.add(row.project(columns));
        }
        return out;
    }

    private List<Row> withSelected(Query query, List<Row> matching) {
        Entity entity = model.requireEntity(query.entity());
        List<Row> full = new ArrayList<>(matching.size());
        for (Row row : matching) {
            if (query.select().isEmpty()) {
                full.add(row);
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>(row.values());
            for (Select s : query.select()) {
                Object v = eval(entity.name(), s.expr(), row, null);
                if (v == null) {
                    values.remove(s.alias());
                } else {
                    values.put(s.alias(), v);
                }
            }
            full.add(new Row(values));
        }
        return full;
    }

    private List<Row> aggregate(Query query, List<Row> matching) {
        String entity = query.entity();
        Map<List<Object>, List<Row>> groups = new LinkedHashMap<>();
        if (query.groupBy().isEmpty()) {
            groups.put(List.of(), matching);
        } else {
            for (Row row : matching) {
                List<Object> key = new ArrayList<>();
                for (GroupBy g : query.groupBy()) {
                    key.add(groupValue(entity, g, row));
                }
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
            }
        }
        Map<String, FieldType> types = columnTypes(query);
        RowPredicate having = new RowPredicate(name -> Optional.ofNullable(types.get(name)), time,
                (filter, row) -> {
                    if (filter instanceof Test t) {
                        return test(entity, t, null, row);
                    }
                    throw new IllegalArgumentException("having compares columns only: " + filter);
                });
        List<Row> out = new ArrayList<>();
        groups.forEach((key, rows) -> {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < key.size(); i++) {
                put(values, query.groupBy().get(i).alias(), key.get(i));
            }
            for (Aggregate a : query.aggregates()) {
                put(values, a.alias(), aggregate(entity, a, rows, new Row(values)));
            }
            Row row = new Row(values);
            if (having.test(query.having(), row)) {
                out.add(row);
            }
        });
        List<String> tieBreak = query.groupBy().stream().map(GroupBy::alias).toList();
        List<Row> windowed = Windows.apply(query.windows(), out, tieBreak);
        windowed.sort(RowOrder.of(query.orderBy(), tieBreak));
        return limit(query, windowed);
    }

    private static void put(Map<String, Object> values, String name, Object v) {
        if (v != null) {
            values.put(name, v);
        }
    }

    /** The type of each column of an aggregate result where it is known, for {@code having}. */
    private Map<String, FieldType> columnTypes(Query query) {
        Map<String, FieldType> types = new HashMap<>();
        for (GroupBy g : query.groupBy()) {
            if (g.expr().isEmpty()) {
                FieldType t = FieldPath.require(model, query.entity(), g.field()).field().type();
                if (g.truncate().isPresent()) {
                    CalendarUnit u = g.truncate().get();
                    t = u == CalendarUnit.DAY || u == CalendarUnit.WEEK ? FieldType.DATE : FieldType.STRING;
                }
                types.put(g.alias(), t);
            }
        }
        for (Aggregate a : query.aggregates()) {
            if (a instanceof Aggregate.Of of && of.field().isPresent()
                    && (of.function() == AggregateFunction.MIN || of.function() == AggregateFunction.MAX)) {
                types.put(a.alias(), FieldPath.require(model, query.entity(), of.field().get()).field().type());
            } else if (!(a instanceof Aggregate.Computed c && (c.function() == AggregateFunction.MIN
                    || c.function() == AggregateFunction.MAX))) {
                types.put(a.alias(), FieldType.NUMBER);
            }
        }
        return types;
    }

    private Object groupValue(String entity, GroupBy g, Row row) {
        if (g.expr().isPresent()) {
            return Values.canonical(eval(entity, g.expr().get(), row, null));
        }
        Object v = value(FieldPath.require(model, entity, g.field()), row);
        if (g.truncate().isPresent()) {
            return Values.truncate(v, g.truncate().get()).orElse(null);
        }
        return Values.canonical(v);
    }

    private Object aggregate(String entity, Aggregate a, List<Row> rows, Row columns) {
        if (a instanceof Aggregate.Of of) {
            Optional<Expr> value = of.field().map(Expr.FieldRef::new);
            return compute(entity, of.function(), value, rows, Optional.empty());
        }
        if (a instanceof Aggregate.Measure m) {
            return measure(entity, model.measure(m.measure()).orElseThrow().expression(), rows);
        }
        if (a instanceof Aggregate.Computed c) {
            List<Row> counted = rows;
            if (c.where().isPresent()) {
                Optional<Filter> w = c.where().map(f -> FieldPath.onOwnFields(model, entity, f));
                counted = new ArrayList<>();
                for (Row row : rows) {
                    if (predicate(entity).test(w, row)) {
                        counted.add(row);
                    }
                }
            }
            return compute(entity, c.function(), c.value(), counted, c.percentile());
        }
        return eval(entity, ((Aggregate.Formula) a).formula(), null, columns);
    }

    private BigDecimal measure(String entity, MeasureExpression e, List<Row> rows) {
        if (e instanceof MeasureExpression.Aggregation agg) {
            List<Row> counted = new ArrayList<>();
            for (Row row : rows) {
                if (predicate(entity).test(agg.where(), row)) {
                    counted.add(row);
                }
            }
            Object v = compute(entity, agg.function(), agg.field().map(Expr.FieldRef::new), counted, Optional.empty());
            return v instanceof BigDecimal d ? d : null;
        }
        if (e instanceof MeasureExpression.Reference ref) {
            return measure(entity, model.measure(ref.measure()).orElseThrow().expression(), rows);
        }
        if (e instanceof MeasureExpression.Constant c) {
            return c.value();
        }
        MeasureExpression.Arithmetic ar = (MeasureExpression.Arithmetic) e;
        return Values.arithmetic(ar.operator(), measure(entity, ar.left(), rows), measure(entity, ar.right(), rows));
    }

    private Object compute(String entity, AggregateFunction fn, Optional<Expr> value, List<Row> rows,
                           Optional<BigDecimal> p) {
        if (fn == AggregateFunction.COUNT && value.isEmpty()) {
            return BigDecimal.valueOf(rows.size());
        }
        List<Object> values = new ArrayList<>();
        for (Row row : rows) {
            Object v = eval(entity, value.orElseThrow(), row, null);
            if (v != null) {
                values.add(v);
            }
        }
        return compute(fn, values, p);
    }

    /** An aggregate function over the present values. */
    static Object compute(AggregateFunction fn, List<Object> values, Optional<BigDecimal> p) {
        switch (fn) {
            case COUNT:
                return BigDecimal.valueOf(values.size());
            case COUNT_DISTINCT: {
                Set<Object> distinct = new HashSet<>();
                values.forEach(v -> distinct.add(Values.canonical(v)));
                return BigDecimal.valueOf(distinct.size());
            }
            case SUM:
            case AVG: {
                BigDecimal sum = null;
                long n = 0;
                for (Object v : values) {
                    if (v instanceof BigDecimal d) {
                        sum = sum == null ? d : sum.add(d);
                        n++;
                    }
                }
                return fn == AggregateFunction.SUM ? sum : Values.divide(sum, BigDecimal.valueOf(n));
            }
            case MIN: {
                Object min = null;
                for (Object v : values) {
                    min = Values.min(min, v);
                }
                return min;
            }
            case MAX: {
                Object max = null;
                for (Object v : values) {
                    max = Values.max(max, v);
                }
                return max;
            }
            default: {
                List<BigDecimal> numbers = new ArrayList<>();
                values.forEach(v -> {
                    if (v instanceof BigDecimal d) {
                        numbers.add(d);
                    }
                });
                return Values.percentile(numbers, fn == AggregateFunction.MEDIAN ? new BigDecimal("0.5") : p.orElseThrow());
            }
        }
    }

    /**
     * The value of an expression for one record of {@code entity} ({@code row}) or one result row
     * ({@code columns}, for {@link Expr.Column}); null when absent.
     */
    Object eval(String entity, Expr e, Row row, Row columns) {
        if (e instanceof Expr.FieldRef f) {
            return row == null ? (columns == null ? null : columns.valueOrNull(f.field()))
                    : value(FieldPath.require(model, entity, f.field()), row);
        }
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Today) {
            return time.today().toString();
        }
        if (e instanceof Expr.Column c) {
            return columns == null ? null : columns.valueOrNull(c.name());
        }
        if (e instanceof Expr.DatePart d) {
            return Values.datePart(eval(entity, d.of(), row, columns), d.part()).orElse(null);
        }
        if (e instanceof Expr.Truncate t) {
            return Values.truncate(eval(entity, t.of(), row, columns), t.unit()).orElse(null);
        }
        if (e instanceof Expr.Elapsed d) {
            return Values.elapsed(d.unit(), eval(entity, d.from(), row, columns), eval(entity, d.to(), row, columns))
                    .orElse(null);
        }
        if (e instanceof Expr.Arithmetic a) {
            Object l = eval(entity, a.left(), row, columns);
            Object r = eval(entity, a.right(), row, columns);
            return l instanceof BigDecimal x && r instanceof BigDecimal y ? Values.arithmetic(a.op(), x, y) : null;
        }
        if (e instanceof Expr.Coalesce c) {
            for (Expr v : c.values()) {
                Object x = eval(entity, v, row, columns);
                if (x != null) {
                    return x;
                }
            }
            return null;
        }
        if (e instanceof Expr.RelatedAggregate r) {
            return relatedAggregate(entity, r, row);
        }
        Query nested = ((Expr.Subquery) e).query();
        if (!subqueries.containsKey(nested)) {
            QueryResult result = run(nested);
            Object v = result.rows().isEmpty() ? null : result.rows().get(0).valueOrNull(result.columns().get(0));
            subqueries.put(nested, v);
        }
        return subqueries.get(nested);
    }

    private Object relatedAggregate(String entity, Expr.RelatedAggregate r, Row row) {
        if (row == null) {
            return null;
        }
        List<Row> at = List.of(row);
        String current = entity;
        for (String hop : r.via().split("\\.")) {
            Navigation nav = model.navigation(current, hop).orElseThrow(() -> new IllegalArgumentException(
                    "no relationship '" + hop + "'"));
            List<Row> next = new ArrayList<>();
            Set<Object> seen = new HashSet<>();
            for (Row from : at) {
                Object local = from.valueOrNull(nav.localField());
                if (local != null) {
                    for (Row to : related(nav, Values.canonical(local))) {
                        if (seen.add(keyOf(nav.to(), to))) {
                            next.add(to);
                        }
                    }
                }
            }
            at = next;
            current = nav.to();
        }
        String target = current;
        Optional<Filter> where = r.where().map(f -> FieldPath.onOwnFields(model, target, f));
        List<Row> kept = new ArrayList<>();
        for (Row x : at) {
            if (predicate(target).test(where, x)) {
                kept.add(x);
            }
        }
        return compute(target, r.function(), r.value(), kept, Optional.empty());
    }

    /** A record's identity for counting it once: its key values. */
    private List<Object> keyOf(String entity, Row row) {
        List<Object> key = new ArrayList<>();
        for (String k : QueryShape.keyFields(model.requireEntity(entity))) {
            key.add(Values.canonical(row.valueOrNull(k)));
        }
        return key;
    }

    /** The value of a field or path for one row; absent when a related record is missing. */
    private Object value(FieldPath path, Row row) {
        Row at = row;
        for (Navigation hop : path.hops()) {
            Object local = at.valueOrNull(hop.localField());
            if (local == null) {
                return null;
            }
            List<Row> found = related(hop, Values.canonical(local));
            if (found.isEmpty()) {
                return null;
            }
            at = found.get(0);
        }
        return at.valueOrNull(path.field().name());
    }

    /**
     * The records a relationship reaches for one key: through a many-to-one relationship, from the lookup of
     * the keys of every row held with it when the data chose one; else from the related entity read whole
     * (also for rows outside those held, such as the rows of a nested query).
     */
    private List<Row> related(Navigation hop, Object key) {
        Map<Object, List<Row>> looked = lookups(hop);
        List<Row> found = looked == null ? null : looked.get(key);
        return found != null ? found : index(hop.to(), hop.remoteField()).getOrDefault(key, List.of());
    }

    private Map<Object, List<Row>> lookups(Navigation hop) {
        String id = hop.from() + "\u0000" + hop.name();
        if (lookups.containsKey(id)) {
            return lookups.get(id);
        }
        Map<Object, List<Row>> byKey = null;
        List<Row> population = populations.get(hop.from());
        if (!hop.toMany() && population != null && !indexes.containsKey(hop.to() + "\u0000" + hop.remoteField())) {
            Set<Object> keys = new LinkedHashSet<>();
            for (Row r : population) {
                Object k = Values.canonical(r.valueOrNull(hop.localField()));
                if (k != null) {
                    keys.add(k);
                }
            }
            Optional<List<Row>> found = data.lookup(hop, keys);
            if (found.isPresent()) {
                byKey = new HashMap<>();
                for (Object k : keys) {
                    byKey.put(k, new ArrayList<>());
                }
                for (Row r : found.get()) {
                    List<Row> at = byKey.get(Values.canonical(r.valueOrNull(hop.remoteField())));
                    if (at != null) {
                        at.add(r);
                    }
                }
                populations.putIfAbsent(hop.to(), found.get());
            }
        }
        lookups.put(id, byKey);
        return byKey;
    }

    private Map<Object, List<Row>> index(String entity, String field) {
        return indexes.computeIfAbsent(entity + "\u0000" + field, k -> {
            Map<Object, List<Row>> index = new HashMap<>();
            for (Row r : data.rows(entity)) {
                Object v = r.valueOrNull(field);
                if (v != null) {
                    index.computeIfAbsent(Values.canonical(v), x -> new ArrayList<>()).add(r);
                }
            }
            return index;
        });
    }

    RowPredicate predicate(String entity) {
        return predicates.computeIfAbsent(entity, e -> new RowPredicate(
                name -> model.requireEntity(e).field(name).map(Field::type), time,
                (filter, row) -> extension(e, filter, row)));
    }

    private boolean extension(String entity, Filter filter, Row row) {
        if (filter instanceof RuleRef ref) {
            return predicate(entity).test(FieldPath.onOwnFields(model, entity,
                    model.expandRule(ref.rule(), ref.args())), row);
        }
        if (filter instanceof Test t) {
            return test(entity, t, row, null);
        }
        Related related = (Related) filter;
        Navigation nav = model.navigation(entity, related.via()).orElseThrow(() -> new IllegalArgumentException(
                "entity '" + entity + "' has no relationship '" + related.via() + "'"));
        Object local = row.valueOrNull(nav.localField());
        long count = 0;
        if (local != null) {
            for (Row r : related(nav, Values.canonical(local))) {
                if (predicate(nav.to()).test(related.where(), r)) {
                    count++;
                }
            }
        }
        return related.count().test(count);
    }

    /** A test between computed values, with the comparison semantics of {@link RowPredicate}. */
    private boolean test(String entity, Test t, Row row, Row columns) {
        Object left = eval(entity, t.left(), row, columns);
        if (t.op() == Operator.IS_NULL) {
            return left == null;
        }
        List<Object> right = new ArrayList<>();
        for (Expr e : t.right()) {
            Object v = eval(entity, e, row, columns);
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
        return new RowPredicate(name -> Optional.empty(), time, null).test(c, new Row(Map.of("value", left)));
    }

    private List<Row> limit(Query query, List<Row> rows) {
        int n = query.limit().orElse(Integer.MAX_VALUE);
        return rows.size() <= n ? rows : new ArrayList<>(rows.subList(0, n));
    }
}
