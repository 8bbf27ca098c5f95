package io.promoagent.schema.engine;

import io.promoagent.schema.eval.RowOrder;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Runs a query that returns records. With an order and a limit it keeps only the best {@code limit}
 * rows seen so far (a bounded heap); with a limit and no order it stops reading after {@code limit}
 * matching rows, which may then be any of the matching rows; without a limit it returns them all,
 * ordered (by the key when no order is given).
 */
final class PlainQuery {

    private PlainQuery() {
    }

    static List<Row> run(Execution ex, Query query, Optional<Filter> where, List<String> columns) {
        Entity entity = ex.model.requireEntity(query.entity());
        Comparator<Row> order = RowOrder.of(query.orderBy(), QueryShape.keyFields(entity));
        int limit = query.limit().orElse(-1);
        if (limit == 0) {
            return List.of();
        }
        List<Row> kept = new ArrayList<>();
        try (RowStream rows = ex.reader.open(entity.name(), entity, where, fields(query, columns), pushedLimit(query))) {
            if (limit < 0 || query.orderBy().isEmpty()) {
                while (rows.hasNext() && (limit < 0 || kept.size() < limit)) {
                    kept.add(rows.next());
                }
            } else {
                PriorityQueue<Row> best = new PriorityQueue<>(limit + 1, order.reversed());
                while (rows.hasNext()) {
                    best.add(rows.next());
                    if (best.size() > limit) {
                        best.poll();
                    }
                }
                kept.addAll(best);
            }
        }
        kept.sort(order);
        List<Row> out = new ArrayList<>(kept.size());
        kept.forEach(r -> out.add(r.project(columns)));
        return out;
    }

    static void explain(Execution ex, Query query, Optional<Filter> where, List<String> columns) {
        Entity entity = ex.model.requireEntity(query.entity());
        ex.reader.explain(entity.name(), entity, where, fields(query, columns), pushedLimit(query));
    }

    /** A limit is passed on only when the source's first rows are the answer: no order to apply first. */
    private static OptionalInt pushedLimit(Query query) {
        return query.orderBy().isEmpty() ? query.limit() : OptionalInt.empty();
    }

    private static Set<String> fields(Query query, List<String> columns) {
        Set<String> fields = new LinkedHashSet<>(columns);
        query.orderBy().stream().map(OrderBy::by).forEach(fields::add);
        return fields;
    }
}
