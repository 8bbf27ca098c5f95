package io.promoagent.example.app;

/**
 * The PostgreSQL database the {@code jdbc} sources of one engine live in: a server of its own on a kept data
 * folder ({@code --data-dir}), or a database of its own on the JVM's shared temporary server.
 */
public sealed interface PostgresDatabase extends AutoCloseable permits KeptPostgres, SharedPostgres.Database {

    /**
     * A new empty database on the JVM's shared temporary PostgreSQL ({@link SharedPostgres}), started on first
     * use and stopped with the JVM however it ends, SIGKILL included: for anything that wants a PostgreSQL of
     * its own for a while (the demo's engines, {@code bench federation}) and must leave none running.
     *
     * @throws io.promoagent.schema.AgentException when the server cannot start or the database cannot be created
     */
    static PostgresDatabase temporary() {
        return SharedPostgres.database();
    }

    /** Connections to the database, one per request (no pool: they find a restarted server back). */
    javax.sql.DataSource dataSource();

    /** Releases the database: stops its own server, or drops it from the shared one. Never fails. */
    @Override
    void close();
}
