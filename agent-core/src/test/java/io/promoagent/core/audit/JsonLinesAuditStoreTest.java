package io.promoagent.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.audit.JsonLinesAuditStore.OnBrokenChain;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditStoreTest extends AuditStoreContract {

    @TempDir
    Path dir;

    private final List<JsonLinesAuditStore> opened = new ArrayList<>();
    private int files;

    @Override
    AuditStore newStore() {
        return open(dir.resolve("audit-" + (++files) + ".jsonl"));
    }

    JsonLinesAuditStore open(Path file) {
        JsonLinesAuditStore store = new JsonLinesAuditStore(file);
        opened.add(store);
        return store;
    }

    JsonLinesAuditStore openBroken(Path file) {
        JsonLinesAuditStore store = new JsonLinesAuditStore(file, OnBrokenChain.OPEN);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JsonLinesAuditStore::close);
    }

    /** A file holding a valid chain of {@code size} records, closed. */
    Path fileWithChain(int size) {
        Path file = dir.resolve("chain.jsonl");
        try (JsonLinesAuditStore store = new JsonLinesAuditStore(file)) {
            ChainedAuditSink sink = new ChainedAuditSink(store);
            for (int n = 1; n <= size; n++) {
                sink.record(AuditEvents.event(n));
            }
        }
        return file;
    }

    static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    static void write(Path file, List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    @Nested
    class OnDisk {

        @Test
        void writesEachRecordAsOneLineOfItsJsonByTheTimeAppendReturns() throws IOException {
            Path file = dir.resolve("lines.jsonl");
            JsonLinesAuditStore store = open(file);
            List<AuditRecord> chain = AuditEvents.chain(3);

            store.append(chain.get(0));
            assertThat(lines(file)).containsExactly(chain.get(0).toJson());
            store.append(chain.get(1));
            store.append(chain.get(2));

            assertThat(lines(file)).containsExactly(chain.get(0).toJson(), chain.get(1).toJson(), chain.get(2).toJson());
            assertThat(Files.readString(file)).endsWith("\n");
        }

        @Test
        void readsTheChainBackAfterARestartAndContinuesIt() {
            Path file = fileWithChain(5);
            List<AuditRecord> before;
            try (JsonLinesAuditStore first = new JsonLinesAuditStore(file)) {
                before = first.all();
            }

            JsonLinesAuditStore restarted = open(file);
            AuditRecord sixth = new ChainedAuditSink(restarted).append(AuditEvents.event(6));

            assertThat(restarted.verificationAtOpen()).isEqualTo(AuditVerification.intact(5));
            assertThat(before).hasSize(5);
            assertThat(restarted.all().subList(0, 5)).containsExactlyElementsOf(before);
            assertThat(sixth.sequence()).isEqualTo(6);
            assertThat(sixth.previousHash()).isEqualTo(before.get(4).hash());
            restarted.close();
            assertThat(open(file).all()).hasSize(6).last().isEqualTo(sixth);
        }

        @Test
        void createsTheFileAndItsDirectory() {
            Path file = dir.resolve("a/b/audit.jsonl");

            open(file).append(AuditEvents.chain(1).get(0));

            assertThat(file).exists();
        }

        @Test
        void keepsTextOutsideAsciiExactly() {
            JsonLinesAuditStore store = open(dir.resolve("unicode.jsonl"));
            AuditEvent event = AuditEvents.event(1);
            AuditRecord record = AuditRecord.first(new AuditEvent(event.at(), event.action(), "zoë", event.sessionId(),
                    event.requestId(), event.tool(), event.effect(), event.arguments(), event.outcome(),
                    event.changeSetId(), event.approvalId(), event.affectedCount(), "Sommer-Rabatt für Kunden ☀"));
            store.append(record);
            store.close();

            assertThat(open(dir.resolve("unicode.jsonl")).all()).containsExactly(record);
        }
    }

    @Nested
    class ATamperedFile {

        @Test
        void isRefusedWhenARecordWasEdited() throws IOException {
            Path file = fileWithChain(6);
            List<String> lines = lines(file);
            lines.set(2, lines.get(2).replace("\"principal\":\"bob\"", "\"principal\":\"mallory\""));
            assertThat(lines.get(2)).contains("mallory");
            write(file, lines);

            assertThatThrownBy(() -> open(file))
                    .isInstanceOfSatisfying(BrokenAuditChainException.class, e -> {
                        assertThat(e.verification().firstBadSequence()).hasValue(3);
                        assertThat(e.getMessage()).contains(file.toString()).contains("record 3");
                    });
            assertThat(lines(file)).isEqualTo(lines);
        }

        @Test
        void isRefusedWhenALineWasDeleted() throws IOException {
            Path file = fileWithChain(6);
            List<String> lines = lines(file);
            lines.remove(3);
            write(file, lines);

            assertThatThrownBy(() -> open(file)).isInstanceOfSatisfying(BrokenAuditChainException.class,
                    e -> assertThat(e.verification().firstBadSequence()).hasValue(4));
        }

        @Test
        void isRefusedWhenTwoLinesWereSwapped() throws IOException {
            Path file = fileWithChain(6);
            List<String> lines = lines(file);
            Collections.swap(lines, 1, 4);
            write(file, lines);

            assertThatThrownBy(() -> open(file)).isInstanceOfSatisfying(BrokenAuditChainException.class,
                    e -> assertThat(e.verification().firstBadSequence()).hasValue(2));
        }

        @Test
        void isRefusedWhenALineIsNotARecord() throws IOException {
            Path file = fileWithChain(4);
            List<String> lines = lines(file);
            lines.set(2, "{\"sequence\":3,\"note\":\"nothing to see\"}");
            write(file, lines);

            assertThatThrownBy(() -> open(file)).isInstanceOfSatisfying(BrokenAuditChainException.class, e -> {
                assertThat(e.verification().firstBadSequence()).hasValue(3);
                assertThat(e.verification().problem()).contains("line 3 is not an audit record");
            });
        }

        @Test
        void isReleasedWhenRefusedSoThatItCanBeOpenedOnPurpose() throws IOException {
            Path file = fileWithChain(5);
            List<String> lines = lines(file);
            lines.remove(1);
            write(file, lines);
            assertThatThrownBy(() -> open(file)).isInstanceOf(BrokenAuditChainException.class);

            JsonLinesAuditStore store = openBroken(file);

            assertThat(store.verificationAtOpen().valid()).isFalse();
            assertThat(store.verificationAtOpen().firstBadSequence()).hasValue(2);
            assertThat(store.all()).extracting(AuditRecord::sequence).containsExactly(1L, 3L, 4L, 5L);
            assertThat(new ChainedAuditSink(store).append(AuditEvents.event(6)).sequence()).isEqualTo(6);
        }
    }

    @Nested
    class AfterACrash {

        @Test
        void cutsOffTheRemainsOfAnAppendThatNeverFinished() throws IOException {
            Path file = fileWithChain(3);
            long size = Files.size(file);
            String torn = AuditRecord.next(AuditRecord.fromJson(lines(file).get(2)), AuditEvents.event(4)).toJson();
            Files.writeString(file, torn.substring(0, torn.length() / 2), StandardOpenOption.APPEND);

            JsonLinesAuditStore store = open(file);

            assertThat(store.verificationAtOpen()).isEqualTo(AuditVerification.intact(3));
            assertThat(Files.size(file)).isEqualTo(size);
            assertThat(new ChainedAuditSink(store).append(AuditEvents.event(4)).sequence()).isEqualTo(4);
            store.close();
            assertThat(open(file).all()).hasSize(4);
        }
    }

    @Nested
    class Ownership {

        @Test
        void refusesASecondStoreOnTheSameFile() {
            Path file = dir.resolve("owned.jsonl");
            open(file);

            assertThatThrownBy(() -> open(file))
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("open in this process already");
        }

        @Test
        void refusesAppendsOnceClosed() {
            JsonLinesAuditStore store = open(dir.resolve("closed.jsonl"));
            store.close();

            assertThatThrownBy(() -> store.append(AuditEvents.chain(1).get(0)))
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("closed");
        }
    }
}
