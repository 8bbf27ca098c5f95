package io.promoagent.jdbc.store;

import io.promoagent.core.session.Session;
import io.promoagent.core.session.SessionStore;
import io.promoagent.jdbc.internal.Tables;
import io.promoagent.schema.source.DataSourceException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Conversations in a PostgreSQL table shared by every instance of a service: one row per session id with
 * the remembered messages as JSON (so any text, NUL included, is kept) and the time after which the session
 * may be forgotten ({@link #deleteExpired}), as the DynamoDB store's time to live.
 */
public final class JdbcSessionStore implements SessionStore {


    private final javax.sql.DataSource dataSource;
    private final String table;
    private final Duration timeToLive;

    public JdbcSessionStore(javax.sql.DataSource dataSource, String table, Duration timeToLive) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = Tables.quoted(Objects.requireNonNull(table, "table"));
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
    }

    /** Creates the table unless it exists. */
    public static void createTable(javax.sql.DataSource dataSource, String table) {
        try {
            Tables.run(dataSource, "CREATE TABLE IF NOT EXISTS " + Tables.quoted(table)
                    + " (id text PRIMARY KEY, session text NOT NULL, expires_at timestamptz NOT NULL)", s -> s.execute());
        } catch (SQLException e) {
            throw new DataSourceException("cannot create the session table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Session> find(String sessionId) {
        return parse(sessionId, stored(sessionId));
    }

    /** The session's JSON as stored, or null. */
    private String stored(String sessionId) {
        try {
            return Tables.run(dataSource, "SELECT session FROM " + table + " WHERE id = ?", s -> {
                s.setString(1, sessionId);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
        } catch (SQLException e) {
            throw new DataSourceException("cannot read session " + sessionId + ": " + e.getMessage(), e);
        }
    }

    private Optional<Session> parse(String sessionId, String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Session.fromJson(sessionId, json));
        } catch (IllegalArgumentException e) {
            throw new DataSourceException("session " + sessionId + " in table " + table + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Optimistic: the new state is written by an {@code UPDATE} that matches the row's text as it was read (an
     * {@code INSERT ... ON CONFLICT DO NOTHING} when there was no row), so a change made in between by another
     * instance, or a delete, matches nothing and the change is applied again to the newer state. Comparing the
     * whole text needs no version column, so tables made by earlier versions work as they are.
     */
    @Override
    public Session update(String sessionId, Function<Optional<Session>, Session> change) {
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            String json = stored(sessionId);
            Optional<Session> current = parse(sessionId, json);
            Session next = Objects.requireNonNull(change.apply(current), "session");
            if (current.isPresent() && current.get() == next) {
                return next;
            }
            String sql = json == null
                    ? "INSERT INTO " + table + " (session, expires_at, id) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING"
                    : "UPDATE " + table + " SET session = ?, expires_at = ? WHERE id = ? AND session = ?";
            int written;
            try {
                written = Tables.run(dataSource, sql, s -> {
                    s.setString(1, next.toJson());
                    s.setTimestamp(2, Timestamp.from(next.updatedAt().plus(timeToLive)));
                    s.setString(3, sessionId);
                    if (json != null) {
                        s.setString(4, json);
                    }
                    return s.executeUpdate();
                });
            } catch (SQLException e) {
                throw new DataSourceException("cannot save session " + sessionId + ": " + e.getMessage(), e);
            }
            if (written == 1) {
                return next;
            }
        }
        throw new DataSourceException("session " + sessionId + " kept changing while it was updated");
    }

    @Override
    public void save(Session session) {
        String json = session.toJson();
        try {
            Tables.run(dataSource, "INSERT INTO " + table + " (id, session, expires_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (id) DO UPDATE SET session = EXCLUDED.session, expires_at = EXCLUDED.expires_at", s -> {
                        s.setString(1, session.id());
                        s.setString(2, json);
                        s.setTimestamp(3, Timestamp.from(session.updatedAt().plus(timeToLive)));
                        return s.executeUpdate();
                    });
        } catch (SQLException e) {
            throw new DataSourceException("cannot save session " + session.id() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String sessionId) {
        try {
            Tables.run(dataSource, "DELETE FROM " + table + " WHERE id = ?", s -> {
                s.setString(1, sessionId);
                return s.executeUpdate();
            });
        } catch (SQLException e) {
            throw new DataSourceException("cannot delete session " + sessionId + ": " + e.getMessage(), e);
        }
    }

    /** Forgets the sessions idle for longer than the time to live at {@code now}; the number forgotten. */
    public int deleteExpired(Instant now) {
        try {
            return Tables.run(dataSource, "DELETE FROM " + table + " WHERE expires_at < ?", s -> {
                s.setTimestamp(1, Timestamp.from(now));
                return s.executeUpdate();
            });
        } catch (SQLException e) {
            throw new DataSourceException("cannot delete expired sessions: " + e.getMessage(), e);
        }
    }
}
