package io.promoagent.schema.source;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A data source that remembers the rows of the queries it served for a while, in front of another source:
 * a query cache in the manner of DynamoDB Accelerator, for a dashboard's or many users' repeated questions.
 *
 * <p>What it guarantees:
 * <ul>
 *   <li><b>Only complete results are kept.</b> A query it does not remember is read to its end before its
 *       first row is handed out (so a result is kept whole, and a read that fails leaves nothing behind);
 *       a result of more rows than the whole budget ({@link Builder#maxRows}) is handed out as it is read
 *       and never kept. Put it in front of sources whose results fit in memory.</li>
 *   <li><b>Writes are seen at once when they are announced.</b> {@link #invalidate(String)} forgets every
 *       result of an entity, and a read that was already running when it was called is not remembered
 *       either (each entity has a generation that the read must still match when it ends). Wire the
 *       writer of the same data to it (for example with {@code InvalidatingRecordWriter} in agent-core).</li>
 *   <li><b>Writes it is not told about are seen within the time to live.</b> A result older than
 *       {@link Builder#ttl} is read again. This is the bound on staleness when other processes write the
 *       same tables, so keep it short there, or do not cache.</li>
 *   <li><b>One read per result.</b> Whoever asks for a query that is being read for someone else waits
 *       for that read (up to {@link Builder#maxWait}) instead of reading the same rows again: many users
 *       asking at once, or a popular result expiring under load, cost one read.</li>
 *   <li>Least recently used results are forgotten first when the row budget is spent.</li>
 * </ul>
 *
 * <p>A remembered result is served with {@link ExecutionStats} of no read units and no calls, and with the
 * source's explanation plus a note that says it came from the cache and how old it is. Thread-safe.
 */
public final class CachingDataSource implements DataSource, ReadCache {

    private final DataSource source;
    private final Duration ttl;
    private final long maxRows;
    private final Clock clock;
    private final Duration maxWait;

    // Guarded by "this": the entries in least-recently-used order, their row total, and each entity's generation.
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<String, Long> generations = new HashMap<>();
    private final Map<Key, CountDownLatch> reading = new HashMap<>();
    private long invalidations;
    private long everythingInvalidatedAt;
    private long rows;
    private long hits;
    private long misses;

    private CachingDataSource(Builder builder) {
        this.source = builder.source;
        this.ttl = builder.ttl;
        this.maxRows = builder.maxRows;
        this.clock = builder.clock;
        this.maxWait = builder.maxWait;
    }

    /** Starts building a cache in front of {@code source}. */
    public static Builder wrap(DataSource source) {
        return new Builder(source);
    }

    @Override
    public String id() {
        return source.id();
    }

    @Override
    public SourceCursor open(SourceQuery query) {
        Key key = Key.of(query);
        CountDownLatch done = new CountDownLatch(1);
        long generation;
        while (true) {
            CountDownLatch underWay;
            synchronized (this) {
                Entry entry = entries.get(key);
                if (entry != null && fresh(entry)) {
                    hits++;
                    return new ListCursor(entry.rows, Optional.empty(), withNote(entry.explanation,
                            "served from the query cache: " + entry.rows.size() + " rows read " + age(entry).toMillis() + " ms ago"));
                }
                if (entry != null) {
                    forget(key);
                }
                underWay = reading.get(key);
                if (underWay == null) {
                    misses++;
                    reading.put(key, done);
                    generation = generation(key.entity());
                    break;
                }
            }
            // The same query is being read for someone else: wait for its rows rather than read them twice,
            // so that many users asking at once, or a popular result expiring, cost one read.
            if (!await(underWay)) {
                synchronized (this) {
                    if (reading.get(key) == underWay) {
                        reading.remove(key); // that reader is stuck or was abandoned: read anew
                    }
                }
            }
        }
        // This is the one read of the query that others wait for. It reads the whole result before handing it
        // out, so that its progress never depends on how its caller consumes it (a caller may open another
        // query first, which someone else may be reading while waiting for this one).
        try {
            return readAll(query, key, generation);
        } finally {
            finished(key, done);
        }
    }

    private SourceCursor readAll(SourceQuery query, Key key, long generation) {
        Instant startedAt = clock.instant();
        SourceCursor cursor = source.open(query);
        List<Row> rows = new ArrayList<>();
        try {
            while (cursor.hasNext()) {
                if (rows.size() == maxRows) {
                    // larger than the whole budget: never kept; hand out what was read and the rest as it comes
                    return new ContinuingCursor(rows, cursor);
                }
                rows.add(cursor.next());
            }
        } catch (RuntimeException e) {
            cursor.close();
            throw e;
        }
        cursor.close();
        Entry entry = new Entry(List.copyOf(rows), cursor.stats(), cursor.explanation(), startedAt);
        remember(key, generation, entry);
        return new ListCursor(entry.rows, Optional.of(entry.stats), entry.explanation);
    }

    private boolean await(CountDownLatch underWay) {
        try {
            return underWay.await(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataSourceException("interrupted while waiting for the same query to be read");
        }
    }

    /** The read of {@code key} ended, with its rows remembered or not: wake those who wait for it. */
    private synchronized void finished(Key key, CountDownLatch done) {
        if (reading.get(key) == done) {
            reading.remove(key);
        }
        done.countDown();
    }

    @Override
    public Explanation explain(SourceQuery query) {
        Explanation explanation = source.explain(query);
        synchronized (this) {
            Entry entry = entries.get(Key.of(query));
            if (entry != null && fresh(entry)) {
                return withNote(explanation, "would be served from the query cache (" + entry.rows.size() + " rows read "
                        + age(entry).toMillis() + " ms ago)");
            }
        }
        return explanation;
    }

    /** Forgets every remembered result of {@code entity}, and any read of it running now: call it after a write. */
    @Override
    public synchronized void invalidate(String entity) {
        Objects.requireNonNull(entity, "entity");
        generations.put(entity, ++invalidations);
        for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Entry> e = it.next();
            if (e.getKey().entity().equals(entity)) {
                rows -= e.getValue().rows.size();
                it.remove();
            }
        }
    }

    /** Forgets everything. */
    public synchronized void invalidateAll() {
        everythingInvalidatedAt = ++invalidations;
        entries.clear();
        rows = 0;
    }

    /** How the cache has done so far. */
    public synchronized Stats stats() {
        return new Stats(hits, misses, entries.size(), rows);
    }

    /**
     * How a cache has done.
     *
     * @param hits    queries served from the cache
     * @param misses  queries passed to the source
     * @param entries results remembered now
     * @param rows    rows remembered now, across all results
     */
    public record Stats(long hits, long misses, int entries, long rows) {
    }

    /** Changes whenever a write to the entity, or to everything, is announced. */
    private long generation(String entity) {
        return Math.max(everythingInvalidatedAt, generations.getOrDefault(entity, 0L));
    }

    private boolean fresh(Entry entry) {
        return age(entry).compareTo(ttl) < 0;
    }

    private Duration age(Entry entry) {
        return Duration.between(entry.readAt, clock.instant());
    }

    private void forget(Key key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            rows -= removed.rows.size();
        }
    }

    /** Remembers a complete result, unless a write to its entity was announced since the read began. */
    private synchronized void remember(Key key, long generation, Entry entry) {
        if (generation(key.entity()) != generation || entry.rows.size() > maxRows) {
            return;
        }
        forget(key);
        entries.put(key, entry);
        rows += entry.rows.size();
        for (Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator(); rows > maxRows && it.hasNext(); ) {
            Map.Entry<Key, Entry> eldest = it.next();
            rows -= eldest.getValue().rows.size();
            it.remove();
        }
    }

    private static Explanation withNote(Explanation explanation, String note) {
        return explanation.withNotes(List.of(note));
    }

    /** What identifies a result: the entity by name (the data model's entity is large to compare), the rest as given. */
    private record Key(String entity, Optional<io.promoagent.schema.ir.Filter> filter, List<String> fields, OptionalInt limit) {
        static Key of(SourceQuery query) {
            return new Key(query.entity().name(), query.filter(), query.fields(), query.limit());
        }
    }

    private record Entry(List<Row> rows, ExecutionStats stats, Explanation explanation, Instant readAt) {
    }

    /** Hands out the rows read so far, then the rest of a result too large to keep, from the source's cursor. */
    private static final class ContinuingCursor extends ForwardingCursor {
        private final Iterator<Row> read;

        ContinuingCursor(List<Row> read, SourceCursor rest) {
            super(rest);
            this.read = read.iterator();
        }

        @Override
        public boolean hasNext() {
            return read.hasNext() || super.hasNext();
        }

        @Override
        public Row next() {
            return read.hasNext() ? read.next() : super.next();
        }
    }

    /**
     * Hands out a whole result: one just read, with the source's figures, or a remembered one, which cost
     * nothing (no read units, no calls) but the rows handed out.
     */
    private static final class ListCursor implements SourceCursor {
        private final List<Row> rows;
        private final Optional<ExecutionStats> readNow;
        private final Explanation explanation;
        private int position;
        private boolean closed;

        ListCursor(List<Row> rows, Optional<ExecutionStats> readNow, Explanation explanation) {
            this.rows = rows;
            this.readNow = readNow;
            this.explanation = explanation;
        }

        @Override
        public boolean hasNext() {
            return !closed && position < rows.size();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return rows.get(position++);
        }

        @Override
        public ExecutionStats stats() {
            return readNow.orElseGet(() -> new ExecutionStats(0, 0, position, 0));
        }

        @Override
        public Explanation explanation() {
            return explanation;
        }

        @Override
        public void close() {
            closed = true; // the source's cursor, if any, is closed already
        }
    }

    /** Configures a {@link CachingDataSource}. */
    public static final class Builder {
        private final DataSource source;
        private Duration ttl = Duration.ofSeconds(30);
        private long maxRows = 200_000;
        private Clock clock = Clock.systemUTC();
        private Duration maxWait = Duration.ofSeconds(10);

        private Builder(DataSource source) {
            this.source = Objects.requireNonNull(source, "source");
        }

        /** How long a result is served before it is read again (default 30 seconds); must be positive. */
        public Builder ttl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("ttl must be positive, got " + ttl + "; to not cache, do not wrap the source");
            }
            this.ttl = ttl;
            return this;
        }

        /** The most rows remembered across all results (default 200,000); at least 1. */
        public Builder maxRows(long maxRows) {
            if (maxRows < 1) {
                throw new IllegalArgumentException("maxRows must be at least 1, got " + maxRows);
            }
            this.maxRows = maxRows;
            return this;
        }

        /** The clock that ages results (default: the system clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How long a reader waits for the same query that someone else is reading before reading it itself
         * (default 10 seconds); positive.
         */
        public Builder maxWait(Duration maxWait) {
            Objects.requireNonNull(maxWait, "maxWait");
            if (maxWait.isNegative() || maxWait.isZero()) {
                throw new IllegalArgumentException("maxWait must be positive, got " + maxWait);
            }
            this.maxWait = maxWait;
            return this;
        }

        public CachingDataSource build() {
            return new CachingDataSource(this);
        }
    }
}
