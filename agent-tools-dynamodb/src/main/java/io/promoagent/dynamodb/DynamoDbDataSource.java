package io.promoagent.dynamodb;

import io.promoagent.dynamodb.internal.compile.AccessPath;
import io.promoagent.dynamodb.internal.compile.AccessPathPlanner;
import io.promoagent.dynamodb.internal.compile.CapacityEstimator;
import io.promoagent.dynamodb.internal.compile.Condition;
import io.promoagent.dynamodb.internal.compile.Conditions;
import io.promoagent.dynamodb.internal.compile.QueryPlan;
import io.promoagent.dynamodb.internal.compile.TableStats;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.json.QueryJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * A {@link DataSource} over DynamoDB tables: compiles each source query to the cheapest correct access
 * path (see {@link AccessPathPlanner}), streams the items page by page, and counts the read capacity,
 * items and calls every execution costs.
 *
 * <p>Build one per DynamoDB account and region: {@code DynamoDbDataSource.builder(client).id("main").build()}.
 * Close it to stop the threads of its concurrent queries.
 */
public final class DynamoDbDataSource implements DataSource, AutoCloseable {

    /** The most items one Scan or Query request reads unless {@link Builder#pageSize} says otherwise. */
    public static final int DEFAULT_PAGE_SIZE = 1000;

    private final String id;
    private final DynamoDbClient client;
    private final ScanPolicy scanPolicy;
    private final boolean consistentRead;
    private final int pageSize;
    private final int concurrency;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Duration statsTtl;
    private final Clock clock;
    private final AccessPathPlanner planner;
    private final CapacityEstimator estimator;
    private final Requests requests;
    private final Map<String, CachedStats> stats = new ConcurrentHashMap<>();

    private record CachedStats(Optional<TableStats> stats, Instant at) {
    }

    private DynamoDbDataSource(Builder b) {
        this.id = b.id;
        this.client = b.client;
        this.scanPolicy = b.scanPolicy;
        this.consistentRead = b.consistentRead;
        this.pageSize = b.pageSize;
        this.concurrency = b.concurrency;
        this.ownsExecutor = b.executor == null && b.concurrency > 1;
        this.executor = b.executor != null ? b.executor : ownsExecutor ? newExecutor(b.concurrency) : null;
        this.statsTtl = b.statsTtl;
        this.clock = b.clock;
        this.estimator = new CapacityEstimator(consistentRead);
        this.planner = new AccessPathPlanner(estimator, b.sparseIndexes);
        this.requests = new Requests(client, consistentRead, b.retry);
    }

    public static Builder builder(DynamoDbClient client) {
        return new Builder(client);
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * The compiled form of a query: access path, filter, residual, projection. What {@link #open} executes
     * and {@link #explain} describes; DescribeTable (cached) is the only call it may make.
     */
    public QueryPlan plan(SourceQuery query) {
        Condition condition = Conditions.of(query.filter(), query.entity());
        return planner.plan(query.entity(), condition, query.fields(), query.limit(),
                () -> tableStats(query.entity().table()));
    }

    @Override
    public SourceCursor open(SourceQuery query) {
        QueryPlan plan = plan(query);
        int segments = refuseOrSegment(plan);
        List<PageStream> streams = requests.streams(plan, segments);
        Predicate<Row> residual = plan.residual().map(r -> Conditions.matcher(r, query.entity())).orElse(null);
        PageFeed feed = new PageFeed(streams, concurrency, executor);
        return new DynamoDbCursor(plan, feed, residual, explanation(plan, segments), pageSize);
    }

    @Override
    public Explanation explain(SourceQuery query) {
        QueryPlan plan = plan(query);
        int segments = plan.path() instanceof AccessPath.TableScan ? segments(plan) : 1;
        return explanation(plan, segments);
    }

    private int refuseOrSegment(QueryPlan plan) {
        if (!(plan.path() instanceof AccessPath.TableScan scan)) {
            return 1;
        }
        if (!scanPolicy.allowed()) {
            throw new ScanRefusedException("reading " + plan.entity().name() + " would need a Scan of table '"
                    + plan.entity().table() + "', which the scan policy refuses: " + scan.advice());
        }
        return segments(plan);
    }

    private int segments(QueryPlan plan) {
        if (scanPolicy.parallelSegments() <= 1) {
            return 1;
        }
        long bytes = tableStats(plan.entity().table()).map(TableStats::sizeBytes).orElse(0L);
        return bytes >= scanPolicy.parallelAboveBytes() ? scanPolicy.parallelSegments() : 1;
    }

    private Explanation explanation(QueryPlan plan, int segments) {
        String table = plan.entity().table();
        String accessPath = table + plan.path().index().map(i -> "/" + i).orElse("");
        List<String> notes = new ArrayList<>();
        AccessPath path = plan.path();
        if (path instanceof AccessPath.KeyLookup k && k.keys().size() > 1) {
            notes.add(k.keys().size() + " keys in " + (k.keys().size() + 99) / 100 + " BatchGetItem calls of at most 100 keys");
        }
        if (path instanceof AccessPath.IndexQuery q && q.partitionValues().size() > 1) {
            notes.add(q.partitionValues().size() + " queries, one per " + describe(q.fanout()) + " "
                    + q.partitionAttribute() + " " + shortList(q.partitionValues()) + ", up to " + concurrency
                    + " at a time");
        }
        if (path instanceof AccessPath.TableScan scan) {
            notes.add("no key path: " + scan.advice());
            if (segments > 1) {
                notes.add("parallel scan in " + segments + " segments");
            }
        }
        plan.filter().ifPresent(f -> notes.add(
                "the filter expression does not lower the cost: DynamoDB charges for the items read before filtering"));
        plan.residual().ifPresent(r -> notes.add("checked in memory: " + QueryJson.write(Conditions.toFilter(r))));
        Optional<TableStats> known = tableStats(table);
        double estimate = estimator.estimate(plan, known);
        notes.add("estimated read units: " + estimate + (known.isPresent()
                ? " (from DescribeTable: " + known.get().itemCount() + " items, " + known.get().sizeBytes() + " bytes)"
                : " (table size unknown: assumed 1,000 items of 1 KB)"));
        // a Scan the policy refuses reads nothing: no row estimate, so that no plan is chosen for its size
        boolean refused = path instanceof AccessPath.TableScan && !scanPolicy.allowed();
        if (refused) {
            notes.add("the scan policy refuses this Scan");
        }
        return new Explanation(id, plan.path().operation(), accessPath, requests.text(plan), estimate,
                refused ? OptionalLong.empty() : OptionalLong.of(estimator.items(plan, known)), notes);
    }

    private static String describe(AccessPath.Fanout fanout) {
        switch (fanout) {
            case BUCKETS:
                return "bucket of";
            case ENUM_VALUES:
                return "declared value of";
            default:
                return "value of";
        }
    }

    private static String shortList(List<Object> values) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(values.size(), 12); i++) {
            shown.add(String.valueOf(values.get(i)));
        }
        return "(" + String.join(", ", shown) + (values.size() > 12 ? ", ..." : "") + ")";
    }

    /** DescribeTable's size of a table, cached; empty when it cannot be described. */
    Optional<TableStats> tableStats(String table) {
        Instant now = clock.instant();
        CachedStats cached = stats.get(table);
        if (cached != null && cached.at().plus(statsTtl).isAfter(now)) {
            return cached.stats();
        }
        Optional<TableStats> fresh;
        try {
            TableDescription d = client.describeTable(b -> b.tableName(table)).table();
            fresh = d == null || d.itemCount() == null ? Optional.empty()
                    : Optional.of(new TableStats(d.itemCount(), d.tableSizeBytes() == null ? 0 : d.tableSizeBytes()));
        } catch (SdkException e) {
            fresh = Optional.empty(); // only estimates depend on it
        }
        stats.put(table, new CachedStats(fresh, now));
        return fresh;
    }

    /** Forgets the cached table sizes, for example after a bulk load. */
    public void refreshTableStats() {
        stats.clear();
    }

    @Override
    public void close() {
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    private static ExecutorService newExecutor(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "dynamodb-read-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(threads, factory);
    }

    /** Builds a {@link DynamoDbDataSource}. */
    public static final class Builder {
        private final DynamoDbClient client;
        private String id = "dynamodb";
        private ScanPolicy scanPolicy = ScanPolicy.allow();
        private boolean consistentRead;
        private int concurrency = 4;
        private ExecutorService executor;
        private RetrySettings retry = RetrySettings.defaults();
        private Duration statsTtl = Duration.ofMinutes(5);
        private Clock clock = Clock.systemUTC();
        private boolean sparseIndexes;
        private int pageSize = DEFAULT_PAGE_SIZE;

        private Builder(DynamoDbClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** The id of the data model's source this serves; {@code dynamodb} by default. */
        public Builder id(String sourceId) {
            this.id = Objects.requireNonNull(sourceId, "id");
            return this;
        }

        /** Whether scans are allowed and when they are parallel; {@link ScanPolicy#allow()} by default. */
        public Builder scanPolicy(ScanPolicy policy) {
            this.scanPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Strongly consistent reads of tables (indexes are always eventually consistent); off by default. */
        public Builder consistentReads(boolean consistent) {
            this.consistentRead = consistent;
            return this;
        }

        /**
         * Whether items may lack the key attributes of their table's indexes. A secondary index holds only
         * the items that have its key attributes, so by default (false) the source relies on every item
         * having them, as the demo data and {@link DynamoDbLoader} (which derives bucket fields) ensure.
         * With true, an index is used only when the filter itself proves its key attributes are present
         * (any comparison but is_null on them), and other queries fall back to a scan.
         */
        public Builder sparseIndexes(boolean sparse) {
            this.sparseIndexes = sparse;
            return this;
        }

        /** The most requests one query runs at once (fan-outs, parallel scans); 4 by default, 1 for none. */
        public Builder concurrency(int requests) {
            if (requests < 1) {
                throw new IllegalArgumentException("concurrency must be at least 1");
            }
            this.concurrency = requests;
            return this;
        }

        /** Runs concurrent requests on {@code pool} (which the caller shuts down) instead of an own pool. */
        public Builder executor(ExecutorService pool) {
            this.executor = pool;
            return this;
        }

        /**
         * The most items one Scan or Query request reads (DynamoDB's {@code Limit}), below DynamoDB's own
         * 1 MB per request; {@value #DEFAULT_PAGE_SIZE} by default. A cursor holds the page it is handing
         * out (and, for a parallel scan, those in flight), so this bounds the memory of a read whatever the
         * size of the table; a smaller page costs more requests, not more read units (DynamoDB rounds each
         * request up to the next 4 KB, at most one read unit more per page).
         */
        public Builder pageSize(int items) {
            if (items < 1) {
                throw new IllegalArgumentException("pageSize must be at least 1, got " + items);
            }
            this.pageSize = items;
            return this;
        }

        /** How unprocessed BatchGetItem keys are retried; {@link RetrySettings#defaults()} by default. */
        public Builder retry(RetrySettings settings) {
            this.retry = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** How long DescribeTable's sizes are reused; 5 minutes by default. */
        public Builder tableStatsTtl(Duration ttl, Clock clockForTtl) {
            this.statsTtl = Objects.requireNonNull(ttl, "ttl");
            this.clock = Objects.requireNonNull(clockForTtl, "clock");
            return this;
        }

        public DynamoDbDataSource build() {
            return new DynamoDbDataSource(this);
        }
    }
}
