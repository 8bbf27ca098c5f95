package io.promoagent.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** Small statements of the stores: one connection, one statement, autocommit. */
public final class Tables {

    private Tables() {
    }

    /** Work on one prepared statement. */
    @FunctionalInterface
    public interface Work<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    public static <T> T run(javax.sql.DataSource dataSource, String sql, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            return work.run(s);
        }
    }

    /** A table name quoted for a statement. */
    public static String quoted(String table) {
        return Sql.quote(table);
    }
}
