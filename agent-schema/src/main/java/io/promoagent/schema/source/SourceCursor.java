package io.promoagent.schema.source;

import java.util.Iterator;

/**
 * The records of a {@link SourceQuery}, read page by page as they are consumed. Close it to stop early;
 * {@link #stats()} counts what was read so far.
 */
public interface SourceCursor extends Iterator<Row>, AutoCloseable {

    ExecutionStats stats();

    /** How the source is executing the query. */
    Explanation explanation();

    @Override
    void close();
}
