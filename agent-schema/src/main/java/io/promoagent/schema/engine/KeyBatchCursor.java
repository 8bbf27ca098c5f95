package io.promoagent.schema.engine;

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

/**
 * A semi-join's keys pushed into the outer source in batches, when more qualify than one request takes but
 * fewer than the outer read would return: one source call per batch ({@code field in (batch)} with the rest
 * of the filter), opened only when the previous batch is used up, so a limit stops early.
 *
 * <p>Each batch's cost is booked when it closes; its own stats are none.
 */
final class KeyBatchCursor implements SourceCursor {

    private final Execution ex;
    private final String site;
    private final SourceQuery base;
    private final String field;
    private final List<Object> keys;
    private final int batchSize;
    private final List<String> notes;
    private int next;
    private SourceCursor current;
    private Explanation first;

    KeyBatchCursor(Execution ex, String site, SourceQuery base, String field, List<Object> keys, int batchSize,
                   List<String> notes) {
        this.ex = ex;
        this.site = site;
        this.base = base;
        this.field = field;
        this.keys = List.copyOf(keys);
        this.batchSize = batchSize;
        this.notes = List.copyOf(notes);
        advance();
    }

    private boolean advance() {
        if (current != null) {
            SourceCursor done = current;
            current = null;
            ex.closed(done);
        }
        if (next >= keys.size()) {
            return false;
        }
        List<Object> batch = keys.subList(next, Math.min(keys.size(), next + batchSize));
        next += batch.size();
        List<Filter> parts = new ArrayList<>();
        base.filter().ifPresent(parts::add);
        parts.add(new Compare(field, Operator.IN, new ArrayList<>(batch), false));
        current = ex.openBatch(site, new SourceQuery(base.entity(), Filters.and(parts), base.fields(), base.limit()),
                notes);
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
        next = keys.size();
    }
}
