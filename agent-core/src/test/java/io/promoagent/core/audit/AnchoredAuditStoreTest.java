package io.promoagent.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.audit.JsonLinesAuditStore.OnBrokenChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JSON-lines audit file verified at start-up against an anchor kept beside it, so that a cut-off tail is caught. */
class AnchoredAuditStoreTest {

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("audit.jsonl");
    }

    Path anchor() {
        return dir.resolve("audit-anchor");
    }

    /** Appends {@code n} records through a store opened and closed as a process would at start and stop. */
    void run(int n) {
        try (JsonLinesAuditStore file = new JsonLinesAuditStore(file())) {
            ChainedAuditSink sink = new ChainedAuditSink(AnchoredAuditStore.open(file, anchor(), OnBrokenChain.REFUSE));
            for (int i = 0; i < n; i++) {
                sink.record(AuditEvents.event(i + 1));
            }
        }
    }

    void dropLastLines(int n) throws IOException {
        List<String> lines = Files.readAllLines(file(), StandardCharsets.UTF_8);
        Files.write(file(), lines.subList(0, lines.size() - n), StandardCharsets.UTF_8);
    }

    @Test
    void anIntactChainOpensAndItsAnchorFollowsTheHead() {
        run(3);
        run(2);
        try (JsonLinesAuditStore file = new JsonLinesAuditStore(file())) {
            AnchoredAuditStore store = AnchoredAuditStore.open(file, anchor(), OnBrokenChain.REFUSE);
            assertThat(store.verificationAtOpen().valid()).isTrue();
            assertThat(store.anchor()).hasValueSatisfying(a -> {
                assertThat(a.sequence()).isEqualTo(5);
                assertThat(a.hash()).isEqualTo(file.head().orElseThrow().hash());
            });
        }
    }

    @Test
    void recordsCutOffTheEndAreFoundAtStartUp() throws IOException {
        run(5);
        dropLastLines(2);
        // the file alone still holds a valid chain: only the anchor tells that records are missing
        try (JsonLinesAuditStore file = new JsonLinesAuditStore(file())) {
            assertThat(file.verificationAtOpen().valid()).isTrue();
            assertThatThrownBy(() -> AnchoredAuditStore.open(file, anchor(), OnBrokenChain.REFUSE))
                    .isInstanceOfSatisfying(BrokenAuditChainException.class, e -> {
                        assertThat(e.verification().firstBadSequence()).hasValue(4);
                        assertThat(e.getMessage()).contains("record 5 was anchored", "removed from its end");
                    });
        }
    }

    @Test
    void aChainOpenedBrokenWhenToldToIsAnchoredAtItsHeadFromThenOn() throws IOException {
        run(5);
        dropLastLines(2);
        try (JsonLinesAuditStore file = new JsonLinesAuditStore(file())) {
            AnchoredAuditStore store = AnchoredAuditStore.open(file, anchor(), OnBrokenChain.OPEN);
            assertThat(store.verificationAtOpen().valid()).isFalse();
            assertThat(store.anchor()).hasValueSatisfying(a -> assertThat(a.sequence()).isEqualTo(3));
        }
        run(1);
    }

    @Test
    void aDamagedAnchorIsReportedNotIgnored() throws IOException {
        run(1);
        Files.writeString(anchor(), "not an anchor");
        try (JsonLinesAuditStore file = new JsonLinesAuditStore(file())) {
            assertThatThrownBy(() -> AnchoredAuditStore.open(file, anchor(), OnBrokenChain.REFUSE))
                    .isInstanceOf(AuditException.class).hasMessageContaining("damaged");
        }
    }
}
