package io.promoagent.example.cli;

import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Explanation;
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
 * them). It offers whole queries exactly when the source behind it does, and tells a listener of every row
 * it hands out.
 */
final class CountingSource implements WholeQuerySource {

    private final DataSource source;
    private final Runnable onRow;
    // Cursors are let go once closed (their counts kept), so that counting holds no rows the engine let go.
    private final Set<SourceCursor> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private ExecutionStats closed = ExecutionStats.NONE;

    CountingSource(DataSource source, Runnable onRow) {
        this.source = source;
        this.onRow = onRow;
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

    private synchronized SourceCursor counted(SourceCursor cursor) {
        open.add(cursor);
        return new SourceCursor() {
            @Override
            public boolean hasNext() {
                return cursor.hasNext();
            }

            @Override
            public Row next() {
                Row row = cursor.next();
                onRow.run();
                return row;
            }

            @Override
            public ExecutionStats stats() {
                return cursor.stats();
            }

            @Override
            public Explanation explanation() {
                return cursor.explanation();
            }

            @Override
            public void close() {
                cursor.close();
                closed(cursor);
            }
        };
    }
}
