package io.promoagent.example.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;

/**
 * A PostgreSQL server of its own on a kept data directory ({@code --data-dir DIR} keeps it in
 * {@code DIR/postgres}), its data kept across restarts. A server left running there by a process killed with
 * SIGKILL is stopped before this one starts: the data folder's lock says no other process uses it.
 */
final class KeptPostgres implements PostgresDatabase {

    private final Path directory;
    private volatile EmbeddedPostgres server;

    private KeptPostgres(Path directory, EmbeddedPostgres server) {
        this.directory = directory;
        this.server = server;
    }

    /** Starts the server on {@code directory}, initialising it the first time (zonky runs initdb only where there is no cluster yet). */
    static KeptPostgres start(Path directory) {
        PostgresServers.stopLeftOver(directory);
        return new KeptPostgres(directory, PostgresServers.start(directory, 0, false));
    }

    @Override
    public javax.sql.DataSource dataSource() {
        return server.getPostgresDatabase();
    }

    /** Stops the server as an operator or a crash would, the sources left pointing at it (for tests of an outage). */
    void stop() {
        PostgresServers.stop(server);
    }

    /** Starts the server again over the same directory and port after {@link #stop()}: the sources find it back. */
    void restart() {
        server = PostgresServers.start(directory, server.getPort(), false);
    }

    @Override
    public void close() {
        PostgresServers.stop(server);
    }
}
