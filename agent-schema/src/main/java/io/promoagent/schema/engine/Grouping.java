package io.promoagent.schema.engine;

import io.promoagent.schema.eval.RowOrder;
import io.promoagent.schema.eval.RowPredicate;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.time.TimeResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The groups of an aggregate query, fed one row at a time: memory grows with the number of groups, not
 * with the number of rows. {@link #rows} applies having, order and limit to the finished groups.
 */
final class Grouping {

    private final Query query;
    private final AggregatePlan plan;
    private final PathLookup lookup;
    private final RowPredicate predicate;
    private final Map<List<Object>, Accumulator[]> groups = new HashMap<>();

    Grouping(Query query, AggregatePlan plan, PathLookup lookup, RowPredicate predicate) {
        this.query = query;
        this.plan = plan;
        this.lookup = lookup;
        this.predicate = predicate;
    }

    void add(Row row) {
        List<Object> key = new ArrayList<>(plan.groupPaths.size());
        for (int i = 0; i < plan.groupPaths.size(); i++) {
            key.add(key(query.groupBy().get(i), lookup.value(row, plan.groupPaths.get(i))));
        }
        Accumulator[] accs = group(key);
        for (int i = 0; i < accs.length; i++) {
            AggregatePlan.Leaf leaf = plan.leaves.get(i);
            if (leaf.where().isEmpty() || predicate.test(leaf.where().get(), row)) {
                accs[i].add(leaf.field().map(p -> lookup.value(row, p)).orElse(null));
            }
        }
    }

    /** A group key's value for a field's value: truncated to its calendar unit, or canonical. */
    static Object key(GroupBy g, Object v) {
        return g.truncate().isPresent() ? Values.truncate(v, g.truncate().get()).orElse(null) : Values.canonical(v);
    }

    /** The accumulators of the group with {@code key}, created empty the first time. */
    Accumulator[] group(List<Object> key) {
        return groups.computeIfAbsent(key, k -> plan.newAccumulators());
    }

    /** The result rows: one per group (exactly one when there are no group keys), filtered, ordered, limited. */
    List<Row> rows(DataModel model, TimeResolver time) {
        if (plan.groupPaths.isEmpty() && groups.isEmpty()) {
            groups.put(new ArrayList<>(), plan.newAccumulators());
        }
        Map<String, FieldType> types = QueryShape.aggregateTypes(model, query);
        RowPredicate having = new RowPredicate(name -> Optional.ofNullable(types.get(name)), time, null);
        List<Row> out = new ArrayList<>();
        groups.forEach((key, accs) -> {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < key.size(); i++) {
                values.put(query.groupBy().get(i).alias(), key.get(i));
            }
            for (int i = 0; i < query.aggregates().size(); i++) {
                values.put(query.aggregates().get(i).alias(), plan.output(i, accs));
            }
            Row row = new Row(values);
            if (having.test(query.having(), row)) {
                out.add(row);
            }
        });
        out.sort(RowOrder.of(query.orderBy(), query.groupBy().stream().map(GroupBy::alias).toList()));
        int n = query.limit().orElse(Integer.MAX_VALUE);
        return out.size() <= n ? out : new ArrayList<>(out.subList(0, n));
    }
}
