package io.promoagent.jdbc.internal;

import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The rows of one running statement, fetched in batches inside its read-only transaction. Reading past the
 * row cap fails rather than returning part of the answer; closing early cancels the statement and rolls
 * the transaction back; a statement that needs all its rows first (an aggregate ordered in memory) reads
 * them when opened, any other is read as it is consumed.
 */
final class JdbcCursor implements SourceCursor {

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rs;
    private final Compiled compiled;
    private final Explanation explanation;
    private final int maxRows;
    private final Cancellation cancellation;
    private Iterator<Row> finished;
    private Row next;
    private boolean done;
    private long read;
    private long returned;

    JdbcCursor(Connection connection, PreparedStatement statement, ResultSet rs, Compiled compiled,
               Explanation explanation, int maxRows, Cancellation cancellation) {
        this.connection = connection;
        this.statement = statement;
        this.rs = rs;
        this.compiled = compiled;
        this.explanation = explanation;
        this.maxRows = maxRows;
        this.cancellation = cancellation;
        if (compiled.finish().isPresent()) {
            finished = compiled.finish().get().apply(statementRows());
        }
    }

    @Override
    public boolean hasNext() {
        if (finished != null) {
            return finished.hasNext();
        }
        if (next == null && !done) {
            Map<String, Object> r = fetch();
            next = r == null ? null : new Row(r);
        }
        return next != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        returned++;
        if (finished != null) {
            return finished.next();
        }
        Row r = next;
        next = null;
        return r;
    }

    /** The statement's rows, fetched as they are consumed. */
    private Iterator<Map<String, Object>> statementRows() {
        return new Iterator<>() {
            private Map<String, Object> ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    ahead = fetch();
                }
                return ahead != null;
            }

            @Override
            public Map<String, Object> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Map<String, Object> r = ahead;
                ahead = null;
                return r;
            }
        };
    }

    /** The next row of the statement, or null at its end (when the transaction is committed). */
    private Map<String, Object> fetch() {
        try {
            if (done || !cancellation.during(statement, rs::next)) {
                end(true);
                return null;
            }
            if (++read > maxRows) {
                end(false);
                throw new DataSourceException("the query returns more than " + maxRows
                        + " rows, the row cap of this source; no result was returned (narrow the query, add a limit,"
                        + " or raise maxRows)");
            }
            Map<String, Object> values = new LinkedHashMap<>();
            List<Output> outputs = compiled.outputs();
            for (int i = 0; i < outputs.size(); i++) {
                Output o = outputs.get(i);
                values.put(o.name(), JdbcValues.read(rs, i + 1, o.fieldType(), o.dbType()));
            }
            return values;
        } catch (SQLException e) {
            end(false);
            throw Connections.failure("reading the rows of " + String.join(", ", compiled.tables()), e);
        }
    }

    @Override
    public ExecutionStats stats() {
        return new ExecutionStats(0, read, returned, 1);
    }

    @Override
    public Explanation explanation() {
        return explanation;
    }

    @Override
    public void close() {
        end(false);
    }

    /** Ends the statement: committed after its last row, else cancelled and rolled back. */
    private void end(boolean complete) {
        if (done) {
            return;
        }
        done = true;
        try {
            if (!complete) {
                statement.cancel();
            }
            try {
                if (complete) {
                    connection.commit();
                } else {
                    connection.rollback();
                }
            } finally {
                rs.close();
                statement.close();
            }
        } catch (SQLException e) {
            // the connection is lost or the transaction aborted: nothing is kept, the connection is discarded
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                // already closed
            }
        }
    }
}
