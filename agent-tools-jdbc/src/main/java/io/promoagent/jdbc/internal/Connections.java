package io.promoagent.jdbc.internal;

import io.promoagent.schema.source.DataSourceException;
import java.sql.Connection;
import java.sql.SQLException;

/** Opening connections and turning JDBC failures into this library's errors with a clear cause. */
public final class Connections {

    private Connections() {
    }

    public static Connection open(javax.sql.DataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DataSourceException("cannot connect to PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** A failure of {@code what}, said plainly: a timeout, a cancel, a lost connection, or the server's message. */
    public static DataSourceException failure(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String reason;
        if (state.equals("57014")) {
            reason = "the statement was cancelled or exceeded the statement timeout";
        } else if (state.startsWith("08")) {
            reason = "the connection to PostgreSQL failed or was lost";
        } else if (state.equals("25006")) {
            reason = "a read-only transaction cannot write";
        } else {
            reason = "PostgreSQL reported an error";
        }
        return new DataSourceException(what + " failed, no result was returned: " + reason + " (SQLSTATE " + state
                + ": " + e.getMessage() + ")", e);
    }
}
