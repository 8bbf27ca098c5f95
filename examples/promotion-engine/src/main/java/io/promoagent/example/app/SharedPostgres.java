package io.promoagent.example.app;

import io.promoagent.schema.AgentException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The JVM's one temporary PostgreSQL server, shared by every engine started without a data folder: each engine
 * gets a database of its own ({@code CREATE DATABASE}, dropped when the engine closes), which takes a fraction
 * of a second where starting a server takes seconds. The server is started on first use and stopped at the
 * JVM's exit.
 *
 * <p>PostgreSQL runs as a process of its own, so a JVM killed with SIGKILL leaves it running. Every temporary
 * server therefore lives in a folder of {@link #parent()} whose name says which JVM owns it
 * ({@code <pid>-<start time in ms>-<random>}: the start time tells a live owner from a process that reuses its
 * id); every start of an embedded PostgreSQL reaps the folders whose owner is gone, stopping the server
 * named in their {@code postmaster.pid} when it is a PostgreSQL process, then deleting the folder.
 */
final class SharedPostgres {

    /** Connections as the database owner; zonky's clusters have one superuser. */
    private static final String USER = "postgres";

    private static SharedPostgres instance;

    private final EmbeddedPostgres server;
    private final Path folder;
    private final AtomicInteger databases = new AtomicInteger();
    /** Held so that the pipe to it stays open as long as this JVM runs. */
    private final Optional<Process> watcher;

    private SharedPostgres(EmbeddedPostgres server, Path folder, Optional<Process> watcher) {
        this.server = server;
        this.folder = folder;
        this.watcher = watcher;
    }

    /** The folder every temporary server of this user lives in, one sub-folder per server. */
    static Path parent() {
        return Path.of(System.getProperty("java.io.tmpdir"), "promo-agent-postgres-" + System.getProperty("user.name"));
    }

    /**
     * A new empty database on the shared server, started (after reaping what dead JVMs left) on first use.
     *
     * @throws AgentException when the server cannot start or the database cannot be created
     */
    static Database database() {
        SharedPostgres shared = server();
        String name = "engine_" + shared.databases.incrementAndGet();
        shared.execute("CREATE DATABASE " + name);
        return new Database(shared, name);
    }

    private static synchronized SharedPostgres server() {
        if (instance == null) {
            reapDeadOwners();
            Path folder = ownFolder();
            // watched before the server starts, so that no moment leaves a server without a watch
            Optional<Process> watcher = watch(folder);
            EmbeddedPostgres server;
            try {
                server = PostgresServers.start(folder.resolve("data"), 0, true);
            } catch (RuntimeException e) {
                watcher.ifPresent(Process::destroyForcibly);
                delete(folder);
                throw e;
            }
            SharedPostgres shared = new SharedPostgres(server, folder, watcher);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "promo-agent-postgres-stop"));
            instance = shared;
        }
        return instance;
    }

    /** A new folder named after this JVM, so that a later start can tell whether its owner is still alive. */
    private static Path ownFolder() {
        ProcessHandle me = ProcessHandle.current();
        String owner = me.pid() + "-" + me.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "-";
        try {
            return Files.createTempDirectory(Files.createDirectories(parent()), owner);
        } catch (IOException e) {
            throw new AgentException("cannot make a folder for the embedded PostgreSQL under " + parent() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Starts a shell that stops the server and deletes its folder once this JVM has ended, however it ended:
     * its standard input is a pipe from this JVM, which the system closes when the JVM dies, even killed with
     * SIGKILL (no shutdown hook runs then). After a normal exit the hook has done it all already: PostgreSQL
     * removes its {@code postmaster.pid} when it stops, so the shell signals nothing. Like the reaper, the shell
     * signals the process in {@code postmaster.pid} only when it is a PostgreSQL ({@code /proc/<pid>/comm}, or
     * {@code ps -o comm=} where there is no {@code /proc}): a file whose server is gone may name an unrelated
     * process since. When it cannot tell, it leaves the server and the folder to the next start's reaper. The
     * shell ignores the signals of Ctrl+C and a stop, so that it outlives the JVM it watches; a SIGKILL of both
     * leaves the server to the next start's {@link #reapDeadOwners()}, as does a system without a POSIX shell.
     */
    static Optional<Process> watch(Path folder) {
        if (File.separatorChar != '/') {
            return Optional.empty();
        }
        String script = "trap '' INT TERM HUP; read -r _; "
                + "if pid=$(head -n 1 \"$1/data/postmaster.pid\" 2>/dev/null) && kill -0 \"$pid\" 2>/dev/null; then "
                + "comm=$(cat \"/proc/$pid/comm\" 2>/dev/null || ps -o comm= -p \"$pid\" 2>/dev/null); "
                + "case $comm in "
                + "*postgres*) kill -INT \"$pid\" 2>/dev/null; while kill -0 \"$pid\" 2>/dev/null; do sleep 0.2; done ;; "
                + "'') exit 0 ;; "
                + "esac; "
                + "fi; rm -rf \"$1\"";
        try {
            // SIGINT is PostgreSQL's fast shutdown: its clients died with the JVM
            return Optional.of(new ProcessBuilder("sh", "-c", script, "promo-agent-postgres-watch", folder.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        } catch (IOException e) {
            return Optional.empty(); // no shell: the next start reaps what a killed JVM leaves
        }
    }

    /**
     * Stops the servers that JVMs killed before they could stop them left under {@link #parent()}, and deletes
     * their folders. A folder whose server does not stop is left for a later start: someone else's leftover
     * is no reason to refuse this start.
     */
    static void reapDeadOwners() {
        Path parent = parent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(parent)) {
            for (Path folder : folders) {
                if (ownerGone(folder.getFileName().toString())) {
                    try {
                        PostgresServers.stopLeftOver(folder.resolve("data"));
                        delete(folder);
                    } catch (AgentException | UncheckedIOException e) {
                        // left for a later start
                    }
                }
            }
        } catch (IOException e) {
            // nothing to reap that can be read
        }
    }

    /** Whether the JVM a folder's name names has ended; a name not of this form is left alone. */
    static boolean ownerGone(String folderName) {
        String[] parts = folderName.split("-");
        long pid;
        long started;
        try {
            pid = Long.parseLong(parts[0]);
            started = Long.parseLong(parts[1]);
        } catch (RuntimeException e) {
            return false;
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        // a start time two seconds off is another process under the same id; an unknown one counts as the owner,
        // since stopping a live JVM's server is worse than leaving a dead one's running
        return owner.isEmpty() || started != 0 && owner.get().info().startInstant()
                .map(i -> Math.abs(i.toEpochMilli() - started) > 2_000).orElse(false);
    }

    private void execute(String statement) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new AgentException("the embedded PostgreSQL refused '" + statement + "': " + e.getMessage(), e);
        }
    }

    private void stop() {
        PostgresServers.stop(server);
        try {
            delete(folder);
        } catch (UncheckedIOException e) {
            // the JVM is exiting: the next start reaps what is left
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (NoSuchFileException e) {
            // already gone (another start reaped it at the same time)
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A database of one engine on the shared server, dropped when the engine closes. */
    record Database(SharedPostgres shared, String name) implements PostgresDatabase {

        @Override
        public javax.sql.DataSource dataSource() {
            return shared.server.getDatabase(USER, name);
        }

        @Override
        public void close() {
            try {
                // FORCE: connections a source may still hold end with the database
                shared.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (AgentException e) {
                // the JVM is exiting and the server already stopped, taking the database with it
            }
        }
    }
}
