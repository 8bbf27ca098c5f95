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
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sources of a data model whose sources say {@code kind: jdbc}, served from an embedded PostgreSQL (no
 * installation, no Docker): the demo's orders, or a user's SQL schema tried with {@code query --data-model
 * --data}, the tables of each {@code jdbc} source created from the model and loaded from JSON-lines files.
 * Without a kept data directory the tables live in a database of their own on the JVM's one shared temporary
 * server ({@link SharedPostgres}); with one, in a server of its own on that directory ({@link KeptPostgres}).
 */
public final class EmbeddedPostgresSources implements AutoCloseable {

    /** The source kind served from PostgreSQL. */
    public static final String JDBC = "jdbc";

    private final PostgresDatabase database;
    private final List<DataSource> sources;

    private EmbeddedPostgresSources(PostgresDatabase database, List<DataSource> sources) {
        this.database = database;
        this.sources = List.copyOf(sources);
    }

    /** Whether some source of the model is a PostgreSQL source. */
    public static boolean wanted(DataModel model) {
        return model.sources().stream().anyMatch(s -> s.kind().equals(JDBC));
    }

    /**
     * Creates a database on the JVM's shared temporary PostgreSQL (started on first use), creates and loads the
     * tables of every {@code jdbc} source from {@code data} ({@code <entity>.jsonl} per entity) and reads the
     * other entities into memory.
     *
     * @throws AgentException when a file is missing or PostgreSQL cannot start
     */
    public static EmbeddedPostgresSources start(DataModel model, Path data) {
        PostgresDatabase database = SharedPostgres.database();
        try {
            List<DataSource> sources = new ArrayList<>();
            for (Source s : model.sources()) {
                List<Entity> entities = entitiesOf(model, s);
                if (s.kind().equals(JDBC)) {
                    sources.add(loaded(database.dataSource(), model, s, data, LoadProgress.none()));
                } else {
                    Map<String, List<Row>> rows = new LinkedHashMap<>();
                    entities.forEach(e -> rows.put(e.name(), JdbcTables.rows(e, file(data, e))));
                    sources.add(new InMemoryDataSource(s.id(), rows));
                }
            }
            return new EmbeddedPostgresSources(database, sources);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Serves the {@code jdbc} sources of {@code model} only (the in-process engine serves the others from
     * DynamoDB Local) from PostgreSQL: a server of its own on {@code directory} when present, kept across
     * restarts, else a database of its own on the JVM's shared temporary server. The tables are created and
     * loaded from {@code data} when it is present (a first start: tables left by an interrupted load are
     * dropped first), else used as they are.
     *
     * @throws AgentException when a file is missing, a table is, or PostgreSQL cannot start
     */
    static EmbeddedPostgresSources serve(DataModel model, Optional<Path> directory, Optional<Path> data, LoadProgress progress) {
        PostgresDatabase database;
        if (directory.isPresent()) {
            // the folders of temporary servers whose JVM was killed are reaped whenever a server starts
            SharedPostgres.reapDeadOwners();
            database = KeptPostgres.start(directory.get());
        } else {
            database = SharedPostgres.database();
        }
        try {
            List<DataSource> sources = new ArrayList<>();
            for (Source s : model.sources()) {
                if (s.kind().equals(JDBC)) {
                    sources.add(data.isPresent() ? loaded(database.dataSource(), model, s, data.get(), progress)
                            : JdbcDataSource.builder(database.dataSource(), model).id(s.id()).build());
                }
            }
            return new EmbeddedPostgresSources(database, sources);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Stops the server as an operator or a crash would, the sources left pointing at it (for tests of an outage).
     *
     * @throws IllegalStateException when the server is the JVM's shared one (only a kept data directory has its own)
     */
    void stopServer() {
        kept().stop();
    }

    /**
     * Starts the server again over the same kept data directory and port after {@link #stopServer()}: the
     * sources, which connect per request, find it back.
     *
     * @throws IllegalStateException when the server is the JVM's shared one
     */
    void restartServer() {
        kept().restart();
    }

    private KeptPostgres kept() {
        if (database instanceof KeptPostgres k) {
            return k;
        }
        throw new IllegalStateException("only a PostgreSQL on a kept data directory is its own to stop and restart");
    }

    /** The source {@code source} over freshly created tables loaded from {@code data}. */
    private static JdbcDataSource loaded(javax.sql.DataSource database, DataModel model, Source source, Path data,
                                         LoadProgress progress) {
        List<Entity> entities = entitiesOf(model, source);
        dropTables(database, entities);
        JdbcTables.create(database, model, source.id(), NamingStrategy.AS_IS);
        for (Entity e : entities) {
            List<Row> rows = JdbcTables.rows(e, file(data, e));
            String what = "loading " + e.name();
            progress.count(what, 0, rows.size());
            JdbcTables.load(database, model, e, NamingStrategy.AS_IS, rows);
            progress.count(what, rows.size(), rows.size());
        }
        return JdbcDataSource.builder(database, model).id(source.id()).build();
    }

    /** A load cut short in a kept directory left tables behind: the load starts over. */
    private static void dropTables(javax.sql.DataSource database, List<Entity> entities) {
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            for (Entity e : entities) {
                st.execute("DROP TABLE IF EXISTS \"" + e.table().replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new AgentException("cannot prepare the PostgreSQL tables: " + e.getMessage(), e);
        }
    }

    private static List<Entity> entitiesOf(DataModel model, Source source) {
        return model.entities().stream().filter(e -> e.source().equals(source.id())).toList();
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

    /** The PostgreSQL sources among {@link #sources()}. */
    List<JdbcDataSource> jdbcSources() {
        return sources.stream().filter(JdbcDataSource.class::isInstance).map(JdbcDataSource.class::cast).toList();
    }

    @Override
    public void close() {
        sources.forEach(s -> {
            if (s instanceof JdbcDataSource j) {
                j.close();
            }
        });
        database.close();
    }
}
