package io.promoagent.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AuditVerifierTest {

    private static final int SIZE = 7;

    /** Every field of a record's JSON form, listed here on purpose rather than taken from the code. */
    private static final List<String> FIELDS = List.of("sequence", "previousHash", "hash", "at", "action",
            "principal", "sessionId", "requestId", "tool", "effect", "argumentsHash", "outcome", "changeSetId",
            "approvalId", "affectedCount", "detail");

    /** {@code record} with one field changed, as someone editing the stored JSON would. */
    static AuditRecord edit(AuditRecord record, String field) {
        ObjectNode json = record.toTree();
        JsonNode value = json.get(field);
        switch (field) {
            case "sequence", "affectedCount" -> json.put(field, value.longValue() + 1);
            case "at" -> json.put(field, Instant.parse(value.textValue()).plusSeconds(1).toString());
            case "action" -> json.put(field, value.textValue().equals("apply") ? "rollback" : "apply");
            case "effect" -> json.put(field, "send".equals(value.textValue()) ? "read" : "send");
            default -> json.put(field, value.isNull() ? "forged" : flip(value.textValue()));
        }
        return AuditRecord.fromTree(json);
    }

    /** A different string of the same length and alphabet where possible, so that only the content differs. */
    private static String flip(String s) {
        if (s.isEmpty()) {
            return "x";
        }
        char c = s.charAt(0);
        return (c == 'a' ? 'b' : 'a') + s.substring(1);
    }

    static Stream<Arguments> everyFieldOfRecordsAtStartMiddleAndEnd() {
        return FIELDS.stream().flatMap(f -> Stream.of(1, 4, SIZE).map(seq -> Arguments.of(f, seq)));
    }

    @Test
    void theListOfFieldsHereIsTheRecordsFullJsonForm() {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = AuditEvents.chain(1).get(0).toTree().fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertThat(names).containsExactlyElementsOf(FIELDS);
    }

    @Nested
    class AnIntactChain {

        @Test
        void verifiesWithEveryRecordChecked() {
            AuditVerification result = AuditVerifier.verify(AuditEvents.chain(SIZE));

            assertThat(result.valid()).isTrue();
            assertThat(result.recordsChecked()).isEqualTo(SIZE);
            assertThat(result.firstBadSequence()).isEmpty();
            assertThat(result.problem()).isEmpty();
        }

        @Test
        void verifiesWhenEmpty() {
            assertThat(AuditVerifier.verify(List.of())).isEqualTo(AuditVerification.intact(0));
        }

        @Test
        void verifiesAgainstAnAnchorAtItsHeadOrEarlier() {
            List<AuditRecord> chain = AuditEvents.chain(SIZE);

            assertThat(AuditVerifier.verify(chain, chain.get(SIZE - 1).anchor()).valid()).isTrue();
            assertThat(AuditVerifier.verify(chain, chain.get(2).anchor()).valid()).isTrue();
        }

        @Test
        void verifiesInAStoreReadAPageAtATime() {
            InMemoryAuditStore store = new InMemoryAuditStore();
            ChainedAuditSink sink = new ChainedAuditSink(store);
            for (int n = 1; n <= 2345; n++) {
                sink.record(AuditEvents.event(n));
            }

            AuditVerification result = AuditVerifier.verify(store, store.head().orElseThrow().anchor());

            assertThat(result.valid()).isTrue();
            assertThat(result.recordsChecked()).isEqualTo(2345);
        }
    }

    @Nested
    class AnEditedRecord {

        @ParameterizedTest(name = "{0} of record {1}")
        @MethodSource("io.promoagent.core.audit.AuditVerifierTest#everyFieldOfRecordsAtStartMiddleAndEnd")
        void isFoundAtItsSequenceWhateverFieldChanged(String field, int sequence) {
            List<AuditRecord> chain = new ArrayList<>(AuditEvents.chain(SIZE));
            AuditRecord original = chain.get(sequence - 1);
            AuditRecord edited = edit(original, field);
            assertThat(edited).isNotEqualTo(original);
            chain.set(sequence - 1, edited);

            AuditVerification result = AuditVerifier.verify(chain);

            assertThat(result.valid()).isFalse();
            assertThat(result.firstBadSequence()).hasValue(sequence);
            assertThat(result.recordsChecked()).isEqualTo(sequence);
            assertThat(result.problem()).contains("record " + sequence);
        }

        @Test
        void whoseHashWasRecomputedIsFoundAtTheNextRecordWhichNoLongerLinksToIt() {
            List<AuditRecord> chain = new ArrayList<>(AuditEvents.chain(SIZE));
            AuditRecord edited = edit(chain.get(2), "affectedCount");
            chain.set(2, edited.withHash(edited.computeHash()));

            AuditVerification result = AuditVerifier.verify(chain);

            assertThat(result.firstBadSequence()).hasValue(4);
            assertThat(result.problem()).contains("does not link");
        }

        @Test
        void atTheHeadWithItsHashRecomputedIsFoundOnlyAgainstAnAnchor() {
            List<AuditRecord> chain = new ArrayList<>(AuditEvents.chain(SIZE));
            AuditRecord anchorBefore = chain.get(SIZE - 1);
            AuditRecord edited = edit(anchorBefore, "principal");
            chain.set(SIZE - 1, edited.withHash(edited.computeHash()));

            assertThat(AuditVerifier.verify(chain).valid()).isTrue();

            AuditVerification anchored = AuditVerifier.verify(chain, anchorBefore.anchor());
            assertThat(anchored.valid()).isFalse();
            assertThat(anchored.firstBadSequence()).hasValue(SIZE);
            assertThat(anchored.problem()).contains("rewritten");
        }

        @Test
        void inAChainRecomputedFromThereOnIsFoundOnlyAgainstAnAnchor() {
            List<AuditRecord> chain = AuditEvents.chain(SIZE);
            List<AuditRecord> forged = new ArrayList<>(chain.subList(0, 2));
            for (int n = 3; n <= SIZE; n++) {
                AuditEvent event = AuditEvents.event(n == 3 ? 99 : n);
                forged.add(AuditRecord.next(forged.get(forged.size() - 1), event));
            }

            assertThat(AuditVerifier.verify(forged).valid()).isTrue();
            assertThat(AuditVerifier.verify(forged, chain.get(SIZE - 1).anchor()).firstBadSequence()).hasValue(SIZE);
        }
    }

    @Nested
    class ARecordOutOfPlace {

        @Test
        void removedFromTheMiddleIsFoundWhereItIsMissing() {
            List<AuditRecord> chain = new ArrayList<>(AuditEvents.chain(SIZE));
            chain.remove(3);

            AuditVerification result = AuditVerifier.verify(chain);

            assertThat(result.firstBadSequence()).hasValue(4);
            assertThat(result.problem()).contains("record 4 is missing");
        }

        @Test
        void removedFromTheStartIsFoundAtOne() {
            List<AuditRecord> chain = new ArrayList<>(AuditEvents.chain(SIZE));
            chain.remove(0);

            assertThat(AuditVerifier.verify(chain).firstBadSequence()).hasValue(1);
        }

        @Test
        void removedFromTheEndIsFoundOnlyAgainstAnAnchor() {
            List<AuditRecord> chain = new ArrayList<>(AuditEvents.chain(SIZE));
            AuditAnchor head = chain.get(SIZE - 1).anchor();
            chain.remove(SIZE - 1);
            chain.remove(SIZE - 2);

            assertThat(AuditVerifier.verify(chain).valid()).isTrue();

            AuditVerification anchored = AuditVerifier.verify(chain, head);
            assertThat(anchored.valid()).isFalse();
            assertThat(anchored.firstBadSequence()).hasValue(SIZE - 1);
            assertThat(anchored.problem()).contains("removed from its end");
        }

        @Test
        void removedWithTheFollowingRecordsRenumberedIsFoundAtTheFirstRenumbered() {
            List<AuditRecord> chain = new ArrayList<>(AuditEvents.chain(SIZE));
            chain.remove(3);
            for (int i = 3; i < chain.size(); i++) {
                ObjectNode json = chain.get(i).toTree();
                json.put("sequence", i + 1);
                chain.set(i, AuditRecord.fromTree(json));
            }

            assertThat(AuditVerifier.verify(chain).firstBadSequence()).hasValue(4);
        }

        @Test
        void swappedWithItsNeighbourIsFoundAtTheFirstOfThePair() {
            List<AuditRecord> chain = new ArrayList<>(AuditEvents.chain(SIZE));
            AuditRecord third = chain.get(2);
            chain.set(2, chain.get(3));
            chain.set(3, third);

            AuditVerification result = AuditVerifier.verify(chain);

            assertThat(result.firstBadSequence()).hasValue(3);
            assertThat(result.recordsChecked()).isEqualTo(3);
        }

        @Test
        void insertedAsAValidLookingSuccessorIsFoundWhereTheChainForks() {
            List<AuditRecord> chain = new ArrayList<>(AuditEvents.chain(SIZE));
            chain.add(3, AuditRecord.next(chain.get(2), AuditEvents.event(99)));

            AuditVerification result = AuditVerifier.verify(chain);

            assertThat(result.valid()).isFalse();
            assertThat(result.firstBadSequence()).hasValue(5);
            assertThat(result.problem()).contains("out of place");
        }

        @Test
        void repeatedIsFound() {
            List<AuditRecord> chain = new ArrayList<>(AuditEvents.chain(SIZE));
            chain.add(4, chain.get(3));

            assertThat(AuditVerifier.verify(chain).firstBadSequence()).hasValue(5);
        }

        @Test
        void startingFromAnotherHashThanGenesisIsFound() {
            List<AuditRecord> chain = AuditEvents.chain(1);
            ObjectNode json = chain.get(0).toTree();
            json.put("previousHash", "f".repeat(64));
            AuditRecord resealed = AuditRecord.fromTree(json);

            AuditVerification result = AuditVerifier.verify(List.of(resealed.withHash(resealed.computeHash())));

            assertThat(result.firstBadSequence()).hasValue(1);
            assertThat(result.problem()).contains("genesis");
        }
    }

    @Nested
    class AVerifierFedOneRecordAtATime {

        @Test
        void stopsAtTheFirstBreakAndIgnoresTheRest() {
            List<AuditRecord> chain = new ArrayList<>(AuditEvents.chain(SIZE));
            chain.set(1, edit(chain.get(1), "detail"));
            chain.set(4, edit(chain.get(4), "detail"));
            AuditVerifier verifier = new AuditVerifier();

            List<Boolean> answers = new ArrayList<>();
            chain.forEach(r -> answers.add(verifier.check(r)));

            assertThat(answers).containsExactly(true, false, false, false, false, false, false);
            assertThat(verifier.result().firstBadSequence()).hasValue(2);
            assertThat(verifier.result().recordsChecked()).isEqualTo(2);
        }
    }
}
