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

    /**
     * An index on every field that joins a relationship and every key field of the entity's declared indexes
     * (other than the primary key's first column): what a semi-join's {@code = ANY(?)} batches and a look-up by
     * a declared access path read through, instead of scanning the table per batch.
     */
    public static List<String> indexStatements(Mapping mapping, Entity entity) {
        java.util.Set<String> fields = new java.util.LinkedHashSet<>();
        for (io.promoagent.schema.model.Relationship r : mapping.model().relationships()) {
            if (r.fromEntity().equals(entity.name())) {
                fields.add(r.fromField());
            }
            if (r.toEntity().equals(entity.name())) {
                fields.add(r.toField());
            }
        }
        for (io.promoagent.schema.model.Index i : entity.indexes()) {
            fields.add(i.key().partition());
            i.key().sort().ifPresent(fields::add);
        }
        fields.remove(entity.key().partition());
        List<String> out = new ArrayList<>();
        String table = mapping.table(entity);
        for (String f : fields) {
            if (entity.field(f).isEmpty()) {
                continue;
            }
            String column = mapping.column(entity, f);
            out.add("CREATE INDEX IF NOT EXISTS " + Sql.quote(table + "_" + column + "_idx") + " ON " + Sql.quote(table)
                    + " (" + Sql.quote(column) + ")");
        }
        return out;
    }

    public static void create(javax.sql.DataSource dataSource, Mapping mapping) {
        try (Connection c = Connections.open(dataSource); Statement s = c.createStatement()) {
            for (Entity e : mapping.model().entities()) {
                if (mapping.owns(e)) {
                    s.execute(createStatement(mapping, e));
                    for (String index : indexStatements(mapping, e)) {
                        s.execute(index);
                    }
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
            c.setAutoCommit(true);
            try (Statement analyze = c.createStatement()) {
                // statistics now, rather than when autovacuum gets to it: the planner's row estimates choose the
                // direction of a cross-source join
                analyze.execute("ANALYZE " + Sql.quote(mapping.table(entity)));
            }
        } catch (SQLException e) {
            throw Connections.failure("loading " + entity.name(), e);
        }
    }
}
