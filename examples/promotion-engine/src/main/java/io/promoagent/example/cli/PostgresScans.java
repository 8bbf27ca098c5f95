package io.promoagent.example.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The rows PostgreSQL examined in the user tables, from its statistics ({@code pg_stat_user_tables}:
 * tuples read by sequential scans plus tuples fetched through indexes). PostgreSQL 14 sends these counts to
 * its statistics collector when a session's transaction ends or the session closes, and a reader sees them
 * up to half a second late, so a reading waits until the count has stopped changing.
 */
final class PostgresScans {

    private static final long SETTLE_MILLIS = 700;
    private static final int MAX_READINGS = 12;

    private final javax.sql.DataSource database;

    PostgresScans(javax.sql.DataSource database) {
        this.database = database;
    }

    /** The rows examined so far over all user tables, once the count is stable. */
    long settled() {
        long previous = read();
        for (int i = 0; i < MAX_READINGS; i++) {
            sleep();
            long now = read();
            if (now == previous) {
                return now;
            }
            previous = now;
        }
        return previous;
    }

    private long read() {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            try (ResultSet rs = s.executeQuery("SELECT coalesce(sum(seq_tup_read), 0) + coalesce(sum(idx_tup_fetch), 0)"
                    + " FROM pg_stat_user_tables")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read PostgreSQL's statistics: " + e.getMessage(), e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading PostgreSQL's statistics", e);
        }
    }
}
