package io.promoagent.schema.engine;

import io.promoagent.schema.eval.RowOrder;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.time.TimeResolver;
import io.promoagent.schema.model.QueryValidator;
import io.promoagent.schema.model.ValidatedQuery;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Runs typed queries over the data sources of a data model: validates the query, pushes to each source
 * what it can evaluate, joins across sources itself, and aggregates, orders and limits in memory with
 * bounded memory.
 *
 * <p>Per query it: validates it ({@link QueryValidator}) unless it is a {@link ValidatedQuery} already; expands rules; resolves relative time ranges
 * against the clock (one "today" per query); sends each entity's filter to its source, except conditions
 * on related records, which run as batched semi-joins (the related rows are read first, projecting only
 * the join key; an {@code exists} condition becomes {@code key in (...)} in the outer source query when
 * at most 1,000 keys qualify; other counts and conditions under {@code or}/{@code not} are checked in
 * memory; across two sources the side the sources estimate smaller is read first, and an aggregate grouped
 * by another source's fields is grouped by the join key in its own source first, see docs/federation.md);
 * streams rows through group accumulators, looking up values read through many-to-one
 * relationships in batches of at most 100 keys; keeps a top-N heap for an ordered limit; and passes a
 * limit to the source only when nothing remains to filter, order or aggregate. Sources are asked only for
 * the fields the query needs. A source that can run the whole query in one request
 * ({@link io.promoagent.schema.source.WholeQuerySource}, such as one SQL statement) is asked first.
 *
 * <p>The result equals the {@link io.promoagent.schema.engine.ReferenceEvaluator}'s for the same query and
 * data, with one exception: a query that returns records with a limit and no order may return any
 * {@code limit} of the matching records (ordered by key), since it stops reading once it has them.
 *
 * <p>{@link #stream} hands the answer's rows to a sink as they are produced instead of returning them: a
 * query without an order then holds no answer row, only the sources' batches (see docs/federation.md,
 * "Memory"); {@link #execute} is that stream collected into a list.
 *
 * <p>With a {@link QueryResultCache} ({@link Builder#resultCache}), a question asked again over data that
 * has not changed is answered from memory by {@link #execute}; see that class for when an answer is computed
 * anew.
 *
 * <p>Immutable and safe to share between threads when its sources are; each call keeps its own state.
 */
public final class QueryEngine {

    static final int SEMI_JOIN_KEY_LIMIT = 1000;
    static final int LOOKUP_BATCH_SIZE = 100;
    static final int IN_MEMORY_ROW_LIMIT = 200_000;
    static final int IN_MEMORY_CHUNK = 1000;

    private final DataModel model;
    private final Map<String, DataSource> sources;
    private final Clock clock;
    private final ZoneId zone;
    private final int semiJoinKeyLimit;
    private final int lookupBatchSize;
    private final Optional<QueryResultCache> resultCache;
    private final QueryValidator validator;
    private final int inMemoryRowLimit;
    private final int inMemoryChunkSize;

    private QueryEngine(Builder b) {
        this.model = b.model;
        this.sources = Map.copyOf(b.sources);
        this.clock = b.clock;
        this.zone = b.zone;
        this.semiJoinKeyLimit = b.semiJoinKeyLimit;
        this.lookupBatchSize = b.lookupBatchSize;
        this.resultCache = b.resultCache;
        this.validator = QueryValidator.of(model);
        this.inMemoryRowLimit = b.inMemoryRowLimit;
        this.inMemoryChunkSize = b.inMemoryChunkSize;
    }

    public static Builder builder(DataModel model) {
        return new Builder(model);
    }

    /** The clock that decides "today" for the data: relative time ranges, and tools that judge records by date. */
    public Clock clock() {
        return clock;
    }

    public DataModel model() {
        return model;
    }

    /**
     * Runs a query.
     *
     * @throws io.promoagent.schema.validate.InvalidQueryException when the query does not fit the model
     * @throws DataSourceException when an entity's source is not registered or fails
     */
    public QueryResult execute(Query query) {
        return execute(validator.accept(query));
    }

    /**
     * Runs a query the validator accepted, without checking it again.
     *
     * @throws IllegalArgumentException when it was validated against another data model
     * @throws DataSourceException when an entity's source is not registered or fails
     */
    public QueryResult execute(ValidatedQuery query) {
        Query valid = checkedFor(query);
        TimeResolver time = today();
        if (resultCache.isEmpty()) {
            return collect(valid, time).result();
        }
        return resultCache.get().answer(valid, time.today(), () -> collect(valid, time));
    }

    /**
     * Runs a query and hands each row of its answer to {@code sink} as it is produced, instead of holding the
     * answer: the same rows as {@link #execute}, in the query's order when it has one; without an order, in
     * the order they were read (which {@link #execute} then sorts by key). The sink runs on the calling
     * thread, before this returns; an exception it throws ends the query (sources closed) and is thrown here.
     *
     * <p>Memory: a query without an order holds no answer row (reads stream in the sources' batches); one with
     * an order and a limit holds {@code limit} rows; one with an order and no limit holds the answer, to sort
     * it; an aggregate holds its groups. See docs/federation.md ("Memory"). The result cache is not used: a
     * streamed answer is always computed anew.
     *
     * @return the columns, the number of rows handed to the sink, the cost and the explanations
     * @throws io.promoagent.schema.validate.InvalidQueryException when the query does not fit the model
     * @throws DataSourceException when an entity's source is not registered or fails
     */
    public QueryStreamResult stream(Query query, Consumer<? super Row> sink) {
        return stream(validator.accept(query), sink);
    }

    /**
     * {@link #stream(Query, Consumer)} for a query the validator accepted, without checking it again.
     *
     * @throws IllegalArgumentException when it was validated against another data model
     */
    public QueryStreamResult stream(ValidatedQuery query, Consumer<? super Row> sink) {
        Objects.requireNonNull(sink, "sink");
        Query valid = checkedFor(query);
        Execution ex = execution(today());
        Streamed s = run(ex, valid, sink);
        return new QueryStreamResult(valid.entity(), s.columns(), s.rows(), ex.stats(), ex.explanations());
    }

    private Query checkedFor(ValidatedQuery query) {
        if (query.model() != model) {
            throw new IllegalArgumentException("the query was validated against another data model");
        }
        return query.query();
    }

    /** {@link #execute}: the streamed rows in a list, sorted by key when they came in the order read. */
    private QueryResultCache.Computed collect(Query valid, TimeResolver time) {
        Execution ex = execution(time);
        List<Row> rows = new ArrayList<>();
        Streamed s = run(ex, valid, rows::add);
        if (s.inReadOrder()) {
            rows.sort(RowOrder.of(List.of(), QueryShape.keyFields(model.requireEntity(valid.entity()))));
        }
        return new QueryResultCache.Computed(new QueryResult(valid.entity(), s.columns(), rows, ex.stats(),
                ex.explanations()), ex.entitiesRead());
    }

    /** What running a query handed on: its columns, how many rows, and whether they came in the order read. */
    private record Streamed(List<String> columns, long rows, boolean inReadOrder) {
    }

    private Streamed run(Execution ex, Query valid, Consumer<? super Row> sink) {
        Optional<Filter> where = ex.preparation.prepare(valid.entity(), valid.where());
        if (Extensions.uses(model, valid)) {
            // a source that runs the whole query (one SQL statement) is asked first here too
            List<String> columns = InMemoryEvaluation.columns(model, valid);
            OptionalLong whole = Pushdown.run(ex, valid, where, columns, sink);
            if (whole.isPresent()) {
                return new Streamed(columns, whole.getAsLong(), false);
            }
            InMemoryQuery inMemory = new InMemoryQuery(ex, ex.time, inMemoryRowLimit, inMemoryChunkSize);
            return new Streamed(columns, inMemory.run(valid, sink), inMemory.inReadOrder(valid));
        }
        List<String> columns = QueryShape.columns(model, valid);
        OptionalLong whole = Pushdown.run(ex, valid, where, columns, sink);
        if (whole.isPresent()) {
            return new Streamed(columns, whole.getAsLong(), false);
        }
        if (valid.isAggregate()) {
            return new Streamed(columns, AggregateQuery.run(ex, ex.time, valid, where, sink), false);
        }
        return new Streamed(columns, PlainQuery.run(ex, valid, where, columns, sink), valid.orderBy().isEmpty());
    }

    /**
     * How {@link #execute} would run a query, without reading any record: the explanation of every
     * source call it plans, semi-join reads first. Key lookups whose keys are only known while running
     * are described by the engine rather than by the source.
     */
    public List<Explanation> explain(Query query) {
        return explain(validator.accept(query));
    }

    /** {@link #explain(Query)} for a query the validator accepted, without checking it again. */
    public List<Explanation> explain(ValidatedQuery query) {
        Query valid = checkedFor(query);
        Execution ex = execution(today());
        if (Extensions.uses(model, valid)) {
            if (Pushdown.explain(ex, valid, ex.preparation.prepare(valid.entity(), valid.where()),
                    InMemoryEvaluation.columns(model, valid))) {
                return ex.planned();
            }
            new InMemoryQuery(ex, ex.time, inMemoryRowLimit, inMemoryChunkSize).explain(valid);
            return ex.planned();
        }
        Optional<Filter> where = ex.preparation.prepare(valid.entity(), valid.where());
        if (Pushdown.explain(ex, valid, where, QueryShape.columns(model, valid))) {
            return ex.planned();
        }
        if (valid.isAggregate()) {
            AggregateQuery.explain(ex, valid, where);
        } else {
            PlainQuery.explain(ex, valid, where, QueryShape.columns(model, valid));
        }
        return ex.planned();
    }

    private TimeResolver today() {
        return TimeResolver.fixed(new TimeResolver(clock, zone).today());
    }

    private Execution execution(TimeResolver time) {
        return new Execution(model, sources, time, semiJoinKeyLimit, lookupBatchSize);
    }

    /** Builds a {@link QueryEngine}. */
    public static final class Builder {
        private final DataModel model;
        private final Map<String, DataSource> sources = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneOffset.UTC;
        private int semiJoinKeyLimit = SEMI_JOIN_KEY_LIMIT;
        private int lookupBatchSize = LOOKUP_BATCH_SIZE;
        private Optional<QueryResultCache> resultCache = Optional.empty();
        private int inMemoryRowLimit = IN_MEMORY_ROW_LIMIT;
        private int inMemoryChunkSize = IN_MEMORY_CHUNK;

        private Builder(DataModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** Registers sources under their ids; entities name the id of the source that stores them. */
        public Builder source(DataSource... dataSources) {
            for (DataSource s : dataSources) {
                if (sources.putIfAbsent(s.id(), s) != null) {
                    throw new DataSourceException("two data sources have the id '" + s.id() + "'");
                }
            }
            return this;
        }

        public Builder sources(Collection<? extends DataSource> dataSources) {
            return source(dataSources.toArray(new DataSource[0]));
        }

        /** The clock "today" is read from; the system clock in UTC by default. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** The time zone whose date is "today"; UTC by default. */
        public Builder zone(ZoneId value) {
            this.zone = Objects.requireNonNull(value, "zone");
            return this;
        }

        /**
         * Keeps answers in {@code cache}, so that a question asked again over unchanged data is answered
         * without reading or computing it again; none by default. Tell the cache about writes.
         */
        public Builder resultCache(QueryResultCache cache) {
            this.resultCache = Optional.of(cache);
            return this;
        }

        /**
         * The most records a query that uses expressions, windows, medians or nested queries may hold in
         * memory (all entities together); 200,000 by default. Beyond it the query fails with
         * {@code too_many_rows}.
         */
        public Builder inMemoryRowLimit(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("inMemoryRowLimit must be positive");
            }
            this.inMemoryRowLimit = value;
            return this;
        }

        /** The rows a row-local query of query IR 2.0 evaluates at once; tests lower it. */
        Builder inMemoryChunkSize(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("inMemoryChunkSize must be positive");
            }
            this.inMemoryChunkSize = value;
            return this;
        }

        /** The most keys a semi-join pushes to a source as {@code in}; tests lower it. */
        Builder semiJoinKeyLimit(int value) {
            this.semiJoinKeyLimit = value;
            return this;
        }

        /** The most keys looked up per call; tests lower it. */
        Builder lookupBatchSize(int value) {
            this.lookupBatchSize = value;
            return this;
        }

        public QueryEngine build() {
            return new QueryEngine(this);
        }
    }
}
