package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code serve} without {@code --data-dir} killed with SIGKILL leaves its temporary PostgreSQL running (the
 * server is a process of its own); the next start stops it and deletes its folder, and a {@code serve}
 * stopped as Ctrl+C stops it leaves nothing behind. The child JVMs keep their temporary folders in a folder
 * of this test, so that other processes of the machine do not count.
 */
class KilledServeLeavesNoPostgresTest {

    @TempDir
    Path dir;

    @Test
    void theNextStartStopsTheKilledServesPostgresqlAndDeletesItsFolder() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        // the PostgreSQL binaries stay where this JVM unpacked them, rather than unpacked again per child
        List<String> jvm = List.of("-Djava.io.tmpdir=" + tmp,
                "-Dot.epg.working-dir=" + Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"));
        List<String> demo = List.of("--seed", "7", "--customers", "60", "--now", "2026-06-30");
        Path parent = tmp.resolve(SharedPostgres.parent().getFileName());

        ServeProcess killed = ServeProcess.start(jvm, demo);
        Path folder;
        ProcessHandle postgres;
        try {
            folder = onlyFolder(parent);
            assertThat(folder.getFileName().toString()).startsWith(killed.process().pid() + "-");
            postgres = postmaster(folder).orElseThrow(() -> new AssertionError("no PostgreSQL runs in " + folder));
        } finally {
            killed.kill();
        }
        assertThat(postgres.isAlive()).as("PostgreSQL is a process of its own: a SIGKILL of serve leaves it").isTrue();

        ServeProcess next = ServeProcess.start(jvm, demo);
        Path own;
        ProcessHandle ownPostgres;
        try {
            postgres.onExit().get(30, TimeUnit.SECONDS);
            assertThat(folder).as("the killed serve's folder, reaped by the next start").doesNotExist();
            own = onlyFolder(parent);
            assertThat(own.getFileName().toString()).startsWith(next.process().pid() + "-");
            ownPostgres = postmaster(own).orElseThrow(() -> new AssertionError("no PostgreSQL runs in " + own));
        } catch (Throwable t) {
            next.kill();
            throw new AssertionError("the next serve said:\n" + next.log(), t);
        }
        // SIGTERM, as Ctrl+C: the shutdown hook stops the server and removes its folder
        next.process().destroy();
        assertThat(next.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ownPostgres.isAlive()).isFalse();
        assertThat(parent).isEmptyDirectory();
    }

    private static Path onlyFolder(Path parent) throws IOException {
        try (Stream<Path> folders = Files.list(parent)) {
            List<Path> all = folders.toList();
            assertThat(all).as("the temporary PostgreSQL folders in %s", parent).hasSize(1);
            return all.get(0);
        }
    }

    /** The PostgreSQL process that {@code folder}'s server runs as, while it runs. */
    private static Optional<ProcessHandle> postmaster(Path folder) throws IOException {
        Path pidFile = folder.resolve("data").resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        return ProcessHandle.of(pid).filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
    }
}
