package io.promoagent.schema.engine;

import io.promoagent.schema.eval.RowPredicate;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The rows of one entity read from its source, with the part of the filter the source could not
 * evaluate applied here. Closing it closes the source cursor and books its cost.
 */
final class RowStream implements Iterator<Row>, AutoCloseable {

    private final SourceCursor cursor;
    private final Optional<Filter> residual;
    private final RowPredicate predicate;
    private final Execution execution;
    private Row next;
    private boolean closed;

    private RowStream(SourceCursor cursor, Optional<Filter> residual, RowPredicate predicate, Execution execution) {
        this.cursor = cursor;
        this.residual = residual;
        this.predicate = predicate;
        this.execution = execution;
    }

    static RowStream of(SourceCursor cursor, Optional<Filter> residual, RowPredicate predicate, Execution execution) {
        return new RowStream(cursor, residual, predicate, execution);
    }

    /** No rows, without calling any source: a semi-join found no keys. */
    static RowStream empty() {
        return new RowStream(null, Optional.empty(), null, null);
    }

    @Override
    public boolean hasNext() {
        while (next == null && !closed && cursor != null && cursor.hasNext()) {
            Row row = cursor.next();
            if (residual.isEmpty() || predicate.test(residual.get(), row)) {
                next = row;
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
        return row;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (cursor != null) {
                execution.closed(cursor);
            }
        }
    }
}
