package io.promoagent.jdbc.internal;

import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.PushedQuery;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Compiles and runs reads: each query is one statement in a read-only transaction, with a statement
 * timeout, a row cap and cancellation; {@code explain} asks PostgreSQL's planner without running it.
 */
public final class SqlReads implements AutoCloseable {

    private final javax.sql.DataSource dataSource;
    private final Mapping mapping;
    private final Duration timeout;
    private final int maxRows;
    private final int fetchSize;
    private final Cancellation cancellation = new Cancellation();

    /** The note that says a statement is a whole query, which the engine handed over rather than reading entity by entity. */
    public static final String WHOLE_QUERY = "the whole query in this statement";

    public SqlReads(javax.sql.DataSource dataSource, Mapping mapping, Duration timeout, int maxRows, int fetchSize) {
        this.dataSource = dataSource;
        this.mapping = mapping;
        this.timeout = timeout;
        this.maxRows = maxRows;
        this.fetchSize = fetchSize;
    }

    public SourceCursor open(SourceQuery query) {
        return run(EntitySelect.compile(mapping, query));
    }

    /** The distinct values of the query's one field ({@link io.promoagent.schema.source.DistinctKeySource}). */
    public SourceCursor openDistinct(SourceQuery query) {
        return run(EntitySelect.compileDistinct(mapping, query));
    }

    public Explanation explainDistinct(SourceQuery query) {
        return estimate(EntitySelect.compileDistinct(mapping, query));
    }

    public Optional<SourceCursor> open(PushedQuery query) {
        return whole(query).map(this::run);
    }

    public Explanation explain(SourceQuery query) {
        return estimate(EntitySelect.compile(mapping, query));
    }

    public Optional<Explanation> explain(PushedQuery query) {
        return whole(query).map(this::estimate);
    }

    /** The whole query as one statement, or empty when it reaches another source or has a construct not compiled. */
    private Optional<Compiled> whole(PushedQuery query) {
        try {
            KnownConstructs.check(query.query());
            Compiled c = query.query().isAggregate() ? AggregateSelect.compile(mapping, query)
                    : PlainSelect.compile(mapping, query);
            List<String> notes = new ArrayList<>();
            notes.add(WHOLE_QUERY);
            notes.addAll(c.notes());
            return Optional.of(new Compiled(c.sql(), c.outputs(), c.finish(), c.tables(), notes));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    private SourceCursor run(Compiled compiled) {
        Connection c = Connections.open(dataSource);
        PreparedStatement s = null;
        try {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            s = c.prepareStatement(compiled.sql().text(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            prepare(s);
            s.setMaxRows(maxRows == Integer.MAX_VALUE ? 0 : maxRows + 1);
            JdbcValues.bind(s, compiled.sql().params());
            PreparedStatement statement = s;
            ResultSet rs = cancellation.during(s, statement::executeQuery);
            return new JdbcCursor(c, s, rs, compiled, explanation(compiled, Optional.empty()), maxRows, cancellation);
        } catch (SQLException e) {
            discard(c, s);
            throw Connections.failure("the query on " + String.join(", ", compiled.tables()), e);
        } catch (RuntimeException e) {
            discard(c, s);
            throw e;
        }
    }

    private Explanation estimate(Compiled compiled) {
        Connection c = Connections.open(dataSource);
        PreparedStatement s = null;
        try {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            s = c.prepareStatement("EXPLAIN (FORMAT JSON) " + compiled.sql().text());
            prepare(s);
            JdbcValues.bind(s, compiled.sql().params());
            PreparedStatement statement = s;
            String json;
            try (ResultSet rs = cancellation.during(s, statement::executeQuery)) {
                rs.next();
                json = rs.getString(1);
            }
            c.rollback();
            return explanation(compiled, Optional.of(PlanEstimate.parse(json)));
        } catch (SQLException e) {
            throw Connections.failure("explaining the query on " + String.join(", ", compiled.tables()), e);
        } finally {
            discard(c, s);
        }
    }

    private void prepare(PreparedStatement s) throws SQLException {
        s.setFetchSize(fetchSize);
        long ms = timeout.toMillis();
        org.postgresql.PGStatement pg = s.isWrapperFor(org.postgresql.PGStatement.class)
                ? s.unwrap(org.postgresql.PGStatement.class) : null;
        if (pg instanceof org.postgresql.jdbc.PgStatement p) {
            p.setQueryTimeoutMs(ms);
        } else {
            s.setQueryTimeout((int) Math.max(1, (ms + 999) / 1000));
        }
    }

    private Explanation explanation(Compiled compiled, Optional<PlanEstimate> estimate) {
        List<String> notes = new ArrayList<>();
        notes.add("one statement in a read-only transaction; parameters: " + parameters(compiled.sql()));
        estimate.ifPresent(e -> {
            notes.add(String.format(Locale.ROOT, "estimated total cost: %.2f (PostgreSQL planner units)", e.totalCost()));
            notes.add("estimated rows: " + e.estimatedRows());
            notes.add("plan: " + String.join(" > ", e.nodes()));
        });
        notes.addAll(compiled.notes());
        return new Explanation(mapping.sourceId(), "SELECT", String.join(", ", compiled.tables()), compiled.sql().text(),
                0, estimate.map(e -> OptionalLong.of(e.estimatedRows())).orElse(OptionalLong.empty()), notes);
    }

    private static String parameters(Sql sql) {
        List<String> out = new ArrayList<>();
        List<Sql.Param> params = sql.params();
        for (int i = 0; i < params.size(); i++) {
            Object v = params.get(i).value();
            if (v instanceof Sql.Array a) {
                out.add("$" + (i + 1) + "=" + arrayText(a));
                continue;
            }
            out.add("$" + (i + 1) + "=" + (v instanceof String s ? "'" + s.replace("'", "''") + "'" : String.valueOf(v)));
        }
        return out.isEmpty() ? "none" : String.join(", ", out);
    }

    /** An array parameter as its first values and its size: a semi-join batch may hold thousands of keys. */
    private static String arrayText(Sql.Array a) {
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < Math.min(5, a.values().size()); i++) {
            shown.add(String.valueOf(a.values().get(i)));
        }
        return "{" + String.join(", ", shown) + (a.values().size() > 5 ? ", ..." : "") + "} (" + a.values().size()
                + " values)";
    }

    private static void discard(Connection c, PreparedStatement s) {
        try {
            if (s != null) {
                s.close();
            }
            if (!c.getAutoCommit()) {
                c.rollback();
            }
        } catch (SQLException e) {
            // the connection is gone; closing it below is all that is left
        } finally {
            try {
                c.close();
            } catch (SQLException e) {
                // already closed
            }
        }
    }

    /** Stops the cancellation watcher. */
    @Override
    public void close() {
        cancellation.close();
    }
}
