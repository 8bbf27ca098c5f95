package io.promoagent.example.cli;

import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.DistinctKeySource;
import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.ForwardingCursor;
import io.promoagent.schema.source.PushedQuery;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.source.WholeQuerySource;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Optional;
import java.util.Set;

/**
 * A data source in front of another that adds up what the reads made through it cost, so that a benchmark
 * can tell the sources of one query apart ({@link io.promoagent.schema.engine.QueryResult#stats()} sums
 * them). It offers whole queries exactly when the source behind it does, reads distinct keys exactly when
 * the source behind it does (so that the engine takes the same path through it as without it), and tells a
 * listener of every row it hands out.
 */
sealed class CountingSource implements WholeQuerySource permits CountingSource.Distinct {

    private final DataSource source;
    private final Runnable onRow;
    // Cursors are let go once closed (their counts kept), so that counting holds no rows the engine let go.
    private final Set<SourceCursor> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private ExecutionStats closed = ExecutionStats.NONE;

    private CountingSource(DataSource source, Runnable onRow) {
        this.source = source;
        this.onRow = onRow;
    }

    /** Counts the reads made through {@code source}, a {@link DistinctKeySource} when it is one. */
    static CountingSource over(DataSource source, Runnable onRow) {
        return source instanceof DistinctKeySource distinct ? new Distinct(distinct, onRow) : new CountingSource(source, onRow);
    }

    /** What the cursors opened since the last {@link #reset()} read, closed or not, read to their end or not. */
    synchronized ExecutionStats stats() {
        ExecutionStats total = closed;
        for (SourceCursor c : open) {
            total = total.plus(c.stats());
        }
        return total;
    }

    synchronized void reset() {
        open.clear();
        closed = ExecutionStats.NONE;
    }

    private synchronized void closed(SourceCursor cursor) {
        if (open.remove(cursor)) {
            closed = closed.plus(cursor.stats());
        }
    }

    @Override
    public String id() {
        return source.id();
    }

    @Override
    public SourceCursor open(SourceQuery query) {
        return counted(source.open(query));
    }

    @Override
    public Explanation explain(SourceQuery query) {
        return source.explain(query);
    }

    @Override
    public Optional<SourceCursor> open(PushedQuery query) {
        return source instanceof WholeQuerySource whole ? whole.open(query).map(this::counted) : Optional.empty();
    }

    @Override
    public Optional<Explanation> explain(PushedQuery query) {
        return source instanceof WholeQuerySource whole ? whole.explain(query) : Optional.empty();
    }

    final synchronized SourceCursor counted(SourceCursor cursor) {
        open.add(cursor);
        return new ForwardingCursor(cursor) {
            @Override
            public Row next() {
                Row row = super.next();
                onRow.run();
                return row;
            }

            @Override
            public void close() {
                super.close();
                closed(cursor);
            }
        };
    }

    /** A counting source over one that reads distinct keys, counting those reads too. */
    static final class Distinct extends CountingSource implements DistinctKeySource {

        private final DistinctKeySource source;

        private Distinct(DistinctKeySource source, Runnable onRow) {
            super(source, onRow);
            this.source = source;
        }

        @Override
        public SourceCursor openDistinct(SourceQuery query) {
            return counted(source.openDistinct(query));
        }

        @Override
        public Explanation explainDistinct(SourceQuery query) {
            return source.explainDistinct(query);
        }
    }
}
