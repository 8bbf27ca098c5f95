package io.promoagent.example.app;

/**
 * The PostgreSQL database the {@code jdbc} sources of one engine live in: a server of its own on a kept data
 * folder ({@code --data-dir}), or a database of its own on the JVM's shared temporary server.
 */
sealed interface PostgresDatabase extends AutoCloseable permits KeptPostgres, SharedPostgres.Database {

    /** Connections to the database, one per request (no pool: they find a restarted server back). */
    javax.sql.DataSource dataSource();

    /** Releases the database: stops its own server, or drops it from the shared one. Never fails. */
    @Override
    void close();
}
