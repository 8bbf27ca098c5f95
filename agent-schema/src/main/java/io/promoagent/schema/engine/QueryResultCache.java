package io.promoagent.schema.engine;

import io.promoagent.schema.ir.Query;
import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.ReadCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The answers a {@link QueryEngine} gave, kept for a while, so that a question asked again over data that
 * has not changed is answered without reading or aggregating again: the answer to a dashboard's, or many
 * users', repeated questions. Give it to {@link QueryEngine.Builder#resultCache}.
 *
 * <p>What it guarantees:
 * <ul>
 *   <li><b>The same question on the same day.</b> The key is the validated query and the date the engine
 *       resolved "today" to, so "orders last month" asked tomorrow is another question. The engine takes
 *       no principal, so an answer is the same whoever asks; what a person or a model may see of it is
 *       decided after the engine, by the tool.</li>
 *   <li><b>Writes it is told about are seen at once.</b> Each answer remembers the entities it read;
 *       {@link #invalidate(String)} forgets every answer that read the entity, and an answer computed
 *       while any write was announced is not kept. Wire the writer to it with
 *       {@code InvalidatingRecordWriter} (agent-core).</li>
 *   <li><b>Writes it is not told about are seen within the time to live.</b> When the engine's sources
 *       have their own cache ({@link io.promoagent.schema.source.CachingDataSource}) with the same time to
 *       live, an answer can be up to twice that old.</li>
 *   <li><b>One computation per answer.</b> Whoever asks a question that is being answered for someone
 *       else waits for that answer (or its failure) instead of computing it again.</li>
 *   <li>Least recently used answers are forgotten first when {@link Builder#maxAnswers} or
 *       {@link Builder#maxRows} is reached.</li>
 * </ul>
 *
 * <p>An answer from the cache reports no cost ({@link ExecutionStats#NONE}), and each of its explanations
 * carries a note that says it came from the cache and how old it is. Thread-safe.
 */
public final class QueryResultCache implements ReadCache {

    private final Duration ttl;
    private final int maxAnswers;
    private final long maxRows;
    private final Clock clock;

    // Guarded by "this".
    private final LinkedHashMap<Key, Answer> answers = new LinkedHashMap<>(64, 0.75f, true);
    private final Map<Key, CompletableFuture<QueryResult>> computing = new HashMap<>();
    private long invalidations;
    private long rows;
    private long hits;
    private long misses;

    private QueryResultCache(Builder b) {
        this.ttl = b.ttl;
        this.maxAnswers = b.maxAnswers;
        this.maxRows = b.maxRows;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What an engine computed: the answer and the entities it read to compute it. */
    record Computed(QueryResult result, Set<String> entitiesRead) {
    }

    /** The answer to {@code query} on {@code today}: remembered, being computed for someone else, or computed now. */
    QueryResult answer(Query query, LocalDate today, Supplier<Computed> compute) {
        Key key = new Key(query, today);
        CompletableFuture<QueryResult> underWay;
        CompletableFuture<QueryResult> mine = null;
        long invalidationsAtStart = 0;
        synchronized (this) {
            Answer answer = answers.get(key);
            if (answer != null && fresh(answer)) {
                hits++;
                return fromCache(answer);
            }
            if (answer != null) {
                forget(key);
            }
            underWay = computing.get(key);
            if (underWay == null) {
                misses++;
                mine = new CompletableFuture<>();
                computing.put(key, mine);
                invalidationsAtStart = invalidations;
            }
        }
        if (mine == null) {
            try {
                return underWay.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        Instant startedAt = clock.instant();
        try {
            Computed computed = compute.get();
            remember(key, mine, invalidationsAtStart, new Answer(computed.result(), Set.copyOf(computed.entitiesRead()), startedAt));
            mine.complete(computed.result());
            return computed.result();
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                computing.remove(key, mine);
            }
            mine.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public synchronized void invalidate(String entity) {
        Objects.requireNonNull(entity, "entity");
        invalidations++;
        for (Iterator<Map.Entry<Key, Answer>> it = answers.entrySet().iterator(); it.hasNext(); ) {
            Answer answer = it.next().getValue();
            if (answer.entitiesRead.contains(entity)) {
                rows -= answer.result.size();
                it.remove();
            }
        }
    }

    /** Forgets every answer. */
    public synchronized void invalidateAll() {
        invalidations++;
        answers.clear();
        rows = 0;
    }

    /** How the cache has done so far. */
    public synchronized Stats stats() {
        return new Stats(hits, misses, answers.size(), rows);
    }

    /**
     * How a result cache has done.
     *
     * @param hits    questions answered from the cache
     * @param misses  questions the engine computed
     * @param answers answers kept now
     * @param rows    rows kept now, across all answers
     */
    public record Stats(long hits, long misses, int answers, long rows) {
    }

    private synchronized void remember(Key key, CompletableFuture<QueryResult> mine, long invalidationsAtStart, Answer answer) {
        computing.remove(key, mine);
        if (invalidations != invalidationsAtStart || answer.result.size() > maxRows) {
            return; // a write was announced while computing, or the answer is larger than the whole budget
        }
        forget(key);
        answers.put(key, answer);
        rows += answer.result.size();
        for (Iterator<Map.Entry<Key, Answer>> it = answers.entrySet().iterator();
             (rows > maxRows || answers.size() > maxAnswers) && it.hasNext(); ) {
            rows -= it.next().getValue().result.size();
            it.remove();
        }
    }

    private void forget(Key key) {
        Answer removed = answers.remove(key);
        if (removed != null) {
            rows -= removed.result.size();
        }
    }

    private boolean fresh(Answer answer) {
        return age(answer).compareTo(ttl) < 0;
    }

    private Duration age(Answer answer) {
        return Duration.between(answer.computedAt, clock.instant());
    }

    private QueryResult fromCache(Answer answer) {
        String note = "answered from the result cache, computed " + age(answer).toMillis() + " ms ago";
        List<Explanation> explanations = new ArrayList<>();
        for (Explanation e : answer.result.explanations()) {
            explanations.add(Execution.withNotes(e, List.of(note)));
        }
        QueryResult r = answer.result;
        return new QueryResult(r.entity(), r.columns(), r.rows(), ExecutionStats.NONE, explanations);
    }

    private record Key(Query query, LocalDate today) {
    }

    private record Answer(QueryResult result, Set<String> entitiesRead, Instant computedAt) {
    }

    /** Configures a {@link QueryResultCache}. */
    public static final class Builder {
        private Duration ttl = Duration.ofSeconds(30);
        private int maxAnswers = 1_000;
        private long maxRows = 200_000;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** How long an answer is given before it is computed again (default 30 seconds); positive. */
        public Builder ttl(Duration value) {
            Objects.requireNonNull(value, "ttl");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("ttl must be positive, got " + value + "; to not cache, give the engine no result cache");
            }
            this.ttl = value;
            return this;
        }

        /** The most answers kept (default 1,000); at least 1. */
        public Builder maxAnswers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxAnswers must be at least 1, got " + value);
            }
            this.maxAnswers = value;
            return this;
        }

        /** The most rows kept across all answers (default 200,000); at least 1. */
        public Builder maxRows(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxRows must be at least 1, got " + value);
            }
            this.maxRows = value;
            return this;
        }

        /** The clock that ages answers (default: the system clock). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public QueryResultCache build() {
            return new QueryResultCache(this);
        }
    }
}
