package io.promoagent.jdbc.store;

import io.promoagent.core.audit.AuditConflictException;
import io.promoagent.core.audit.AuditException;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditStore;
import io.promoagent.jdbc.internal.Tables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The audit chain in a PostgreSQL table shared by every instance of a service: one row per record, keyed by
 * chain id and sequence, holding the record's exact JSON. An append is an {@code INSERT}; of two instances
 * that both read head {@code n} and both append {@code n + 1}, the primary key lets one win and the other
 * gets an {@link AuditConflictException}, re-reads the head and links after the winner, so the chain never
 * forks. As with the other stores, {@link io.promoagent.core.audit.AuditVerifier} finds a writer that does
 * not link to the head.
 */
public final class JdbcAuditStore implements AuditStore {

    /** The chain id used when none is given. */
    public static final String DEFAULT_CHAIN = "audit";

    private final javax.sql.DataSource dataSource;
    private final String table;
    private final String chain;

    /** The chain {@link #DEFAULT_CHAIN} in {@code table}. */
    public JdbcAuditStore(javax.sql.DataSource dataSource, String table) {
        this(dataSource, table, DEFAULT_CHAIN);
    }

    /** The chain {@code chain} in {@code table}. */
    public JdbcAuditStore(javax.sql.DataSource dataSource, String table, String chain) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = Tables.quoted(Objects.requireNonNull(table, "table"));
        this.chain = Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chain id must not be empty");
        }
    }

    /** Creates the table unless it exists. */
    public static void createTable(javax.sql.DataSource dataSource, String table) {
        try {
            Tables.run(dataSource, "CREATE TABLE IF NOT EXISTS " + Tables.quoted(table)
                    + " (chain text NOT NULL, seq bigint NOT NULL, hash text NOT NULL, record text NOT NULL,"
                    + " PRIMARY KEY (chain, seq))", s -> s.execute());
        } catch (SQLException e) {
            throw new AuditException("cannot create the audit table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void append(AuditRecord record) {
        try {
            Tables.run(dataSource, "INSERT INTO " + table + " (chain, seq, hash, record) VALUES (?, ?, ?, ?)", s -> {
                s.setString(1, chain);
                s.setLong(2, record.sequence());
                s.setString(3, record.hash());
                s.setString(4, record.toJson());
                return s.executeUpdate();
            });
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new AuditConflictException(record.sequence(), "audit record " + record.sequence() + " of chain '"
                        + chain + "' exists already", e);
            }
            throw failure("appending audit record " + record.sequence(), e);
        }
    }

    @Override
    public Optional<AuditRecord> head() {
        List<AuditRecord> last = select("SELECT record FROM " + table + " WHERE chain = ? ORDER BY seq DESC LIMIT 1", 0, 1);
        return last.stream().findFirst();
    }

    @Override
    public List<AuditRecord> read(long fromSequence, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        return select("SELECT record FROM " + table + " WHERE chain = ? AND seq >= ? ORDER BY seq LIMIT ?",
                Math.max(fromSequence, 1), limit);
    }

    /** The chain id. */
    public String chain() {
        return chain;
    }

    private List<AuditRecord> select(String sql, long from, int limit) {
        try {
            return Tables.run(dataSource, sql, s -> {
                s.setString(1, chain);
                if (sql.contains("seq >= ?")) {
                    s.setLong(2, from);
                    s.setInt(3, limit);
                }
                List<AuditRecord> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(AuditRecord.fromJson(rs.getString(1)));
                    }
                }
                return List.copyOf(out);
            });
        } catch (SQLException e) {
            throw failure("reading the audit chain", e);
        }
    }

    private AuditException failure(String what, SQLException e) {
        return new AuditException(what + " in table " + table + " failed: " + e.getMessage(), e);
    }
}
