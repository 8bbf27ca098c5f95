package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code serve} without {@code --data-dir} killed with SIGKILL leaves no PostgreSQL running and no folder:
 * the server is a process of its own, so a shell that the JVM's end wakes stops it; when that shell is killed
 * too, the next start stops the server and deletes its folder. A JVM stopped as Ctrl+C stops it leaves
 * nothing either, and neither does a {@code bench federation} killed with SIGKILL, whose orders live on the
 * same shared server. The child JVMs keep their temporary folders in a folder of this test, so that other
 * processes of the machine do not count.
 */
class KilledServeLeavesNoPostgresTest {

    private static final Pattern HOLDING = Pattern.compile("holding database (\\w+)");
    /** What {@code bench federation} prints once the orders are in PostgreSQL. */
    private static final Pattern ORDERS_LOADED = Pattern.compile("orders: (\\d+) records");

    @TempDir
    Path dir;

    @Test
    void aKilledServesPostgresqlStopsWithItOrAtTheNextStartAndItsFolderGoes() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        // the PostgreSQL binaries stay where this JVM unpacked them, rather than unpacked again per child
        List<String> jvm = List.of("-Djava.io.tmpdir=" + tmp,
                "-Dot.epg.working-dir=" + Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"));
        List<String> demo = List.of("--seed", "7", "--customers", "60", "--now", "2026-06-30");
        Path parent = tmp.resolve(SharedPostgres.parent().getFileName());

        // 1. SIGKILL of serve alone: its watch stops the server and deletes the folder, no new start needed
        ServeProcess killed = ServeProcess.start(jvm, demo);
        Running first = running(killed.process(), parent);
        killed.kill();
        first.postgres().onExit().get(30, TimeUnit.SECONDS);
        assertThat(waitGone(first.folder())).as("the killed serve's folder %s", first.folder()).isTrue();

        // 2. SIGKILL of a JVM and of its watch: the server is left running until the next start reaps it
        // (JVMs that start the shared PostgreSQL alone, quicker to start than serve)
        ChildJvm orphaning = ChildJvm.start(jvm, HoldsSharedPostgres.class.getName(), List.of(), HOLDING);
        Running second = running(orphaning.process(), parent);
        List<ProcessHandle> watches = orphaning.process().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("promo-agent-postgres-watch")).toList();
        assertThat(watches).as("the shell watching the JVM's end").hasSize(1);
        watches.forEach(ProcessHandle::destroyForcibly);
        watches.get(0).onExit().get(30, TimeUnit.SECONDS);
        orphaning.kill();
        Thread.sleep(1_000);
        assertThat(second.postgres().isAlive()).as("PostgreSQL is a process of its own: a SIGKILL of the JVM leaves it").isTrue();
        assertThat(second.folder()).exists();

        ChildJvm next = ChildJvm.start(jvm, HoldsSharedPostgres.class.getName(), List.of(), HOLDING);
        Running third;
        try {
            second.postgres().onExit().get(30, TimeUnit.SECONDS);
            assertThat(second.folder()).as("the killed JVM's folder, reaped by the next start").doesNotExist();
            third = running(next.process(), parent);
        } catch (Throwable t) {
            next.kill();
            throw new AssertionError("the next JVM said:\n" + next.log(), t);
        }

        // 3. SIGTERM, as Ctrl+C: the shutdown hook stops the server and removes its folder
        next.process().destroy();
        assertThat(next.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        // the hook's stop returns once PostgreSQL accepted the shutdown; its process may take a moment to end
        third.postgres().onExit().get(30, TimeUnit.SECONDS);
        assertThat(third.postgres().isAlive()).isFalse();
        assertThat(waitGone(third.folder())).isTrue();
        assertThat(parent).isEmptyDirectory();

        // 4. SIGKILL of bench federation (rounds enough to be killed mid-run): its orders are on the same kind of
        // server, whose watch stops it and deletes the folder
        List<String> bench = new ArrayList<>(List.of("bench", "federation", "--rounds", "100"));
        bench.addAll(demo);
        ChildJvm benchmark = ChildJvm.start(jvm, "io.promoagent.example.cli.PromoAgentCli", bench, ORDERS_LOADED);
        Running benched = running(benchmark.process(), parent);
        benchmark.kill();
        benched.postgres().onExit().get(30, TimeUnit.SECONDS);
        assertThat(waitGone(benched.folder())).as("the killed bench's folder %s", benched.folder()).isTrue();
        assertThat(parent).isEmptyDirectory();
    }

    /** The folder and PostgreSQL process of a JVM's temporary server. */
    private record Running(Path folder, ProcessHandle postgres) {
    }

    /** The only temporary folder under {@code parent}, {@code owner}'s, and the PostgreSQL running in it. */
    private static Running running(Process owner, Path parent) throws IOException {
        Path folder = onlyFolder(parent);
        assertThat(folder.getFileName().toString()).startsWith(owner.pid() + "-");
        return new Running(folder, postmaster(folder).orElseThrow(() -> new AssertionError("no PostgreSQL runs in " + folder)));
    }

    /** Whether {@code folder} is gone within 30 seconds (a shell deletes it once the server stopped). */
    private static boolean waitGone(Path folder) throws InterruptedException {
        for (int i = 0; i < 300 && Files.exists(folder); i++) {
            Thread.sleep(100);
        }
        return !Files.exists(folder);
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
