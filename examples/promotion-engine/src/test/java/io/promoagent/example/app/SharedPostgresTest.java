package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engines of one JVM share one temporary PostgreSQL, each in a database of its own; dead JVMs' folders are told apart. */
class SharedPostgresTest {

    @Test
    void databasesOfOneJvmShareTheServerAndEachIsDroppedWhenClosed() throws SQLException {
        try (SharedPostgres.Database first = SharedPostgres.database(); SharedPostgres.Database second = SharedPostgres.database()) {
            assertThat(first.shared()).isSameAs(second.shared());
            assertThat(first.name()).isNotEqualTo(second.name());
            execute(first, "CREATE TABLE orders (id integer)");
            execute(first, "INSERT INTO orders VALUES (1)");
            assertThatThrownBy(() -> execute(second, "SELECT * FROM orders")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not exist");

            first.close();
            assertThatThrownBy(() -> execute(first, "SELECT 1")).isInstanceOf(SQLException.class)
                    .hasMessageContaining(first.name());
            execute(second, "SELECT 1");
        }
    }

    @Test
    void theServerLivesInAFolderNamedAfterThisJvm() {
        try (SharedPostgres.Database database = SharedPostgres.database()) {
            ProcessHandle me = ProcessHandle.current();
            String prefix = me.pid() + "-" + me.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "-";
            assertThat(SharedPostgres.parent()).isDirectoryContaining(p -> p.getFileName().toString().startsWith(prefix)
                    && Files.isRegularFile(p.resolve("data").resolve("postmaster.pid")));
            assertThat(SharedPostgres.ownerGone(prefix + "1")).isFalse();
        }
    }

    @Test
    void aFolderIsItsOwnersWhileThatJvmRunsAndOnlyThen() throws Exception {
        Process ended = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(ended.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(SharedPostgres.ownerGone(ended.pid() + "-" + System.currentTimeMillis() + "-1")).isTrue();

        ProcessHandle me = ProcessHandle.current();
        long started = me.info().startInstant().orElseThrow().toEpochMilli();
        // the same process id with another start time: a process that took the id of a JVM that ended
        assertThat(SharedPostgres.ownerGone(me.pid() + "-" + (started - 60_000) + "-1")).isTrue();
        assertThat(SharedPostgres.ownerGone(me.pid() + "-" + started + "-1")).isFalse();
        // names of another form are not ours to reap
        assertThat(SharedPostgres.ownerGone("epg123")).isFalse();
        assertThat(SharedPostgres.ownerGone("notes-x")).isFalse();
    }

    @Test
    void theWatchOfADeadJvmStopsOnlyAPostgresqlAndDeletesTheFolder(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("owner").resolve("data")).getParent();
        // a postmaster.pid whose server is gone names a process that took its id since
        Process unrelated = new ProcessBuilder("sleep", "120").start();
        try {
            Files.writeString(folder.resolve("data").resolve("postmaster.pid"), unrelated.pid() + "\n" + folder + "\n");
            Optional<Process> watch = SharedPostgres.watch(folder);
            assumeTrue(watch.isPresent(), "a POSIX shell");

            watch.get().getOutputStream().close(); // what the shell sees when the JVM it watches dies

            assertThat(watch.get().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(unrelated.isAlive()).as("the process that is not a PostgreSQL").isTrue();
            assertThat(folder).doesNotExist();
        } finally {
            unrelated.destroyForcibly();
        }
    }

    private static void execute(SharedPostgres.Database database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            if (s.execute(sql)) {
                try (ResultSet r = s.getResultSet()) {
                    r.next();
                }
            }
        }
    }
}
