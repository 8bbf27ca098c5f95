package io.promoagent.example.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.core.reply.TableRead;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMessageTest {

    private static final ObjectMapper MAPPER = ServerMessages.mapper();

    private static ClientMessage parse(String json) {
        return ClientMessage.parse(json, MAPPER);
    }

    @Nested
    class Reads {

        @Test
        void anAsk() {
            assertThat(parse("{\"type\":\"ask\",\"id\":\"r1\",\"text\":\"Show VIP customers\"}"))
                    .isEqualTo(new ClientMessage.Ask("r1", "Show VIP customers"));
        }

        @Test
        void approvalsWithAndWithoutAReason() {
            assertThat(parse("{\"type\":\"approve\",\"id\":\"r1\",\"approvalId\":\"a\"}"))
                    .isEqualTo(new ClientMessage.Decide("r1", true, "a", ""));
            assertThat(parse("{\"type\":\"reject\",\"id\":\"r1\",\"approvalId\":\"a\",\"reason\":\"no\"}"))
                    .isEqualTo(new ClientMessage.Decide("r1", false, "a", "no"));
        }

        @Test
        void authHelloRollbackAndPing() {
            assertThat(parse("{\"type\":\"auth\",\"key\":\"k\"}")).isEqualTo(new ClientMessage.Auth("k"));
            assertThat(parse("{\"type\":\"hello\",\"sessionId\":\"0f8e-77aa-bb\"}")).isEqualTo(new ClientMessage.Hello("0f8e-77aa-bb"));
            assertThat(parse("{\"type\":\"rollback\",\"id\":\"r\",\"changeSetId\":\"cs\"}")).isEqualTo(new ClientMessage.Rollback("r", "cs"));
            assertThat(parse("{\"type\":\"ping\"}")).isEqualTo(new ClientMessage.Ping(""));
            assertThat(parse("{\"type\":\"confirm_read\",\"id\":\"r\",\"handle\":\"h-1\"}"))
                    .isEqualTo(new ClientMessage.ConfirmRead("r", "h-1"));
            assertThat(((ClientMessage.Explain) parse("{\"type\":\"explain\",\"id\":\"r\",\"query\":{\"entity\":\"customers\"}}"))
                    .query().path("entity").asText()).isEqualTo("customers");
        }

        @Test
        void anExplainOfATablesReadsInTheirOrderWithWhatEachFeeds() {
            ClientMessage.ExplainReads explain = (ClientMessage.ExplainReads) parse("{\"type\":\"explain\",\"id\":\"r\","
                    + "\"reads\":[{\"query\":{\"entity\":\"promotions\"},\"purpose\":\"promotions: every promotion\"},"
                    + "{\"query\":{\"entity\":\"orders\"}}]}");

            assertThat(explain.requestId()).contains("r");
            assertThat(explain.reads()).extracting(r -> r.query().path("entity").asText()).containsExactly("promotions", "orders");
            assertThat(explain.reads()).extracting(TableRead::purpose).containsExactly("promotions: every promotion", "");
        }

        @Test
        void asManyReadsAsTheLimit() {
            String reads = String.join(",", Collections.nCopies(ClientMessage.MAX_EXPLAIN_READS,
                    "{\"query\":{\"entity\":\"orders\"}}"));
            assertThat(((ClientMessage.ExplainReads) parse("{\"type\":\"explain\",\"id\":\"r\",\"reads\":[" + reads + "]}"))
                    .reads()).hasSize(ClientMessage.MAX_EXPLAIN_READS);
        }
    }

    @Nested
    class Refuses {

        @ParameterizedTest
        @ValueSource(strings = {"not json", "[1,2]", "\"ask\"", "{}", "{\"type\":\"shout\"}", "{\"type\":\"ask\",\"id\":\"r\"}",
                "{\"type\":\"confirm_read\",\"id\":\"r\"}", "{\"type\":\"confirm_read\",\"id\":\"r\",\"handle\":\"h\",\"as\":\"x\"}",
                "{\"type\":\"explain\",\"id\":\"r\",\"query\":[1]}",
                "{\"type\":\"ask\",\"id\":\"r\",\"text\":\"  \"}", "{\"type\":\"ask\",\"id\":\"r\",\"text\":5}",
                "{\"type\":\"ask\",\"text\":\"hi\"}", "{\"type\":\"approve\",\"id\":\"r\"}",
                "{\"type\":\"hello\",\"sessionId\":\"../../etc\"}", "{\"type\":\"auth\"}"})
        void malformedMessagesAsBadRequests(String json) {
            assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ProtocolException.class,
                    e -> assertThat(e.code()).isEqualTo("bad_request"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"type\":\"explain\",\"id\":\"r\",\"reads\":[]}",
                "{\"type\":\"explain\",\"id\":\"r\",\"reads\":{\"query\":{}}}",
                "{\"type\":\"explain\",\"id\":\"r\",\"reads\":[{\"query\":\"customers\"}]}",
                "{\"type\":\"explain\",\"id\":\"r\",\"reads\":[\"customers\"]}",
                "{\"type\":\"explain\",\"id\":\"r\",\"reads\":[{\"purpose\":\"x\"}]}",
                "{\"type\":\"explain\",\"id\":\"r\",\"reads\":[{\"query\":{},\"purpose\":5}]}",
                "{\"type\":\"explain\",\"id\":\"r\",\"reads\":[{\"query\":{},\"sql\":\"DROP TABLE\"}]}",
                "{\"type\":\"explain\",\"id\":\"r\",\"reads\":[{\"query\":{}}],\"query\":{}}",
                "{\"type\":\"explain\",\"id\":\"r\",\"reads\":null}",
                "{\"type\":\"explain\",\"reads\":[{\"query\":{}}]}"})
        void explainsWhoseReadsAreMalformedNamingTheRequest(String json) {
            assertThatThrownBy(() -> parse(json)).isInstanceOfSatisfying(ProtocolException.class, e -> {
                assertThat(e.code()).isEqualTo("bad_request");
                assertThat(e.getMessage()).doesNotContain("Exception").doesNotContain("at io.");
                if (json.contains("\"id\"")) {
                    assertThat(e.requestId()).contains("r");
                }
            });
        }

        @Test
        void moreReadsThanTheLimitOrAPurposeTooLong() {
            String reads = String.join(",", Collections.nCopies(ClientMessage.MAX_EXPLAIN_READS + 1,
                    "{\"query\":{\"entity\":\"orders\"}}"));
            assertThatThrownBy(() -> parse("{\"type\":\"explain\",\"id\":\"r\",\"reads\":[" + reads + "]}"))
                    .isInstanceOf(ProtocolException.class)
                    .hasMessage("'reads' must hold 1 to " + ClientMessage.MAX_EXPLAIN_READS + " reads, not "
                            + (ClientMessage.MAX_EXPLAIN_READS + 1));
            String purpose = "x".repeat(ClientMessage.MAX_PURPOSE_CHARS + 1);
            assertThatThrownBy(() -> parse("{\"type\":\"explain\",\"id\":\"r\",\"reads\":[{\"query\":{},\"purpose\":\""
                    + purpose + "\"}]}")).isInstanceOf(ProtocolException.class)
                    .hasMessage("'reads[0].purpose' may hold at most " + ClientMessage.MAX_PURPOSE_CHARS + " characters");
        }

        @Test
        void unknownFieldsNamingTheRequest() {
            assertThatThrownBy(() -> parse("{\"type\":\"ask\",\"id\":\"r9\",\"text\":\"hi\",\"role\":\"admin\"}"))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.requestId()).isEqualTo(Optional.of("r9"));
                        assertThat(e.getMessage()).contains("role");
                    });
        }

        @Test
        void textsLongerThanTheLimit() {
            String longText = "x".repeat(ClientMessage.MAX_TEXT_CHARS + 1);
            assertThatThrownBy(() -> parse("{\"type\":\"ask\",\"id\":\"r\",\"text\":\"" + longText + "\"}"))
                    .isInstanceOf(ProtocolException.class).hasMessageContaining("at most");
        }
    }
}
