package io.promoagent.example.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
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
