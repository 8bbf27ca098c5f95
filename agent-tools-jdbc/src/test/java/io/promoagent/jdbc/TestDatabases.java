package io.promoagent.jdbc;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL server for the tests of this module, started on first use, logging every
 * statement it runs ({@code log_statement = all}) to a file, so that tests can list exactly what ran in
 * their own database.
 */
public final class TestDatabases {

    private static EmbeddedPostgres server;
    private static Path logDirectory;
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestDatabases() {
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                logDirectory = Files.createTempDirectory("promo-agent-pg-log");
                server = EmbeddedPostgres.builder()
                        .setServerConfig("log_statement", "all")
                        // the server's log goes to a file of its own; a logging collector would hold the
                        // server's output open and keep the JVM waiting at exit
                        .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logDirectory.resolve("statements.log").toFile()))
                        .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logDirectory.resolve("statements.log").toFile()))
                        .setServerConfig("log_line_prefix", "@%d@")
                        .setServerConfig("timezone", "UTC")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** A new, empty database of its own. */
    public static DataSource newDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return server().getDatabase("postgres", name);
    }

    /** Drops a database of {@link #newDatabase}, so that a run of many property tests does not fill the disk. */
    public static void drop(DataSource dataSource) {
        String name = name(dataSource);
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Drops the database when closed. */
    public interface Dropped extends AutoCloseable {
        @Override
        void close();
    }

    public static Dropped dropAfter(DataSource dataSource) {
        return () -> drop(dataSource);
    }

    /** The name of the database a data source of {@link #newDatabase} connects to. */
    public static String name(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getCatalog();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every statement the server logged for {@code database} so far, in order (parameters not included). */
    public static List<String> statements(String database) {
        try {
            // the logging collector writes asynchronously: give it a moment to catch up
            Thread.sleep(300);
            List<String> out = new ArrayList<>();
            String prefix = "@" + database + "@";
            for (String line : Files.readAllLines(logDirectory.resolve("statements.log"), StandardCharsets.UTF_8)) {
                if (!line.startsWith(prefix)) {
                    continue;
                }
                int at = line.indexOf("LOG:  statement: ");
                if (at >= 0) {
                    out.add(line.substring(at + "LOG:  statement: ".length()));
                    continue;
                }
                at = line.indexOf("LOG:  execute ");
                if (at >= 0) {
                    out.add(line.substring(line.indexOf(": ", at + 6) + 2));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
