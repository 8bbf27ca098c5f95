package io.promoagent.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.internal.json.CanonicalJson;
import io.promoagent.core.ToolEffect;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuditRecordTest {

    private static AuditEvent queryByAlice(ObjectNode arguments) {
        return new AuditEvent(Instant.parse("2026-06-30T12:00:00Z"), AuditAction.TOOL_CALL, "alice", "s1", "r1",
                "query", Optional.of(ToolEffect.READ), arguments, "ok", Optional.empty(), Optional.empty(), 0, "");
    }

    private static ObjectNode customers() {
        return JsonNodeFactory.instance.objectNode().put("entity", "customers");
    }

    @Nested
    class Linking {

        @Test
        void firstRecordHasSequenceOneAndTheGenesisPreviousHash() {
            AuditRecord first = AuditRecord.first(AuditEvents.event(1));

            assertThat(first.sequence()).isEqualTo(1);
            assertThat(first.previousHash()).isEqualTo("0".repeat(64)).isEqualTo(AuditRecord.GENESIS_HASH);
            assertThat(first.hashMatches()).isTrue();
        }

        @Test
        void nextRecordTakesTheFollowingSequenceAndThePreviousRecordsHash() {
            AuditRecord first = AuditRecord.first(AuditEvents.event(1));
            AuditRecord second = AuditRecord.next(first, AuditEvents.event(2));

            assertThat(second.sequence()).isEqualTo(2);
            assertThat(second.previousHash()).isEqualTo(first.hash());
            assertThat(second.hash()).isNotEqualTo(first.hash()).matches("[0-9a-f]{64}");
            assertThat(AuditRecord.after(Optional.of(first), AuditEvents.event(2))).isEqualTo(second);
            assertThat(AuditRecord.after(Optional.empty(), AuditEvents.event(1))).isEqualTo(first);
        }

        @Test
        void hashIsSha256OfTheCanonicalJsonOfEveryOtherField() {
            // Computed independently (Python hashlib over the canonical text below): changing the record's
            // JSON form or the hashing would break every stored chain, so this test pins both.
            AuditRecord record = AuditRecord.first(queryByAlice(customers()));

            ObjectNode body = record.toTree();
            body.remove("hash");
            assertThat(CanonicalJson.write(body)).isEqualTo("{\"action\":\"tool_call\",\"affectedCount\":0,"
                    + "\"approvalId\":null,\"argumentsHash\":"
                    + "\"1db3cf8103a7d9e5562a0174017a37089803d903a20bc02aa9ff66acae60679d\","
                    + "\"at\":\"2026-06-30T12:00:00Z\",\"changeSetId\":null,\"detail\":\"\",\"effect\":\"read\","
                    + "\"outcome\":\"ok\",\"previousHash\":\"" + "0".repeat(64) + "\",\"principal\":\"alice\","
                    + "\"requestId\":\"r1\",\"sequence\":1,\"sessionId\":\"s1\",\"tool\":\"query\"}");
            assertThat(record.hash()).isEqualTo("d04fe08e175245355578fa592a81a7d57f03784eaf1baf2a0448b06f880ab9a0");
        }

        @Test
        void keepsTheArgumentsOnlyAsTheHashOfTheirCanonicalForm() {
            ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("to", "john.smith@example.com")
                    .put("subject", "Summer sale");
            ObjectNode reordered = JsonNodeFactory.instance.objectNode().put("subject", "Summer sale")
                    .put("to", "john.smith@example.com");

            AuditRecord record = AuditRecord.first(queryByAlice(arguments));

            assertThat(record.toJson()).doesNotContain("john.smith@example.com").doesNotContain("Summer sale");
            assertThat(record.argumentsHash()).isEqualTo(CanonicalJson.sha256(arguments));
            assertThat(AuditRecord.first(queryByAlice(reordered)).argumentsHash()).isEqualTo(record.argumentsHash());
        }

        @Test
        void hashOfArgumentsIsTheHashARecordKeepsAndIgnoresPropertyOrder() {
            ObjectNode arguments = JsonNodeFactory.instance.objectNode().put("to", "ann@example.com").put("n", 2);
            ObjectNode reordered = JsonNodeFactory.instance.objectNode().put("n", 2).put("to", "ann@example.com");
            ObjectNode other = JsonNodeFactory.instance.objectNode().put("to", "bob@example.com").put("n", 2);

            String hash = AuditRecord.first(queryByAlice(arguments)).argumentsHash();

            assertThat(AuditRecord.hashOfArguments(arguments)).isEqualTo(hash);
            assertThat(AuditRecord.hashOfArguments(reordered)).isEqualTo(hash);
            assertThat(AuditRecord.hashOfArguments(other)).isNotEqualTo(hash);
        }

        @Test
        void replacesAnUnpairedSurrogateSoThatTheRecordReadsBackToTheSameHash() {
            AuditEvent cut = new AuditEvent(Instant.parse("2026-06-30T12:00:00Z"), AuditAction.TOOL_CALL, "alice",
                    "s1", "r1", "query", Optional.empty(), customers(), "failed", Optional.empty(), Optional.empty(),
                    0, "model said \uD83D");

            AuditRecord record = AuditRecord.first(cut);
            AuditRecord readBack = AuditRecord.fromJson(record.toJson());

            assertThat(record.detail()).isEqualTo("model said \uFFFD");
            assertThat(readBack).isEqualTo(record);
            assertThat(readBack.hashMatches()).isTrue();
        }

        @Test
        void keepsAPairedSurrogateAsItIs() {
            AuditEvent emoji = new AuditEvent(Instant.parse("2026-06-30T12:00:00Z"), AuditAction.TOOL_CALL, "alice",
                    "s1", "r1", "query", Optional.empty(), customers(), "ok", Optional.empty(), Optional.empty(),
                    0, "sunny \uD83D\uDE00 sale");

            assertThat(AuditRecord.first(emoji).detail()).isEqualTo("sunny \uD83D\uDE00 sale");
        }

        @Test
        void refusesASequenceBelowOne() {
            AuditRecord record = AuditRecord.first(AuditEvents.event(1));
            assertThatThrownBy(() -> new AuditRecord(0, record.previousHash(), record.hash(), record.at(),
                    record.action(), record.principal(), record.sessionId(), record.requestId(), record.tool(),
                    record.effect(), record.argumentsHash(), record.outcome(), record.changeSetId(),
                    record.approvalId(), record.affectedCount(), record.detail()))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Json {

        private final ObjectMapper mapper = new ObjectMapper();

        @Test
        void writesEveryFieldWithEmptyOptionalsAsNull() {
            String json = AuditRecord.first(queryByAlice(customers())).toJson();

            assertThat(json).startsWith("{\"sequence\":1,\"previousHash\":\"" + "0".repeat(64) + "\",\"hash\":\"")
                    .contains("\"at\":\"2026-06-30T12:00:00Z\",\"action\":\"tool_call\"")
                    .contains("\"effect\":\"read\"")
                    .contains("\"changeSetId\":null,\"approvalId\":null,\"affectedCount\":0,\"detail\":\"\"}")
                    .doesNotContain("\n");
        }

        @Test
        void readsBackEveryRecordExactlyByHandAndThroughJackson() throws Exception {
            for (AuditRecord record : AuditEvents.chain(15)) {
                String json = record.toJson();

                assertThat(AuditRecord.fromJson(json)).isEqualTo(record);
                assertThat(mapper.writeValueAsString(record)).isEqualTo(json);
                assertThat(mapper.readValue(json, AuditRecord.class)).isEqualTo(record);
                assertThat(AuditRecord.fromJson(json).hashMatches()).isTrue();
            }
        }

        @Test
        void keepsNanosecondsOfTheTime() {
            AuditEvent precise = new AuditEvent(Instant.parse("2026-06-30T12:00:00.123456789Z"),
                    AuditAction.APPLY, "alice", "s1", "r1", "create_promotion", Optional.of(ToolEffect.WRITE),
                    customers(), "applied", Optional.of("cs-1"), Optional.of("ap-1"), 3, "");
            AuditRecord record = AuditRecord.first(precise);

            assertThat(AuditRecord.fromJson(record.toJson()).at()).isEqualTo(precise.at());
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "not json",
                "[]",
                "{\"sequence\":1}",
                "{\"sequence\":1,\"previousHash\":\"p\",\"hash\":\"h\",\"at\":\"2026-06-30T12:00:00Z\",\"action\":\"tool_call\",\"principal\":\"a\",\"sessionId\":\"s\",\"requestId\":\"r\",\"tool\":\"t\",\"effect\":null,\"argumentsHash\":\"x\",\"outcome\":\"ok\",\"changeSetId\":null,\"approvalId\":null,\"affectedCount\":0,\"detail\":\"\",\"extra\":1}",
                "{\"sequence\":\"1\",\"previousHash\":\"p\",\"hash\":\"h\",\"at\":\"2026-06-30T12:00:00Z\",\"action\":\"tool_call\",\"principal\":\"a\",\"sessionId\":\"s\",\"requestId\":\"r\",\"tool\":\"t\",\"effect\":null,\"argumentsHash\":\"x\",\"outcome\":\"ok\",\"changeSetId\":null,\"approvalId\":null,\"affectedCount\":0,\"detail\":\"\"}",
                "{\"sequence\":1.5,\"previousHash\":\"p\",\"hash\":\"h\",\"at\":\"2026-06-30T12:00:00Z\",\"action\":\"tool_call\",\"principal\":\"a\",\"sessionId\":\"s\",\"requestId\":\"r\",\"tool\":\"t\",\"effect\":null,\"argumentsHash\":\"x\",\"outcome\":\"ok\",\"changeSetId\":null,\"approvalId\":null,\"affectedCount\":0,\"detail\":\"\"}",
                "{\"sequence\":0,\"previousHash\":\"p\",\"hash\":\"h\",\"at\":\"2026-06-30T12:00:00Z\",\"action\":\"tool_call\",\"principal\":\"a\",\"sessionId\":\"s\",\"requestId\":\"r\",\"tool\":\"t\",\"effect\":null,\"argumentsHash\":\"x\",\"outcome\":\"ok\",\"changeSetId\":null,\"approvalId\":null,\"affectedCount\":0,\"detail\":\"\"}",
                "{\"sequence\":1,\"previousHash\":\"p\",\"hash\":\"h\",\"at\":\"yesterday\",\"action\":\"tool_call\",\"principal\":\"a\",\"sessionId\":\"s\",\"requestId\":\"r\",\"tool\":\"t\",\"effect\":null,\"argumentsHash\":\"x\",\"outcome\":\"ok\",\"changeSetId\":null,\"approvalId\":null,\"affectedCount\":0,\"detail\":\"\"}",
                "{\"sequence\":1,\"previousHash\":\"p\",\"hash\":\"h\",\"at\":\"2026-06-30T12:00:00Z\",\"action\":\"delete_everything\",\"principal\":\"a\",\"sessionId\":\"s\",\"requestId\":\"r\",\"tool\":\"t\",\"effect\":null,\"argumentsHash\":\"x\",\"outcome\":\"ok\",\"changeSetId\":null,\"approvalId\":null,\"affectedCount\":0,\"detail\":\"\"}",
                "{\"sequence\":1,\"previousHash\":\"p\",\"hash\":\"h\",\"at\":\"2026-06-30T12:00:00Z\",\"action\":\"tool_call\",\"principal\":\"a\",\"sessionId\":\"s\",\"requestId\":\"r\",\"tool\":\"t\",\"effect\":\"explode\",\"argumentsHash\":\"x\",\"outcome\":\"ok\",\"changeSetId\":null,\"approvalId\":null,\"affectedCount\":0,\"detail\":\"\"}",
                "{\"sequence\":1,\"previousHash\":\"p\",\"hash\":\"h\",\"at\":\"2026-06-30T12:00:00Z\",\"action\":\"tool_call\",\"principal\":null,\"sessionId\":\"s\",\"requestId\":\"r\",\"tool\":\"t\",\"effect\":null,\"argumentsHash\":\"x\",\"outcome\":\"ok\",\"changeSetId\":null,\"approvalId\":null,\"affectedCount\":0,\"detail\":\"\"}",
                "{\"sequence\":1,\"previousHash\":\"p\",\"hash\":\"h\",\"at\":\"2026-06-30T12:00:00Z\",\"action\":\"tool_call\",\"principal\":\"a\",\"sessionId\":\"s\",\"requestId\":\"r\",\"tool\":\"t\",\"effect\":null,\"argumentsHash\":\"x\",\"outcome\":\"ok\",\"changeSetId\":null,\"approvalId\":null,\"affectedCount\":-1,\"detail\":\"\"}",
                "{\"sequence\":1,\"sequence\":2,\"previousHash\":\"p\",\"hash\":\"h\",\"at\":\"2026-06-30T12:00:00Z\",\"action\":\"tool_call\",\"principal\":\"a\",\"sessionId\":\"s\",\"requestId\":\"r\",\"tool\":\"t\",\"effect\":null,\"argumentsHash\":\"x\",\"outcome\":\"ok\",\"changeSetId\":null,\"approvalId\":null,\"affectedCount\":0,\"detail\":\"\"}",
                "{\"sequence\":1,\"previousHash\":\"p\",\"hash\":\"h\",\"at\":\"2026-06-30T12:00:00Z\",\"action\":\"tool_call\",\"principal\":\"a\",\"sessionId\":\"s\",\"requestId\":\"r\",\"tool\":\"t\",\"effect\":null,\"argumentsHash\":\"x\",\"outcome\":\"ok\",\"changeSetId\":null,\"approvalId\":null,\"affectedCount\":0,\"detail\":\"\"} {}"
        })
        void refusesAnythingButAnAuditRecordWithAnAuditException(String json) {
            assertThatThrownBy(() -> AuditRecord.fromJson(json))
                    .isInstanceOf(AuditException.class)
                    .hasMessageStartingWith("malformed audit record");
        }

        @Test
        void acceptsTheValidTemplateOfTheMalformedCases() {
            // The refused cases above are each one change away from this record, so each refusal is about its change.
            String json = "{\"sequence\":1,\"previousHash\":\"p\",\"hash\":\"h\",\"at\":\"2026-06-30T12:00:00Z\","
                    + "\"action\":\"tool_call\",\"principal\":\"a\",\"sessionId\":\"s\",\"requestId\":\"r\","
                    + "\"tool\":\"t\",\"effect\":null,\"argumentsHash\":\"x\",\"outcome\":\"ok\",\"changeSetId\":null,"
                    + "\"approvalId\":null,\"affectedCount\":0,\"detail\":\"\"}";

            AuditRecord record = AuditRecord.fromJson(json);

            assertThat(record.sequence()).isEqualTo(1);
            assertThat(record.effect()).isEmpty();
            assertThat(record.hashMatches()).isFalse();
            assertThat(List.of(record.toJson())).containsExactly(json);
        }
    }
}
