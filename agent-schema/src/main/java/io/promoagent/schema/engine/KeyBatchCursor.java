package io.promoagent.schema.engine;

import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A semi-join's keys pushed into the outer source in batches: one source call per batch ({@code field in
 * (batch)} with the rest of the filter), opened only when the previous batch is used up, so a limit stops
 * early. The keys are pulled from a {@link KeyStream} one batch at a time, so memory holds one batch of keys
 * whether they were counted beforehand or are streamed from the related source as it reads them.
 *
 * <p>Each batch's cost is booked when it closes, the key stream's when it ends or this closes; its own stats
 * are none.
 */
final class KeyBatchCursor implements SourceCursor {

    private final Execution ex;
    private final String site;
    private final SourceQuery base;
    private final String field;
    private final KeyStream keys;
    private final int batchSize;
    private final List<String> notes;
    private SourceCursor current;
    private long returned;
    private Explanation first;

    KeyBatchCursor(Execution ex, String site, SourceQuery base, String field, KeyStream keys, int batchSize,
                   List<String> notes) {
        this.ex = ex;
        this.site = site;
        this.base = base;
        this.field = field;
        this.keys = keys;
        this.batchSize = batchSize;
        this.notes = List.copyOf(notes);
        advance();
    }

    private boolean advance() {
        if (base.limit().isPresent() && returned >= base.limit().getAsInt()) {
            close(); // the limit is met: no further batch, and no further key read
            return false;
        }
        if (current != null) {
            SourceCursor done = current;
            current = null;
            ex.closed(done);
        }
        List<Object> batch = new ArrayList<>();
        while (batch.size() < batchSize && keys.hasNext()) {
            batch.add(keys.next());
        }
        if (batch.isEmpty()) {
            return false;
        }
        // a batch in key order whatever order the keys came in: the same statement for the same keys
        batch.sort(Values::compare);
        List<Filter> parts = new ArrayList<>();
        base.filter().ifPresent(parts::add);
        parts.add(new Compare(field, Operator.IN, batch, false));
        OptionalInt left = base.limit().isPresent() ? OptionalInt.of(base.limit().getAsInt() - (int) returned)
                : OptionalInt.empty();
        current = ex.openBatch(site, new SourceQuery(base.entity(), Filters.and(parts), base.fields(), left), notes);
        if (first == null) {
            first = current.explanation();
        }
        return true;
    }

    @Override
    public boolean hasNext() {
        while (current != null && !current.hasNext()) {
            if (!advance()) {
                return false;
            }
        }
        return current != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        returned++;
        return current.next();
    }

    @Override
    public ExecutionStats stats() {
        return ExecutionStats.NONE;
    }

    @Override
    public Explanation explanation() {
        return Optional.ofNullable(first).orElseThrow();
    }

    @Override
    public void close() {
        if (current != null) {
            SourceCursor done = current;
            current = null;
            ex.closed(done);
        }
        keys.close();
    }
}
