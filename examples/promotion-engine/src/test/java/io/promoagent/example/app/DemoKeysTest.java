package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.promoagent.example.server.DemoUser;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's secrets in a data folder (issue 14, findings 2 and 8): API keys random per folder and kept
 * there, and every secret file readable by its owner only from the moment it exists.
 */
class DemoKeysTest {

    @TempDir
    Path root;

    @Test
    void keysDifferPerDataFolderAndPersistAcrossOpenings() {
        List<String> first;
        List<String> again;
        List<String> other;
        String secret;
        try (DataDirectory folder = DataDirectory.open(root.resolve("one"))) {
            first = keys(folder.demoUsers());
            secret = folder.demoUsers().signInSecret();
        }
        try (DataDirectory folder = DataDirectory.open(root.resolve("one"))) {
            again = keys(folder.demoUsers());
            assertThat(folder.demoUsers().signInSecret()).isEqualTo(secret);
        }
        try (DataDirectory folder = DataDirectory.open(root.resolve("two"))) {
            other = keys(folder.demoUsers());
        }

        assertThat(again).isEqualTo(first);
        assertThat(other).doesNotContainAnyElementsOf(first);
        assertThat(first).doesNotContain("analyst-key", "marketer-key", "approver-key").allSatisfy(k -> assertThat(k).hasSizeGreaterThan(20));
        assertThat(DemoUsers.random().all()).extracting(DemoUser::apiKey).doesNotContainAnyElementsOf(first);
    }

    @Test
    void theEngineSignsInWithTheFoldersKeysOnly() {
        Path folder = root.resolve("engine");
        try (PromotionEngine engine = PromotionEngine.start(EngineOptions.demo(42, 60, java.time.LocalDate.of(2026, 6, 30))
                .withDataDir(folder))) {
            DemoUser marketer = engine.demoUsers().get(1);
            assertThat(engine.authenticate(marketer.apiKey())).contains(DemoUsers.MARKETER);
            assertThat(engine.authenticate("marketer-key")).isEmpty();
            assertThat(engine.signsIn(engine.signInSecret())).isTrue();
            assertThat(engine.signsIn("guess")).isFalse();
        }
    }

    @Test
    void secretFilesAreOwnerOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        try (DataDirectory folder = DataDirectory.open(root)) {
            folder.demoUsers();
            folder.signingKey();
        }
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(root.resolve(DataDirectory.DEMO_KEYS))).isEqualTo(ownerOnly);
        assertThat(Files.getPosixFilePermissions(root.resolve(DataDirectory.SIGNING_KEY))).isEqualTo(ownerOnly);
    }

    /**
     * No moment in which another user could open a secret: a watcher that looks at every file in the folder
     * as fast as it can, while secrets are created over and over, never sees one readable by others (a file
     * written first and made private afterwards is, for the time in between).
     */
    @Test
    void aSecretFileIsNeverReadableByOthersEvenWhileItIsWritten() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "a POSIX file system");
        Set<Set<PosixFilePermission>> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            while (!done.get()) {
                try (Stream<Path> files = Files.list(root)) {
                    files.forEach(f -> {
                        try {
                            seen.add(Files.getPosixFilePermissions(f));
                        } catch (Exception e) {
                            // moved or deleted between the listing and the look
                        }
                    });
                } catch (Exception e) {
                    // the folder changed under the listing
                }
            }
        });
        watcher.start();
        try {
            for (int i = 0; i < 300; i++) {
                OwnerOnlyFile.create(root.resolve("secret-" + i), new byte[4096]);
            }
        } finally {
            done.set(true);
            watcher.join();
        }
        Set<PosixFilePermission> ownerOnly = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(seen).isNotEmpty().allSatisfy(p -> assertThat(p).isEqualTo(ownerOnly));
    }

    private static List<String> keys(DemoUsers users) {
        return users.all().stream().map(DemoUser::apiKey).toList();
    }
}
