package io.promoagent.example.app;

import io.promoagent.jdbc.JdbcDataSource;
import io.promoagent.jdbc.JdbcTables;
import io.promoagent.jdbc.NamingStrategy;
import io.promoagent.schema.AgentException;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Source;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.Row;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sources of a user's data model whose sources say {@code kind: jdbc}, for trying a SQL schema with
 * {@code query --data-model --data}: an embedded PostgreSQL started for it (no installation, no Docker),
 * the tables of each {@code jdbc} source created from the model and loaded from the data folder's
 * JSON-lines files. Entities of other sources are served from memory, so that a model may mix them.
 */
public final class EmbeddedPostgresSources implements AutoCloseable {

    /** The source kind served from PostgreSQL. */
    public static final String JDBC = "jdbc";

    private final EmbeddedPostgres server;
    private final List<DataSource> sources;

    private EmbeddedPostgresSources(EmbeddedPostgres server, List<DataSource> sources) {
        this.server = server;
        this.sources = List.copyOf(sources);
    }

    /** Whether some source of the model is a PostgreSQL source. */
    public static boolean wanted(DataModel model) {
        return model.sources().stream().anyMatch(s -> s.kind().equals(JDBC));
    }

    /**
     * Starts PostgreSQL, creates and loads the tables of every {@code jdbc} source from {@code data}
     * ({@code <entity>.jsonl} per entity) and reads the other entities into memory.
     *
     * @throws AgentException when a file is missing or PostgreSQL cannot start
     */
    public static EmbeddedPostgresSources start(DataModel model, Path data) {
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC").start();
        } catch (IOException e) {
            throw new AgentException("cannot start the embedded PostgreSQL: " + e.getMessage(), e);
        }
        try {
            javax.sql.DataSource database = server.getPostgresDatabase();
            List<DataSource> sources = new ArrayList<>();
            for (Source s : model.sources()) {
                List<Entity> entities = model.entities().stream().filter(e -> e.source().equals(s.id())).toList();
                if (s.kind().equals(JDBC)) {
                    JdbcTables.create(database, model, s.id(), NamingStrategy.AS_IS);
                    for (Entity e : entities) {
                        JdbcTables.load(database, model, e, NamingStrategy.AS_IS, file(data, e));
                    }
                    sources.add(JdbcDataSource.builder(database, model).id(s.id()).build());
                } else {
                    Map<String, List<Row>> rows = new LinkedHashMap<>();
                    entities.forEach(e -> rows.put(e.name(), JdbcTables.rows(e, file(data, e))));
                    sources.add(new InMemoryDataSource(s.id(), rows));
                }
            }
            return new EmbeddedPostgresSources(server, sources);
        } catch (RuntimeException e) {
            close(server);
            throw e;
        }
    }

    private static Path file(Path data, Entity entity) {
        Path file = data.resolve(entity.name() + ".jsonl");
        if (!Files.isRegularFile(file)) {
            throw new AgentException("no data for entity '" + entity.name() + "': " + file + " is missing");
        }
        return file;
    }

    /** One source per source of the model, under its id. */
    public List<DataSource> sources() {
        return sources;
    }

    @Override
    public void close() {
        sources.forEach(s -> {
            if (s instanceof JdbcDataSource j) {
                j.close();
            }
        });
        close(server);
    }

    private static void close(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            // shutting down: the server's directory is temporary
        }
    }
}
