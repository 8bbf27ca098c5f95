package io.promoagent.schema.engine;

import io.promoagent.schema.eval.RowOrder;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a query that returns records, streaming them through {@link OrderedOutput}: without an order each
 * row is handed on as read, and with a limit reading stops after {@code limit} matching rows, which may then
 * be any of the matching rows; with an order and a limit only the best {@code limit} rows are held; with an
 * order and no limit all of them, to sort.
 */
final class PlainQuery {

    private PlainQuery() {
    }

    /**
     * Hands the answer's rows to {@code sink}; returns how many. Without an order they come in the order read
     * (the caller sorts by key if it needs to), with an order in that order, key fields breaking ties.
     */
    static long run(Execution ex, Query query, Optional<Filter> where, List<String> columns, Consumer<? super Row> sink) {
        Entity entity = ex.model.requireEntity(query.entity());
        Optional<Comparator<Row>> order = query.orderBy().isEmpty() ? Optional.empty()
                : Optional.of(RowOrder.of(query.orderBy(), QueryShape.keyFields(entity)));
        OrderedOutput out = new OrderedOutput(order, query.limit().orElse(-1), columns, sink);
        if (!out.wants()) {
            return 0;
        }
        try (RowStream rows = ex.reader.open(entity.name(), entity, where, fields(query, columns), pushedLimit(query))) {
            while (out.wants() && rows.hasNext()) {
                out.accept(rows.next());
            }
        }
        return out.finish();
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
