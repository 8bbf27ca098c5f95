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
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * The sources of a user's data model whose sources say {@code kind: jdbc}, for trying a SQL schema with
 * {@code query --data-model --data}: an embedded PostgreSQL started for it (no installation, no Docker),
 * the tables of each {@code jdbc} source created from the model and loaded from the data folder's
 * JSON-lines files. Entities of other sources are served from memory, so that a model may mix them.
 */
public final class EmbeddedPostgresSources implements AutoCloseable {

    /** The source kind served from PostgreSQL. */
    public static final String JDBC = "jdbc";

    private volatile EmbeddedPostgres server;
    private final List<DataSource> sources;
    private final Optional<Path> directory;

    private EmbeddedPostgresSources(EmbeddedPostgres server, List<DataSource> sources, Optional<Path> directory) {
        this.server = server;
        this.sources = List.copyOf(sources);
        this.directory = directory;
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
        EmbeddedPostgres server = server(Optional.empty());
        try {
            javax.sql.DataSource database = server.getPostgresDatabase();
            List<DataSource> sources = new ArrayList<>();
            for (Source s : model.sources()) {
                List<Entity> entities = entitiesOf(model, s);
                if (s.kind().equals(JDBC)) {
                    sources.add(loaded(database, model, s, data, LoadProgress.none()));
                } else {
                    Map<String, List<Row>> rows = new LinkedHashMap<>();
                    entities.forEach(e -> rows.put(e.name(), JdbcTables.rows(e, file(data, e))));
                    sources.add(new InMemoryDataSource(s.id(), rows));
                }
            }
            return new EmbeddedPostgresSources(server, sources, Optional.empty());
        } catch (RuntimeException e) {
            close(server);
            throw e;
        }
    }

    /**
     * Starts PostgreSQL for the {@code jdbc} sources of {@code model} only (the in-process engine serves the
     * others from DynamoDB Local). Its data directory is {@code directory} when present, kept across
     * restarts, else a temporary one; the tables are created and loaded from {@code data} when it is
     * present (a first start: tables left by an interrupted load are dropped first), else used as they are.
     *
     * @throws AgentException when a file is missing, a table is, or PostgreSQL cannot start
     */
    static EmbeddedPostgresSources serve(DataModel model, Optional<Path> directory, Optional<Path> data, LoadProgress progress) {
        EmbeddedPostgres server = server(directory);
        try {
            javax.sql.DataSource database = server.getPostgresDatabase();
            List<DataSource> sources = new ArrayList<>();
            for (Source s : model.sources()) {
                if (s.kind().equals(JDBC)) {
                    sources.add(data.isPresent() ? loaded(database, model, s, data.get(), progress)
                            : JdbcDataSource.builder(database, model).id(s.id()).build());
                }
            }
            return new EmbeddedPostgresSources(server, sources, directory);
        } catch (RuntimeException e) {
            close(server);
            throw e;
        }
    }

    /** Stops the server as an operator or a crash would, the sources left pointing at it (for tests of an outage). */
    void stopServer() {
        close(server);
    }

    /**
     * Starts the server again over the same kept data directory and port after {@link #stopServer()}: the
     * sources, which connect per request, find it back.
     *
     * @throws IllegalStateException when the data directory is temporary (it went with the server)
     */
    void restartServer() {
        Path kept = directory.orElseThrow(() -> new IllegalStateException("a temporary PostgreSQL cannot be restarted"));
        server = server(Optional.of(kept), server.getPort());
    }

    private static EmbeddedPostgres server(Optional<Path> directory) {
        return server(directory, 0);
    }

    private static EmbeddedPostgres server(Optional<Path> directory, int port) {
        // a loaded machine (two cores running a test suite) can take longer than zonky's 10 seconds
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC")
                .setPGStartupWait(Duration.ofSeconds(90));
        directory.ifPresent(EmbeddedPostgresSources::stopLeftOver);
        if (port != 0) {
            builder.setPort(port);
        }
        // a kept directory is initialised once (zonky runs initdb only where there is no cluster yet)
        directory.ifPresent(d -> builder.setDataDirectory(d).setCleanDataDirectory(false));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AgentException("cannot start the embedded PostgreSQL" + directory.map(d -> " in " + d).orElse("")
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops a PostgreSQL left running on the kept directory by a process that was killed (the server runs
     * apart from the JVM that started it, so it outlives a kill -9). Whoever calls this holds the data
     * folder's lock, so no other promo-agent process uses that server.
     */
    private static void stopLeftOver(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        Optional<ProcessHandle> server;
        try {
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            server = ProcessHandle.of(pid).filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        } catch (IOException | RuntimeException e) {
            return; // no readable process id: PostgreSQL judges the file itself when it starts
        }
        if (server.isEmpty()) {
            return; // a stale file, which PostgreSQL replaces
        }
        // SIGTERM: a smart shutdown, quick here since its clients died with the process that was killed
        server.get().destroy();
        try {
            server.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new AgentException("a PostgreSQL left running on " + directory + " (process " + server.get().pid()
                    + ") does not stop; stop it, then start again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted while stopping the PostgreSQL left running on " + directory);
        }
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
        close(server);
    }

    private static void close(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            // shutting down: nothing more to release
        }
    }
}
