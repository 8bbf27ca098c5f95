package io.promoagent.jdbc;

import io.promoagent.jdbc.internal.Catalog;
import io.promoagent.jdbc.internal.Mapping;
import io.promoagent.jdbc.internal.TableWriter;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import java.util.List;

/**
 * Creates the tables a data model's entities of one source need in PostgreSQL and loads rows into them:
 * for trying a model, tests and demos. A table has a column per field (strings, enums and timestamps
 * {@code text}, so a timestamp keeps the form it was written in; numbers {@code numeric}; booleans
 * {@code boolean}; dates {@code date}) and the entity's key as primary key.
 */
public final class JdbcTables {

    private JdbcTables() {
    }

    /** Creates the missing tables of the entities of source {@code sourceId}, named through {@code naming}. */
    public static void create(javax.sql.DataSource dataSource, DataModel model, String sourceId, NamingStrategy naming) {
        TableWriter.create(dataSource, mapping(model, sourceId, naming));
    }

    /** Inserts rows into the table of {@code entity}, in one transaction. */
    public static void load(javax.sql.DataSource dataSource, DataModel model, Entity entity, NamingStrategy naming,
                            List<Row> rows) {
        TableWriter.load(dataSource, mapping(model, entity.source(), naming), entity, rows);
    }

    /** Inserts the rows of a JSON-lines file (one object per line, as {@code demo-data export} writes) into the table of {@code entity}. */
    public static void load(javax.sql.DataSource dataSource, DataModel model, Entity entity, NamingStrategy naming,
                            java.nio.file.Path jsonl) {
        load(dataSource, model, entity, naming, rows(entity, jsonl));
    }

    /**
     * The rows of a JSON-lines file typed by the data model (numbers exact as written); a field the entity
     * lacks or a value of another type fails with the file and line.
     */
    public static List<Row> rows(Entity entity, java.nio.file.Path jsonl) {
        return io.promoagent.jdbc.internal.JsonLines.read(entity, jsonl);
    }

    private static Mapping mapping(DataModel model, String sourceId, NamingStrategy naming) {
        return new Mapping(model, sourceId,
                Mapping.names(e -> naming.apply(model.requireEntity(e).table()), (e, f) -> column(model, e, f, naming)),
                Catalog.empty());
    }

    /** The column of a field: its {@code column} in the data model, else its name through the naming strategy. */
    static String column(DataModel model, String entity, String field, NamingStrategy naming) {
        return model.requireEntity(entity).field(field).flatMap(io.promoagent.schema.model.Field::column)
                .orElseGet(() -> naming.apply(field));
    }
}
