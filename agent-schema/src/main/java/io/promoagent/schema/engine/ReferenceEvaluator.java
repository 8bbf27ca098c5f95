package io.promoagent.schema.engine;

import io.promoagent.schema.eval.RowOrder;
import io.promoagent.schema.eval.FieldPath;
import io.promoagent.schema.eval.RowPredicate;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.MeasureExpression;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.time.TimeResolver;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates a query over rows held in memory in the simplest way that is obviously right: every filter
 * row by row, related records by nested loops, groups as lists. It is the oracle that the query engine
 * and every source compiler are tested against, not a way to run queries in production.
 *
 * <p>The semantics are those of {@link RowPredicate} (filters), {@link Values} (order, equality,
 * arithmetic), {@code QueryShape} (columns) and {@code RowOrder} (order). Aggregates: {@code count} counts
 * rows; {@code count_distinct} counts distinct non-absent values; {@code sum}, {@code avg}, {@code min}
 * and {@code max} use the non-absent values and give no value over none; a query with aggregates and no
 * group keys returns exactly one row. A group key read through a relationship is absent when the related
 * record is missing; a condition on a field read through a relationship holds when a related record
 * meets it ({@link FieldPath#onOwnFields}). The query is expected to be valid for the model.
 */
public final class ReferenceEvaluator {

    private final DataModel model;
    private final Clock clock;
    private final ZoneId zone;

    /** An evaluator whose "today" is the clock's date in UTC. */
    public ReferenceEvaluator(DataModel model, Clock clock) {
        this(model, clock, ZoneOffset.UTC);
    }

    public ReferenceEvaluator(DataModel model, Clock clock, ZoneId zone) {
        this.model = model;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * The result of {@code query} over {@code dataset} (entity name to its rows; a missing entity has no
     * rows). The result has no statistics and no explanations.
     */
    public QueryResult evaluate(Query query, Map<String, List<Row>> dataset) {
        TimeResolver time = TimeResolver.fixed(new TimeResolver(clock, zone).today());
        if (Extensions.uses(model, query)) {
            return new InMemoryEvaluation(model, time,
                    entity -> dataset.getOrDefault(entity, List.of())).run(query);
        }
        return new Evaluation(dataset, time).run(query);
    }

    /** The state of one evaluation: the data and one fixed "today". */
    private final class Evaluation {
        private final Map<String, List<Row>> dataset;
        private final TimeResolver time;
        private final Map<String, RowPredicate> predicates = new HashMap<>();
        private final Map<String, Map<Object, List<Row>>> indexes = new HashMap<>();

        Evaluation(Map<String, List<Row>> dataset, TimeResolver time) {
            this.dataset = dataset;
            this.time = time;
        }

        QueryResult run(Query query) {
            Optional<Filter> where = query.where().map(f -> FieldPath.onOwnFields(model, query.entity(), f));
            List<Row> matching = new ArrayList<>();
            for (Row row : rows(query.entity())) {
                if (matches(query.entity(), where, row)) {
                    matching.add(row);
                }
            }
            List<String> columns = QueryShape.columns(model, query);
            List<Row> result = query.isAggregate() ? aggregate(query, matching) : plain(query, matching, columns);
            return new QueryResult(query.entity(), columns, result, ExecutionStats.NONE, List.of());
        }

        private List<Row> plain(Query query, List<Row> matching, List<String> columns) {
            List<Row> sorted = new ArrayList<>(matching);
            sorted.sort(RowOrder.of(query.orderBy(), QueryShape.keyFields(model.requireEntity(query.entity()))));
            List<Row> out = new ArrayList<>();
            for (Row row : limit(query, sorted)) {
                out.add(row.project(columns));
            }
            return out;
        }

        private List<Row> aggregate(Query query, List<Row> matching) {
            Map<List<Object>, List<Row>> groups = new LinkedHashMap<>();
            if (query.groupBy().isEmpty()) {
                groups.put(List.of(), matching);
            } else {
                for (Row row : matching) {
                    List<Object> key = new ArrayList<>();
                    for (GroupBy g : query.groupBy()) {
                        key.add(groupValue(query.entity(), g, row));
                    }
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
                }
            }
            Map<String, FieldType> types = QueryShape.aggregateTypes(model, query);
            RowPredicate having = new RowPredicate(name -> Optional.ofNullable(types.get(name)), time, null);
            List<Row> out = new ArrayList<>();
            groups.forEach((key, rows) -> {
                Map<String, Object> values = new LinkedHashMap<>();
                for (int i = 0; i < key.size(); i++) {
                    values.put(query.groupBy().get(i).alias(), key.get(i));
                }
                for (Aggregate a : query.aggregates()) {
                    values.put(a.alias(), aggregate(query.entity(), a, rows));
                }
                Row row = new Row(values);
                if (having.test(query.having(), row)) {
                    out.add(row);
                }
            });
            List<String> tieBreak = query.groupBy().stream().map(GroupBy::alias).toList();
            out.sort(RowOrder.of(query.orderBy(), tieBreak));
            return limit(query, out);
        }

        private Object groupValue(String entity, GroupBy g, Row row) {
            Object v = value(FieldPath.require(model, entity, g.field()), row);
            if (g.truncate().isPresent()) {
                return Values.truncate(v, g.truncate().get()).orElse(null);
            }
            return Values.canonical(v);
        }

        private Object aggregate(String entity, Aggregate a, List<Row> rows) {
            if (a instanceof Aggregate.Of of) {
                FieldPath field = of.field().map(f -> FieldPath.require(model, entity, f)).orElse(null);
                return compute(of.function(), field, rows);
            }
            Measure m = model.measure(((Aggregate.Measure) a).measure()).orElseThrow();
            return measure(entity, m.expression(), rows);
        }

        private BigDecimal measure(String entity, MeasureExpression e, List<Row> rows) {
            if (e instanceof MeasureExpression.Aggregation agg) {
                List<Row> counted = new ArrayList<>();
                for (Row row : rows) {
                    if (matches(entity, agg.where(), row)) {
                        counted.add(row);
                    }
                }
                FieldPath field = agg.field().map(f -> FieldPath.require(model, entity, f)).orElse(null);
                Object v = compute(agg.function(), field, counted);
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

        private Object compute(AggregateFunction fn, FieldPath field, List<Row> rows) {
            if (fn == AggregateFunction.COUNT) {
                return BigDecimal.valueOf(rows.size());
            }
            List<Object> values = new ArrayList<>();
            for (Row row : rows) {
                Object v = value(field, row);
                if (v != null) {
                    values.add(v);
                }
            }
            return InMemoryEvaluation.compute(fn, values, Optional.empty());
        }

        /** The value of a field or path for one row; absent when a related record is missing. */
        private Object value(FieldPath path, Row row) {
            Row at = row;
            for (Navigation hop : path.hops()) {
                Object local = at.valueOrNull(hop.localField());
                at = local == null ? null : first(hop.to(), hop.remoteField(), local);
                if (at == null) {
                    return null;
                }
            }
            return at.valueOrNull(path.field().name());
        }

        private Row first(String entity, String field, Object value) {
            List<Row> found = withValue(entity, field, value);
            return found.isEmpty() ? null : found.get(0);
        }

        /**
         * The rows of {@code entity} whose {@code field} is the same value ({@link Values#same}), in the
         * dataset's order: through an index built once per entity and field, so that following a relationship
         * costs a lookup instead of a pass over the related entity (canonical values are equal exactly when
         * {@code same} holds; an absent value is the same as nothing).
         */
        private List<Row> withValue(String entity, String field, Object value) {
            if (value == null) {
                return List.of();
            }
            Map<Object, List<Row>> byValue = indexes.computeIfAbsent(entity + "\u0000" + field, k -> {
                Map<Object, List<Row>> index = new HashMap<>();
                for (Row r : rows(entity)) {
                    Object v = r.valueOrNull(field);
                    if (v != null) {
                        index.computeIfAbsent(Values.canonical(v), x -> new ArrayList<>()).add(r);
                    }
                }
                return index;
            });
            return byValue.getOrDefault(Values.canonical(value), List.of());
        }

        private boolean matches(String entity, Optional<Filter> filter, Row row) {
            return predicate(entity).test(filter, row);
        }

        private RowPredicate predicate(String entity) {
            return predicates.computeIfAbsent(entity, e -> new RowPredicate(
                    name -> model.requireEntity(e).field(name).map(Field::type), time,
                    (filter, row) -> extension(e, filter, row)));
        }

        private boolean extension(String entity, Filter filter, Row row) {
            if (filter instanceof RuleRef ref) {
                return predicate(entity).test(model.expandRule(ref.rule(), ref.args()), row);
            }
            Related related = (Related) filter;
            Navigation nav = model.navigation(entity, related.via()).orElseThrow(() -> new IllegalArgumentException(
                    "entity '" + entity + "' has no relationship '" + related.via() + "'"));
            Object local = row.valueOrNull(nav.localField());
            long count = 0;
            for (Row r : withValue(nav.to(), nav.remoteField(), local)) {
                if (matches(nav.to(), related.where(), r)) {
                    count++;
                }
            }
            return related.count().test(count);
        }

        private List<Row> rows(String entity) {
            return dataset.getOrDefault(entity, List.of());
        }

        private List<Row> limit(Query query, List<Row> rows) {
            int n = query.limit().orElse(Integer.MAX_VALUE);
            return rows.size() <= n ? rows : rows.subList(0, n);
        }
    }
}
