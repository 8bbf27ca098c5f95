package io.promoagent.schema.engine;

import io.promoagent.schema.eval.RowOrder;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.time.TimeResolver;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.InvalidQueryException;
import io.promoagent.schema.validate.QueryError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a query that uses constructs of query IR 2.0 ({@link Extensions#uses}): the query entity's rows
 * are read with every top-level condition a source can evaluate pushed to it (related-record conditions
 * as semi-joins, as for any query); the records its many-to-one paths reach are looked up by key when
 * that is cheaper ({@link #lookup}); the entities its other paths, related aggregates and nested queries
 * reach are read whole; {@link InMemoryEvaluation} computes the rest in memory.
 *
 * <p>A row-local query ({@link RowLocal}: conditions and selected values over the record and its many-to-one
 * records, such as "orders whose date is their customer's last order date, with the customer's name") is
 * evaluated a chunk of rows at a time (1,000 by default), so it holds one chunk and what that chunk looks
 * up. Any other query holds every row it reads, bounded by a row limit
 * ({@link QueryEngine.Builder#inMemoryRowLimit}, 200,000 rows by default) over all rows it holds at once:
 * beyond it the query fails with {@code too_many_rows} rather than exhaust the heap. Windows and medians
 * need the grouped result and the values of a group, which this holds within that bound.
 */
final class InMemoryQuery {

    private final Execution ex;
    private final TimeResolver time;
    private final int rowLimit;
    private final int chunkSize;
    private final Map<String, List<Row>> loaded = new HashMap<>();
    private final Map<String, OptionalLong> estimates = new HashMap<>();
    private final Map<String, Map<Object, Optional<Row>>> recent = new HashMap<>();
    private long held;
    private long keptWhole;

    InMemoryQuery(Execution ex, TimeResolver time, int rowLimit, int chunkSize) {
        this.ex = ex;
        this.time = time;
        this.rowLimit = rowLimit;
        this.chunkSize = chunkSize;
    }

    /**
     * Hands the answer's rows to {@code sink}; returns how many. A row-local query without an order hands them
     * on in the order read ({@link #inReadOrder}), any other in the query's order, or by key.
     */
    long run(Query query, Consumer<? super Row> sink) {
        if (inChunks(query)) {
            return chunked(query, sink);
        }
        Entity entity = ex.model.requireEntity(query.entity());
        List<Row> candidates = new ArrayList<>();
        try (RowStream rows = ex.reader.open(entity.name(), entity, pushed(query), fields(entity), OptionalInt.empty())) {
            while (rows.hasNext()) {
                candidates.add(rows.next());
                hold(1);
            }
        }
        List<Row> answer = evaluation().run(query, candidates).rows();
        answer.forEach(sink);
        return answer.size();
    }

    /** Whether {@link #run} hands the rows of {@code query} on in the order read rather than sorted. */
    boolean inReadOrder(Query query) {
        return inChunks(query) && query.orderBy().isEmpty() && query.limit().isEmpty();
    }

    private boolean inChunks(Query query) {
        return RowLocal.holds(ex.model, query);
    }

    /**
     * A row-local query ({@link RowLocal}), a chunk of candidates at a time: the chunk's many-to-one records
     * are looked up, the chunk evaluated and its rows handed on, then the chunk and its records are let go.
     * Memory is then one chunk and its records, plus the rows an order keeps ({@link OrderedOutput}).
     */
    private long chunked(Query query, Consumer<? super Row> sink) {
        Entity entity = ex.model.requireEntity(query.entity());
        // without an order the whole evaluation keeps the first rows by key under a limit: so does this
        Optional<Comparator<Row>> order = query.orderBy().isEmpty() && query.limit().isEmpty() ? Optional.empty()
                : Optional.of(RowOrder.of(query.orderBy(), QueryShape.keyFields(entity)));
        OrderedOutput out = new OrderedOutput(order, query.limit().orElse(-1),
                InMemoryEvaluation.columns(ex.model, query), sink);
        try (RowStream rows = ex.reader.open(entity.name(), entity, pushed(query), fields(entity), OptionalInt.empty())) {
            List<Row> chunk = new ArrayList<>();
            while (rows.hasNext()) {
                chunk.add(rows.next());
                if (chunk.size() == chunkSize || !rows.hasNext()) {
                    held = keptWhole;
                    hold(chunk.size());
                    evaluation().selected(query, chunk).forEach(out::accept);
                    chunk.clear();
                }
            }
        }
        return out.finish();
    }

    /** An evaluation over the rows this query reads; one per chunk, so that what it looks up goes with it. */
    private InMemoryEvaluation evaluation() {
        return new InMemoryEvaluation(ex.model, time, new InMemoryEvaluation.Data() {
            @Override
            public List<Row> rows(String name) {
                return InMemoryQuery.this.rows(name);
            }

            @Override
            public Optional<List<Row>> lookup(Navigation nav, Set<Object> keys) {
                return InMemoryQuery.this.lookup(nav, keys);
            }
        });
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
                keptWhole++;
            }
        } finally {
            ex.closed(cursor);
        }
        loaded.put(name, rows);
        return rows;
    }

    /**
     * The records a many-to-one relationship reaches from {@code keys}, looked up by {@code key in (...)} in
     * batches (DynamoDB serves them with BatchGetItem, PostgreSQL with {@code = ANY}), when that reads fewer
     * records than reading the entity whole by its source's estimate, or, without an estimate, when the
     * related entity lives in another source than the rows it is reached from; else empty, and the entity is
     * read whole (once, for every relationship to it).
     */
    private Optional<List<Row>> lookup(Navigation nav, Set<Object> keys) {
        Entity to = ex.model.requireEntity(nav.to());
        if (loaded.containsKey(to.name()) || !QueryShape.keyFields(to).equals(List.of(nav.remoteField()))) {
            return Optional.empty();
        }
        // asked once per entity, not once per chunk
        OptionalLong whole = estimates.computeIfAbsent(to.name(), k -> ex.source(to).explain(new SourceQuery(to,
                Optional.empty(), fields(to), OptionalInt.empty())).estimatedRows());
        boolean elsewhere = !to.source().equals(ex.model.requireEntity(nav.from()).source());
        if (whole.isPresent() ? keys.size() >= whole.getAsLong() : !elsewhere) {
            return Optional.empty();
        }
        // the records the last chunks looked up, kept for the next: rows of one record (orders of one customer)
        // often fall in several chunks
        Map<Object, Optional<Row>> known = recent.computeIfAbsent(nav.from() + "\u0000" + nav.name(),
                k -> new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<Object, Optional<Row>> eldest) {
                        return size() > chunkSize;
                    }
                });
        List<Row> found = new ArrayList<>();
        List<Object> all = new ArrayList<>();
        for (Object key : keys) {
            Optional<Row> seen = known.get(key);
            if (seen == null) {
                all.add(key);
            } else {
                seen.ifPresent(found::add);
            }
        }
        List<String> notes = List.of("lookup of " + nav.name() + " for the engine's in-memory evaluation, "
                + keys.size() + " keys in batches of at most " + ex.lookupBatchSize
                + (keys.size() <= chunkSize ? " (per chunk of at most " + chunkSize + " rows read; the last "
                + chunkSize + " records looked up are kept for the next chunk)" : ""));
        for (int from = 0; from < all.size(); from += ex.lookupBatchSize) {
            List<Object> batch = new ArrayList<>(all.subList(from, Math.min(all.size(), from + ex.lookupBatchSize)));
            batch.sort(Values::compare);
            SourceCursor cursor = ex.openBatch("in-memory/" + nav.from() + "." + nav.name(), new SourceQuery(to,
                    Optional.of(new Compare(nav.remoteField(), Operator.IN, batch, false)), fields(to),
                    OptionalInt.empty()), notes);
            try {
                while (cursor.hasNext()) {
                    Row row = cursor.next();
                    found.add(row);
                    known.put(Values.canonical(row.valueOrNull(nav.remoteField())), Optional.of(row));
                }
            } finally {
                ex.closed(cursor);
            }
            for (Object key : batch) {
                known.putIfAbsent(key, Optional.empty());
            }
        }
        hold(found.size());
        return Optional.of(found);
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
