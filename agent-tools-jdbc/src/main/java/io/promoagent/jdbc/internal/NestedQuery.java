package io.promoagent.jdbc.internal;

import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Select;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Visibility;
import io.promoagent.schema.source.PushedQuery;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of a nested query ({@code {"query": {...}}} in an expression): its first row's first column, as
 * an uncorrelated scalar subquery, {@code (SELECT "c0" FROM (nested statement) LIMIT 1)}. Compiled only when
 * the nested statement computes that value itself (no average, formula or window finished in memory), so
 * that the whole query stays one statement; otherwise declined.
 */
final class NestedQuery {

    private NestedQuery() {
    }

    static SqlValue compile(Mapping mapping, QueryContext context, Query nested) {
        List<String> columns = columns(mapping, nested);
        PushedQuery pushed = new PushedQuery(mapping.model(), nested,
                nested.where().map(w -> context.preparation().prepare(nested.entity(), w)), columns,
                context.preparation(), context.today());
        KnownConstructs.check(nested);
        Compiled c = nested.isAggregate() ? AggregateSelect.compile(mapping, pushed) : PlainSelect.compile(mapping, pushed);
        if (!c.notes().isEmpty() || c.outputs().isEmpty() || !c.outputs().get(0).name().equals(first(nested, columns))) {
            throw new Unsupported("a nested query finished in memory");
        }
        Output o = c.outputs().get(0);
        return new SqlValue(new Sql().append("(SELECT nested.\"c0\" FROM (").append(c.sql()).append(") AS nested LIMIT 1)"),
                o.dbType(), o.fieldType());
    }

    /** The name of the nested query's first result column (an aggregate's outputs are named c0, c1, ...). */
    private static String first(Query nested, List<String> columns) {
        return nested.isAggregate() ? "c0" : columns.get(0);
    }

    /** The result's columns as the reference evaluator lists them. */
    private static List<String> columns(Mapping mapping, Query q) {
        List<String> columns = new ArrayList<>();
        if (q.isAggregate()) {
            q.groupBy().forEach(g -> columns.add(g.alias()));
            q.aggregates().forEach(a -> columns.add(a.alias()));
            q.windows().forEach(w -> columns.add(w.as()));
            if (columns.isEmpty()) {
                throw new Unsupported("an aggregate query without columns");
            }
            return columns;
        }
        Entity entity = mapping.model().requireEntity(q.entity());
        List<String> keys = new ArrayList<>();
        keys.add(entity.key().partition());
        entity.key().sort().ifPresent(keys::add);
        if (!q.fields().isEmpty() || q.select().isEmpty()) {
            if (q.fields().isEmpty()) {
                entity.fields().stream().filter(f -> f.visibility() != Visibility.HIDDEN).map(Field::name).forEach(columns::add);
            } else {
                q.fields().stream().filter(f -> !columns.contains(f)).forEach(columns::add);
            }
            keys.stream().filter(k -> !columns.contains(k)).forEach(columns::add);
            if (q.distinct() && !q.fields().isEmpty()) {
                columns.retainAll(q.fields());
            }
        }
        for (Select s : q.select()) {
            columns.remove(s.alias());
            columns.add(s.alias());
        }
        if (!q.distinct() && !q.select().isEmpty() && q.fields().isEmpty()) {
            keys.stream().filter(k -> !columns.contains(k)).forEach(columns::add);
        }
        if (columns.isEmpty()) {
            throw new Unsupported("a query without columns");
        }
        return columns;
    }
}
