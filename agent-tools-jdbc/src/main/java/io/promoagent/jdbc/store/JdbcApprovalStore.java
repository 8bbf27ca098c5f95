package io.promoagent.jdbc.store;

import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.approval.ApprovalStore;
import io.promoagent.jdbc.internal.Tables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Approvals in a PostgreSQL table shared by every instance: one row per approval, keyed by its id, holding
 * the record's exact JSON, its change set id and its revision. A replace is an {@code UPDATE} conditioned on
 * the stored revision, so of two instances deciding or applying at once exactly one succeeds.
 */
public final class JdbcApprovalStore implements ApprovalStore {

    private final javax.sql.DataSource dataSource;
    private final String table;

    public JdbcApprovalStore(javax.sql.DataSource dataSource, String table) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.table = Tables.quoted(Objects.requireNonNull(table, "table"));
    }

    /** Creates the table and its index on the change set id unless they exist. */
    public static void createTable(javax.sql.DataSource dataSource, String table) {
        try {
            Tables.run(dataSource, "CREATE TABLE IF NOT EXISTS " + Tables.quoted(table) + " (approval_id text PRIMARY KEY,"
                    + " change_set_id text NOT NULL UNIQUE, status text NOT NULL, revision bigint NOT NULL, record text NOT NULL)",
                    s -> s.execute());
        } catch (SQLException e) {
            throw new ApprovalException("store_failed", "cannot create the approvals table " + table + ": " + e.getMessage());
        }
    }

    @Override
    public void create(ApprovalRecord record) {
        try {
            Tables.run(dataSource, "INSERT INTO " + table + " (approval_id, change_set_id, status, revision, record)"
                    + " VALUES (?, ?, ?, ?, ?)", s -> {
                        s.setString(1, record.approvalId());
                        s.setString(2, record.changeSet().id());
                        s.setString(3, record.status().name());
                        s.setLong(4, record.revision());
                        s.setString(5, record.toJson());
                        return s.executeUpdate();
                    });
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new ApprovalException("duplicate_approval", "approval " + record.approvalId() + " exists");
            }
            throw failure(e);
        }
    }

    @Override
    public Optional<ApprovalRecord> find(String approvalId) {
        return select("SELECT record FROM " + table + " WHERE approval_id = ?", approvalId).stream().findFirst();
    }

    @Override
    public Optional<ApprovalRecord> findByChangeSet(String changeSetId) {
        return select("SELECT record FROM " + table + " WHERE change_set_id = ?", changeSetId).stream().findFirst();
    }

    @Override
    public boolean replace(ApprovalRecord expected, ApprovalRecord next) {
        if (!expected.approvalId().equals(next.approvalId())) {
            throw new IllegalArgumentException("a replace keeps the approval id");
        }
        try {
            return Tables.run(dataSource, "UPDATE " + table + " SET status = ?, revision = ?, record = ?"
                    + " WHERE approval_id = ? AND revision = ?", s -> {
                        s.setString(1, next.status().name());
                        s.setLong(2, next.revision());
                        s.setString(3, next.toJson());
                        s.setString(4, next.approvalId());
                        s.setLong(5, expected.revision());
                        return s.executeUpdate() == 1;
                    });
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** Every approval, oldest first. */
    @Override
    public List<ApprovalRecord> list() {
        List<ApprovalRecord> out = new ArrayList<>(select("SELECT record FROM " + table, null));
        out.sort(Comparator.comparing((ApprovalRecord r) -> r.changeSet().createdAt()).thenComparing(ApprovalRecord::approvalId));
        return out;
    }

    private List<ApprovalRecord> select(String sql, String value) {
        try {
            return Tables.run(dataSource, sql, s -> {
                if (value != null) {
                    s.setString(1, value);
                }
                List<ApprovalRecord> out = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(ApprovalRecord.fromJson(rs.getString(1)));
                    }
                }
                return out;
            });
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private ApprovalException failure(SQLException e) {
        return new ApprovalException("store_failed", "the approvals table " + table + " failed: " + e.getMessage());
    }
}
