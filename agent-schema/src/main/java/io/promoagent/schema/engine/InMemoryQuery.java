package io.promoagent.schema.engine;

import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.time.TimeResolver;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.InvalidQueryException;
import io.promoagent.schema.validate.QueryError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Runs a query that uses constructs of query IR 2.0 ({@link Extensions#uses}): the query entity's rows
 * are read with every top-level condition a source can evaluate pushed to it (related-record conditions
 * as semi-joins, as for any query); the entities its paths, related aggregates and nested queries reach
 * are read whole; {@link InMemoryEvaluation} computes the rest in memory.
 *
 * <p>Memory is bounded by a row limit ({@link QueryEngine.Builder#inMemoryRowLimit}, 200,000 rows by
 * default) over all rows it holds: beyond it the query fails with {@code too_many_rows} rather than
 * exhaust the heap. Windows and medians need the grouped result and the values of a group, which this
 * holds within that bound.
 */
final class InMemoryQuery {

    private final Execution ex;
    private final TimeResolver time;
    private final int rowLimit;
    private final Map<String, List<Row>> loaded = new HashMap<>();
    private long held;

    InMemoryQuery(Execution ex, TimeResolver time, int rowLimit) {
        this.ex = ex;
        this.time = time;
        this.rowLimit = rowLimit;
    }

    QueryResult run(Query query) {
        Entity entity = ex.model.requireEntity(query.entity());
        List<Row> candidates = new ArrayList<>();
        try (RowStream rows = ex.reader.open(entity.name(), entity, pushed(query), fields(entity), OptionalInt.empty())) {
            while (rows.hasNext()) {
                candidates.add(rows.next());
                hold(1);
            }
        }
        return new InMemoryEvaluation(ex.model, time, this::rows).run(query, candidates);
    }

    void explain(Query query) {
        Entity entity = ex.model.requireEntity(query.entity());
        ex.reader.explain(entity.name(), entity, pushed(query), fields(entity), OptionalInt.empty());
    }

    /** The top-level conditions a source can evaluate, prepared. */
    private Optional<Filter> pushed(Query query) {
        List<Filter> pure = new ArrayList<>();
        for (Filter c : Filters.conjuncts(query.where())) {
            if (!Extensions.engineOnly(ex.model, c)) {
                pure.add(c);
            }
        }
        return ex.preparation.prepare(query.entity(), Filters.and(pure));
    }

    private static List<String> fields(Entity entity) {
        return entity.fields().stream().map(Field::name).toList();
    }

    /** Every row of an entity, read once per execution. */
    private List<Row> rows(String name) {
        List<Row> known = loaded.get(name);
        if (known != null) {
            return known;
        }
        Entity entity = ex.model.requireEntity(name);
        List<Row> rows = new ArrayList<>();
        SourceCursor cursor = ex.open("in-memory/" + name, new SourceQuery(entity, Optional.empty(), fields(entity),
                OptionalInt.empty()), List.of("read whole: the engine computes this query's expressions in memory"));
        try {
            while (cursor.hasNext()) {
                rows.add(cursor.next());
                hold(1);
            }
        } finally {
            ex.closed(cursor);
        }
        loaded.put(name, rows);
        return rows;
    }

    private void hold(int n) {
        held += n;
        if (held > rowLimit) {
            throw new InvalidQueryException(QueryError.of(ErrorCode.TOO_MANY_ROWS, "$",
                    "this query needs more than " + rowLimit + " records in memory (it uses expressions, windows, "
                            + "medians or nested queries, which the engine computes itself); narrow it with where"));
        }
    }
}
