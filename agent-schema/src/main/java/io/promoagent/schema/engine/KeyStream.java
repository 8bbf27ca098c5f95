package io.promoagent.schema.engine;

import io.promoagent.schema.eval.Values;
import io.promoagent.schema.source.SourceCursor;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The keys of a semi-join as they are read: the non-null values of one field of a source's rows, or a list
 * known beforehand. Closing it closes the source's cursor and books its cost, once.
 */
final class KeyStream implements Iterator<Object>, AutoCloseable {

    private final Execution ex;
    private final SourceCursor cursor;
    private final String field;
    private final Iterator<Object> listed;
    private Object next;
    private boolean closed;

    private KeyStream(Execution ex, SourceCursor cursor, String field, Iterator<Object> listed) {
        this.ex = ex;
        this.cursor = cursor;
        this.field = field;
        this.listed = listed;
    }

    /** The values of {@code field} of the rows {@code cursor} reads, nulls skipped. */
    static KeyStream of(Execution ex, SourceCursor cursor, String field) {
        return new KeyStream(ex, cursor, field, null);
    }

    static KeyStream of(List<Object> keys) {
        return new KeyStream(null, null, null, List.copyOf(keys).iterator());
    }

    @Override
    public boolean hasNext() {
        while (next == null && !closed) {
            if (listed != null) {
                if (!listed.hasNext()) {
                    break;
                }
                next = listed.next();
            } else if (cursor.hasNext()) {
                next = Values.canonical(cursor.next().valueOrNull(field));
            } else {
                close();
            }
        }
        return next != null;
    }

    @Override
    public Object next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object key = next;
        next = null;
        return key;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (cursor != null) {
                ex.closed(cursor);
            }
        }
    }
}
