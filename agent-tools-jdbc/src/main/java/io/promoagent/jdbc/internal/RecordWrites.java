package io.promoagent.jdbc.internal;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.WriteState;
import io.promoagent.core.change.AffectedRecord.Operation;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.core.change.WriteConflictException;
import io.promoagent.core.ToolException;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes approved changes in one transaction: the idempotency token is claimed first (a repeat returns the
 * result kept with it), every record is read and locked ({@code SELECT ... FOR UPDATE}) and checked against
 * the version its change previewed, then written; the result is kept with the token and committed with the
 * writes. Any failed condition rolls everything back.
 */
public final class RecordWrites {

    /** The table that remembers tokens and results, created on first use. */
    public static final String TOKENS_TABLE = "promo_agent_writes";

    private final javax.sql.DataSource dataSource;
    private final Mapping mapping;
    private final int maxRecords;
    private volatile boolean tokensTableReady;

    public RecordWrites(javax.sql.DataSource dataSource, Mapping mapping, int maxRecords) {
        this.dataSource = dataSource;
        this.mapping = mapping;
        this.maxRecords = maxRecords;
    }

    public List<AffectedRecord> write(List<AffectedRecord> changes, String token) {
        check(changes, token);
        ensureTokensTable();
        String hash = RecordCodec.hash(changes);
        Connection c = Connections.open(dataSource);
        try {
            c.setAutoCommit(false);
            Optional<List<AffectedRecord>> earlier = claim(c, token, hash);
            if (earlier.isPresent()) {
                c.rollback();
                return earlier.get();
            }
            List<Optional<Row>> current = new ArrayList<>();
            for (AffectedRecord change : changes) {
                Entity e = mapping.model().requireEntity(change.entity());
                Optional<Row> row = select(c, e, change.key(), true);
                conflict(e, change, row).ifPresent(x -> {
                    throw x;
                });
                current.add(row);
            }
            List<AffectedRecord> done = new ArrayList<>();
            for (int i = 0; i < changes.size(); i++) {
                done.add(apply(c, changes.get(i), current.get(i)));
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE " + Sql.quote(TOKENS_TABLE)
                    + " SET result = ? WHERE token = ?")) {
                s.setString(1, RecordCodec.write(done));
                s.setString(2, token);
                s.executeUpdate();
            }
            c.commit();
            return done;
        } catch (SQLException e) {
            rollback(c);
            throw new ToolException("writing " + changes.size() + " records failed, nothing was written: "
                    + Connections.failure("the write", e).getMessage(), e);
        } catch (RuntimeException e) {
            rollback(c);
            throw e;
        } finally {
            close(c);
        }
    }

    private void check(List<AffectedRecord> changes, String token) {
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("no changes to write");
        }
        if (token == null || token.isEmpty() || token.length() > 36) {
            throw new IllegalArgumentException("an idempotency token has 1 to 36 characters");
        }
        if (changes.size() > maxRecords) {
            throw new ToolException("a change set of " + changes.size() + " records exceeds the " + maxRecords
                    + " this writer writes in one transaction; nothing was written");
        }
        Set<String> seen = new HashSet<>();
        for (AffectedRecord change : changes) {
            Entity e = mapping.model().entity(change.entity()).orElseThrow(() ->
                    new IllegalArgumentException("unknown entity '" + change.entity() + "'"));
            if (!mapping.owns(e)) {
                throw new IllegalArgumentException("entity '" + e.name() + "' lives in source '" + e.source()
                        + "', not in '" + mapping.sourceId() + "'");
            }
            if (change.operation() == Operation.SEND) {
                throw new IllegalArgumentException("a send is not a write: " + change.entity() + " " + change.key());
            }
            if (change.operation() != Operation.CREATE && change.version().isEmpty()) {
                throw new IllegalArgumentException("an " + change.operation().jsonName() + " of " + e.name() + " "
                        + change.key() + " needs the version it previewed");
            }
            Set<String> keyFields = new HashSet<>(keyFields(e));
            if (!change.key().keySet().equals(keyFields)) {
                throw new IllegalArgumentException("the key of " + e.name() + " is " + keyFields + ", not " + change.key().keySet());
            }
            change.after().ifPresent(after -> {
                for (String k : keyFields) {
                    if (!io.promoagent.schema.eval.Values.same(after.valueOrNull(k), change.key().get(k))) {
                        throw new IllegalArgumentException("the after-image of " + e.name() + " " + change.key()
                                + " has another key: " + k + " = " + after.valueOrNull(k));
                    }
                }
                after.values().forEach((f, v) -> {
                    if (v instanceof String s && s.indexOf('\0') >= 0) {
                        throw new IllegalArgumentException("field '" + f + "' of " + e.name() + " " + change.key()
                                + " holds a NUL character, which PostgreSQL text cannot store");
                    }
                });
            });
            if (!seen.add(e.name() + "\0" + change.key())) {
                throw new IllegalArgumentException("two changes to " + e.name() + " " + change.key() + " in one write");
            }
        }
    }

    /** Claims the token, or returns the result of the earlier write that claimed it with the same changes. */
    private Optional<List<AffectedRecord>> claim(Connection c, String token, String hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + Sql.quote(TOKENS_TABLE)
                + " (token, changes_hash) VALUES (?, ?) ON CONFLICT (token) DO NOTHING")) {
            s.setString(1, token);
            s.setString(2, hash);
            if (s.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT changes_hash, result FROM " + Sql.quote(TOKENS_TABLE)
                + " WHERE token = ?")) {
            s.setString(1, token);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                if (!rs.getString(1).equals(hash) || rs.getString(2) == null) {
                    throw new IllegalArgumentException("the idempotency token '" + token
                            + "' was used for other changes; nothing was written");
                }
                return Optional.of(RecordCodec.read(rs.getString(2)));
            }
        }
    }

    private static Optional<WriteConflictException> conflict(Entity e, AffectedRecord change, Optional<Row> row) {
        if (change.operation() == Operation.CREATE) {
            return row.isPresent() ? Optional.of(WriteConflictException.alreadyExists(e.name(), change.key())) : Optional.empty();
        }
        if (row.isEmpty()) {
            return Optional.of(WriteConflictException.notFound(e.name(), change.key(), change.operation()));
        }
        String actual = RecordVersion.of(e, row.get());
        if (!actual.equals(change.version().orElseThrow())) {
            return Optional.of(WriteConflictException.versionChanged(e.name(), change.key(), change.operation(),
                    change.version().get(), actual));
        }
        return Optional.empty();
    }

    private AffectedRecord apply(Connection c, AffectedRecord change, Optional<Row> before) throws SQLException {
        Entity e = mapping.model().requireEntity(change.entity());
        boolean versioned = RecordVersion.isVersioned(e);
        try {
            switch (change.operation()) {
                case CREATE -> {
                    Map<String, Object> values = new LinkedHashMap<>(change.after().orElseThrow().values());
                    if (versioned && !values.containsKey(RecordVersion.FIELD)) {
                        values.put(RecordVersion.FIELD, BigDecimal.ONE);
                    }
                    insert(c, e, values);
                }
                case UPDATE -> {
                    Map<String, Object> set = new LinkedHashMap<>(change.after().orElseThrow().values());
                    change.before().ifPresent(b -> b.values().keySet().forEach(f -> set.putIfAbsent(f, null)));
                    keyFields(e).forEach(set::remove);
                    if (versioned) {
                        set.put(RecordVersion.FIELD, BigDecimal.valueOf(RecordVersion.number(before.orElseThrow()) + 1));
                    }
                    update(c, e, change.key(), set);
                }
                default -> delete(c, e, change.key());
            }
        } catch (SQLException ex) {
            if ("23505".equals(ex.getSQLState())) {
                throw WriteConflictException.duplicateValue(e.name(), change.key(), change.operation(), uniqueField(e, ex));
            }
            throw ex;
        }
        Optional<Row> after = change.operation() == Operation.DELETE ? Optional.empty() : select(c, e, change.key(), false);
        String version = RecordVersion.of(e, after.orElseGet(before::orElseThrow));
        return new AffectedRecord(e.name(), change.key(), change.operation(), before, after, Optional.of(version));
    }

    private Optional<Row> select(Connection c, Entity e, Map<String, Object> key, boolean lock) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (Field f : e.fields()) {
            if (mapping.stored(e, f.name())) {
                columns.add(Sql.quote(mapping.column(e, f.name())));
            }
        }
        Sql sql = new Sql().append("SELECT " + String.join(", ", columns) + " FROM " + Sql.quote(mapping.table(e)));
        where(sql, e, key);
        if (lock) {
            sql.append(" FOR UPDATE");
        }
        try (PreparedStatement s = c.prepareStatement(sql.text())) {
            JdbcValues.bind(s, sql.params());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Map<String, Object> values = new LinkedHashMap<>();
                int i = 1;
                for (Field f : e.fields()) {
                    if (mapping.stored(e, f.name())) {
                        values.put(f.name(), JdbcValues.read(rs, i++, f.type(), mapping.type(e, f.name())));
                    }
                }
                return Optional.of(new Row(values));
            }
        }
    }

    private void insert(Connection c, Entity e, Map<String, Object> values) throws SQLException {
        Sql sql = new Sql().append("INSERT INTO " + Sql.quote(mapping.table(e)) + " (");
        Sql params = new Sql();
        boolean first = true;
        for (Field f : e.fields()) {
            if (values.containsKey(f.name()) && mapping.stored(e, f.name())) {
                sql.append((first ? "" : ", ") + Sql.quote(mapping.column(e, f.name())));
                params.append(first ? "" : ", ").param(values.get(f.name()), mapping.type(e, f.name()));
                first = false;
            }
        }
        sql.append(") VALUES (").append(params).append(")");
        execute(c, sql);
    }

    private void update(Connection c, Entity e, Map<String, Object> key, Map<String, Object> set) throws SQLException {
        Sql sql = new Sql().append("UPDATE " + Sql.quote(mapping.table(e)) + " SET ");
        boolean first = true;
        for (Field f : e.fields()) {
            if (set.containsKey(f.name()) && mapping.stored(e, f.name())) {
                sql.append((first ? "" : ", ") + Sql.quote(mapping.column(e, f.name())) + " = ")
                        .param(set.get(f.name()), mapping.type(e, f.name()));
                first = false;
            }
        }
        if (first) {
            return; // nothing but the key: the record stays as it is
        }
        where(sql, e, key);
        execute(c, sql);
    }

    private void delete(Connection c, Entity e, Map<String, Object> key) throws SQLException {
        Sql sql = new Sql().append("DELETE FROM " + Sql.quote(mapping.table(e)));
        where(sql, e, key);
        execute(c, sql);
    }

    private void where(Sql sql, Entity e, Map<String, Object> key) {
        String and = " WHERE ";
        for (String k : keyFields(e)) {
            sql.append(and + Sql.quote(mapping.column(e, k)) + " = ").param(key.get(k), mapping.type(e, k));
            and = " AND ";
        }
    }

    private static void execute(Connection c, Sql sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql.text())) {
            JdbcValues.bind(s, sql.params());
            s.executeUpdate();
        }
    }

    /** The field whose unique constraint a write violated, from the server's detail ({@code Key (code)=(...)}). */
    private String uniqueField(Entity e, SQLException ex) {
        String message = String.valueOf(ex.getMessage());
        int open = message.indexOf("Key (");
        int close = open < 0 ? -1 : message.indexOf(")=", open);
        String column = open < 0 || close < 0 ? "" : message.substring(open + 5, close).replace("\"", "");
        for (Field f : e.fields()) {
            if (mapping.column(e, f.name()).equals(column)) {
                return f.name();
            }
        }
        return column.isEmpty() ? "a unique field" : column;
    }

    private static List<String> keyFields(Entity e) {
        List<String> keys = new ArrayList<>();
        keys.add(e.key().partition());
        e.key().sort().ifPresent(keys::add);
        return keys;
    }

    /**
     * Whether the write {@code token} identifies happened: its token row is committed in the same transaction
     * as the records, so a row with a result means written and no row means not; a database that cannot be
     * asked answers unknown.
     */
    public WriteState written(String token) {
        try {
            ensureTokensTable();
        } catch (ToolException e) {
            return WriteState.UNKNOWN;
        }
        try (Connection c = Connections.open(dataSource);
             PreparedStatement s = c.prepareStatement("SELECT result IS NOT NULL FROM " + Sql.quote(TOKENS_TABLE)
                     + " WHERE token = ?")) {
            s.setString(1, token);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getBoolean(1) ? WriteState.WRITTEN : WriteState.NOT_WRITTEN;
            }
        } catch (SQLException | RuntimeException e) {
            return WriteState.UNKNOWN;
        }
    }

    private void ensureTokensTable() {
        if (tokensTableReady) {
            return;
        }
        try (Connection c = Connections.open(dataSource); java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + Sql.quote(TOKENS_TABLE) + " (token text PRIMARY KEY,"
                    + " changes_hash text NOT NULL, result text, written_at timestamptz NOT NULL DEFAULT now())");
            tokensTableReady = true;
        } catch (SQLException e) {
            throw new ToolException("cannot create the table " + TOKENS_TABLE + ": " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is lost: the server rolls the transaction back itself
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // already closed
        }
    }
}
