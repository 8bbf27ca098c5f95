package io.promoagent.jdbc.internal;

import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.source.Row;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Creates the tables of a data model's entities and loads rows into them (for tests, demos and the CLI). */
public final class TableWriter {

    private TableWriter() {
    }

    public static String createStatement(Mapping mapping, Entity entity) {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS " + Sql.quote(mapping.table(entity)) + " (");
        for (Field f : entity.fields()) {
            sql.append(Sql.quote(mapping.column(entity, f.name()))).append(' ').append(switch (Mapping.defaultType(f.type())) {
                case NUMERIC -> "numeric";
                case BOOLEAN -> "boolean";
                case DATE -> "date";
                default -> "text";
            }).append(", ");
        }
        sql.append("PRIMARY KEY (").append(Sql.quote(mapping.column(entity, entity.key().partition())));
        entity.key().sort().ifPresent(s -> sql.append(", ").append(Sql.quote(mapping.column(entity, s))));
        return sql.append("))").toString();
    }

    public static void create(javax.sql.DataSource dataSource, Mapping mapping) {
        try (Connection c = Connections.open(dataSource); Statement s = c.createStatement()) {
            for (Entity e : mapping.model().entities()) {
                if (mapping.owns(e)) {
                    s.execute(createStatement(mapping, e));
                }
            }
        } catch (SQLException e) {
            throw Connections.failure("creating the tables", e);
        }
    }

    public static void load(javax.sql.DataSource dataSource, Mapping mapping, Entity entity, List<Row> rows) {
        List<Field> fields = entity.fields();
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add(Sql.quote(mapping.column(entity, f.name()))));
        String sql = "INSERT INTO " + Sql.quote(mapping.table(entity)) + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(fields.size(), "?")) + ")";
        try (Connection c = Connections.open(dataSource); PreparedStatement s = c.prepareStatement(sql)) {
            c.setAutoCommit(false);
            for (Row row : rows) {
                for (int i = 0; i < fields.size(); i++) {
                    Field f = fields.get(i);
                    JdbcValues.bind(s, i + 1, row.valueOrNull(f.name()), Mapping.defaultType(f.type()));
                }
                s.addBatch();
            }
            s.executeBatch();
            c.commit();
        } catch (SQLException e) {
            throw Connections.failure("loading " + entity.name(), e);
        }
    }
}
