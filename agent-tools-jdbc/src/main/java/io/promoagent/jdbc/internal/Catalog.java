package io.promoagent.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The tables and columns of the connection's current schema, with their types, read once at start-up. */
public final class Catalog {

    private final Map<String, Map<String, DbType>> tables;

    private Catalog(Map<String, Map<String, DbType>> tables) {
        this.tables = tables;
    }

    public static Catalog read(javax.sql.DataSource dataSource) {
        Map<String, Map<String, DbType>> tables = new LinkedHashMap<>();
        try (Connection c = Connections.open(dataSource);
             PreparedStatement s = c.prepareStatement("SELECT table_name, column_name, data_type"
                     + " FROM information_schema.columns WHERE table_schema = current_schema()"
                     + " ORDER BY table_name, ordinal_position")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), DbType.of(rs.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw Connections.failure("reading the database's tables", e);
        }
        return new Catalog(tables);
    }

    /** A catalog that knows no table: columns take the types this library creates. */
    public static Catalog empty() {
        return new Catalog(Map.of());
    }

    public boolean hasTable(String table) {
        return tables.containsKey(table);
    }

    public Map<String, Map<String, DbType>> tables() {
        return tables;
    }

    public Optional<DbType> type(String table, String column) {
        Map<String, DbType> columns = tables.get(table);
        return columns == null ? Optional.empty() : Optional.ofNullable(columns.get(column));
    }
}
