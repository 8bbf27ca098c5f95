package io.promoagent.schema.memory;

import io.promoagent.schema.eval.RowPredicate;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.DistinctKeySource;
import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * A data source over rows held in lists, one per entity: for tests, demos and small reference tables.
 *
 * <p>Every query is a scan of the entity's list, filtered with the same predicate as the reference
 * evaluator; each {@link #open} counts as one call, every row looked at as scanned and every row handed
 * out as returned. Rows are read lazily, so a cursor closed early scans less. A distinct read
 * ({@link DistinctKeySource}) collects the values of the matching rows first and hands them out in order.
 */
public final class InMemoryDataSource implements DistinctKeySource {

    private final String id;
    private final Map<String, List<Row>> rows;

    /**
     * @param id   the id of the data model's source this serves
     * @param rows the rows of each entity it holds, by entity name
     */
    public InMemoryDataSource(String id, Map<String, List<Row>> rows) {
        this.id = Objects.requireNonNull(id, "id");
        Map<String, List<Row>> copy = new LinkedHashMap<>();
        rows.forEach((entity, list) -> copy.put(entity, List.copyOf(list)));
        this.rows = java.util.Collections.unmodifiableMap(copy);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SourceCursor open(SourceQuery query) {
        List<Row> list = table(query.entity());
        query.filter().ifPresent(InMemoryDataSource::checkResolved);
        return new ScanCursor(query, list, explain(query));
    }

    @Override
    public Explanation explain(SourceQuery query) {
        List<Row> list = table(query.entity());
        String filter = query.filter().map(QueryJson::write).orElse("");
        List<String> notes = new java.util.ArrayList<>();
        notes.add(list.size() + " rows held in memory");
        if (!query.fields().isEmpty()) {
            notes.add("fields: " + String.join(", ", query.fields()));
        }
        query.limit().ifPresent(n -> notes.add("stops after " + n + " matching rows"));
        return new Explanation(id, "Scan", query.entity().name(), filter, 0, matching(query, list), notes);
    }

    @Override
    public SourceCursor openDistinct(SourceQuery query) {
        query.filter().ifPresent(InMemoryDataSource::checkResolved);
        return new ScanCursor(distinctQuery(query), distinct(query), explainDistinct(query));
    }

    @Override
    public Explanation explainDistinct(SourceQuery query) {
        Explanation scan = explain(query);
        List<String> notes = new java.util.ArrayList<>(scan.notes());
        notes.add("distinct values of " + DistinctKeySource.field(query) + ", ascending");
        long values;
        try {
            values = distinct(query).size();
        } catch (RuntimeException e) {
            return new Explanation(id, "Scan", scan.accessPath(), scan.nativeQuery(), 0, notes);
        }
        return new Explanation(id, "Scan", scan.accessPath(), scan.nativeQuery(), 0, OptionalLong.of(values), notes);
    }

    /** The distinct non-null values of the query's field among its matching rows, each as a row of that field. */
    private List<Row> distinct(SourceQuery query) {
        String field = DistinctKeySource.field(query);
        RowPredicate predicate = RowPredicate.of(query.entity());
        TreeSet<Object> values = new TreeSet<>(Values::compare);
        for (Row row : table(query.entity())) {
            Object v = Values.canonical(row.valueOrNull(field));
            if (v != null && predicate.test(query.filter(), row)) {
                values.add(v);
            }
        }
        return values.stream().limit(query.limit().orElse(Integer.MAX_VALUE)).map(v -> Row.of(Map.of(field, v)))
                .toList();
    }

    /** The distinct values handed out as they are: no filter left, no limit beyond theirs. */
    private static SourceQuery distinctQuery(SourceQuery query) {
        return new SourceQuery(query.entity(), Optional.empty(), query.fields(), java.util.OptionalInt.empty());
    }

    /** The exact number of rows the query returns: held in memory, they can be counted rather than estimated. */
    private static OptionalLong matching(SourceQuery query, List<Row> list) {
        RowPredicate predicate = RowPredicate.of(query.entity());
        long n = 0;
        try {
            for (Row row : list) {
                if (predicate.test(query.filter(), row)) {
                    n++;
                }
            }
        } catch (RuntimeException e) {
            return OptionalLong.empty(); // a filter the engine should have resolved; open refuses it
        }
        return OptionalLong.of(Math.min(n, query.limit().orElse(Integer.MAX_VALUE)));
    }

    private List<Row> table(Entity entity) {
        List<Row> list = rows.get(entity.name());
        if (list == null) {
            throw new DataSourceException("the in-memory source '" + id + "' holds no entity '" + entity.name()
                    + "' (it holds: " + String.join(", ", new java.util.TreeSet<>(rows.keySet())) + ")");
        }
        return list;
    }

    /** Refuses filters the engine should have resolved, as a real source would. */
    private static void checkResolved(Filter filter) {
        if (filter instanceof And and) {
            and.operands().forEach(InMemoryDataSource::checkResolved);
        } else if (filter instanceof Or or) {
            or.operands().forEach(InMemoryDataSource::checkResolved);
        } else if (filter instanceof Not not) {
            checkResolved(not.operand());
        } else if (filter instanceof Within within) {
            if (!(within.range() instanceof TimeRange.Between)) {
                throw new DataSourceException("a source receives absolute time ranges only, not " + within.range());
            }
        } else if (!(filter instanceof Compare)) {
            throw new DataSourceException("a source cannot evaluate a " + filter.getClass().getSimpleName()
                    + "; the query engine resolves it");
        }
    }

    /** Walks one list lazily, filtering, projecting and counting. */
    private static final class ScanCursor implements SourceCursor {
        private final SourceQuery query;
        private final Iterator<Row> it;
        private final RowPredicate predicate;
        private final Explanation explanation;
        private final int limit;
        private Row next;
        private long scanned;
        private long returned;
        private boolean closed;

        ScanCursor(SourceQuery query, List<Row> list, Explanation explanation) {
            this.query = query;
            this.it = list.iterator();
            this.predicate = RowPredicate.of(query.entity());
            this.explanation = explanation;
            this.limit = query.limit().orElse(Integer.MAX_VALUE);
        }

        @Override
        public boolean hasNext() {
            while (next == null && !closed && returned < limit && it.hasNext()) {
                Row row = it.next();
                scanned++;
                if (predicate.test(query.filter(), row)) {
                    next = query.fields().isEmpty() ? row : row.project(query.fields());
                }
            }
            return next != null;
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row row = next;
            next = null;
            returned++;
            return row;
        }

        @Override
        public ExecutionStats stats() {
            return new ExecutionStats(0, scanned, returned, 1);
        }

        @Override
        public Explanation explanation() {
            return explanation;
        }

        @Override
        public void close() {
            closed = true;
            next = null;
        }
    }
}
