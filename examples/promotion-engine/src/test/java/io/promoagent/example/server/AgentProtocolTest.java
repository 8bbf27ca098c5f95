package io.promoagent.example.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.audit.AuditRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AgentProtocolTest {

    private final FakeBackend backend = new FakeBackend();
    private final AtomicInteger sessions = new AtomicInteger();
    private final AgentProtocol protocol = new AgentProtocol(backend, new InMemorySessionDirectory(),
            () -> "session-" + sessions.incrementAndGet());
    private final List<JsonNode> sent = new ArrayList<>();
    private final List<String> raw = new ArrayList<>();
    private final Outbound out = json -> {
        raw.add(json);
        sent.add(read(json));
    };

    private static JsonNode read(String json) {
        try {
            return ServerMessages.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<String> types() {
        return sent.stream().map(m -> m.get("type").asText()).toList();
    }

    private JsonNode last() {
        return sent.get(sent.size() - 1);
    }

    @Nested
    class SigningIn {

        @Test
        void welcomesANewConnectionWithAFreshSession() {
            ConnectionState state = protocol.open("c1", Optional.empty(), out);

            assertThat(state.sessionId()).isEqualTo("session-1");
            assertThat(state.principal()).isEmpty();
            assertThat(types()).containsExactly("welcome");
            assertThat(sent.get(0).get("sessionId").asText()).isEqualTo("session-1");
        }

        @Test
        void signsInWithAKeyGivenOnConnect() {
            ConnectionState state = protocol.open("c1", Optional.of("marketer-key"), out);

            assertThat(state.principal()).contains(FakeBackend.MARKETER);
            assertThat(types()).containsExactly("welcome", "authenticated");
            assertThat(last().get("user").get("roles").get(0).asText()).isEqualTo("marketer");
        }

        @Test
        void refusesAndAuditsAnUnknownKey() {
            ConnectionState state = protocol.open("c1", Optional.empty(), out);

            state = protocol.handle(state, "{\"type\":\"auth\",\"key\":\"guess\"}", out);

            assertThat(state.principal()).isEmpty();
            assertThat(last().get("type").asText()).isEqualTo("error");
            assertThat(last().get("code").asText()).isEqualTo("unauthenticated");
            AuditRecord record = backend.auditRecords(1, Integer.MAX_VALUE).get(0);
            assertThat(record.principal()).isEqualTo("anonymous");
            assertThat(record.outcome()).isEqualTo("refused:unauthenticated");
            assertThat(record.requestId()).isEqualTo("auth");
        }

        @Test
        void aFailedSignInSignsTheConnectionOut() {
            ConnectionState state = protocol.open("c1", Optional.of("approver-key"), out);

            state = protocol.handle(state, "{\"type\":\"auth\",\"key\":\"wrong\"}", out);
            protocol.handle(state, "{\"type\":\"approve\",\"id\":\"r1\",\"approvalId\":\"a-1\"}", out);

            assertThat(state.principal()).isEmpty();
            assertThat(backend.decisions).isEmpty();
            assertThat(last().get("code").asText()).isEqualTo("unauthenticated");
        }
    }

    @Nested
    class Requests {

        @Test
        void refusesAndAuditsARequestBeforeSignIn() {
            ConnectionState state = protocol.open("c1", Optional.empty(), out);

            protocol.handle(state, "{\"type\":\"ask\",\"id\":\"r1\",\"text\":\"Show VIP customers\"}", out);

            assertThat(backend.asked).isEmpty();
            assertThat(last().get("type").asText()).isEqualTo("error");
            assertThat(last().get("id").asText()).isEqualTo("r1");
            assertThat(last().get("code").asText()).isEqualTo("unauthenticated");
            assertThat(backend.auditRecords(1, Integer.MAX_VALUE)).singleElement()
                    .satisfies(r -> assertThat(r.requestId()).isEqualTo("ask"))
                    .satisfies(r -> assertThat(r.sessionId()).isEqualTo("session-1"));
            assertThat(backend.verifyAudit().valid()).isTrue();
        }

        @Test
        void streamsProgressThenTheReplyUnderTheRequestId() {
            ConnectionState state = protocol.open("c1", Optional.of("analyst-key"), out);
            sent.clear();

            protocol.handle(state, "{\"type\":\"ask\",\"id\":\"r7\",\"text\":\"Show VIP customers\"}", out);

            assertThat(types()).containsExactly("progress", "progress", "progress", "reply");
            assertThat(sent).allSatisfy(m -> assertThat(m.get("id").asText()).isEqualTo("r7"));
            assertThat(sent.get(0).get("stage").asText()).isEqualTo("planning");
            assertThat(sent.get(2).get("tool").asText()).isEqualTo("query");
            assertThat(sent.get(2).get("count").asLong()).isEqualTo(1);
            JsonNode table = last().get("reply").get("blocks").get(0);
            assertThat(table.get("type").asText()).isEqualTo("table");
            assertThat(table.get("rows").get(0).get("who").asText()).isEqualTo("analyst");
            assertThat(raw.get(raw.size() - 1)).as("exact decimals, written plainly").contains("\"amount\":1250.50");
            assertThat(backend.sessionsAsked).containsExactly("session-1");
        }

        @Test
        void forwardsDecisionsAndRollbacksWithTheSignedInPrincipal() {
            ConnectionState state = protocol.open("c1", Optional.of("approver-key"), out);

            protocol.handle(state, "{\"type\":\"approve\",\"id\":\"r1\",\"approvalId\":\"a-1\",\"reason\":\"fine\"}", out);
            protocol.handle(state, "{\"type\":\"reject\",\"id\":\"r2\",\"approvalId\":\"a-2\",\"reason\":\"too generous\"}", out);
            protocol.handle(state, "{\"type\":\"rollback\",\"id\":\"r3\",\"changeSetId\":\"cs-1\"}", out);

            assertThat(backend.decisions).containsExactly("approve a-1 by approver (fine)",
                    "reject a-2 by approver (too generous)", "rollback cs-1 by approver");
            assertThat(sent.stream().filter(m -> m.get("type").asText().equals("reply")).map(m -> m.get("id").asText()))
                    .containsExactly("r1", "r2", "r3");
        }

        @Test
        void passesOnTheApplicationsRefusalOfAnUnauthorisedDecision() {
            ConnectionState state = protocol.open("c1", Optional.of("marketer-key"), out);

            protocol.handle(state, "{\"type\":\"approve\",\"id\":\"r1\",\"approvalId\":\"a-1\"}", out);

            JsonNode error = last().get("reply").get("blocks").get(0);
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("code").asText()).isEqualTo("not_an_approver");
        }

        @Test
        void answersAFailureInsideTheApplicationWithAnInternalError() {
            ConnectionState state = protocol.open("c1", Optional.of("analyst-key"), out);

            ConnectionState after = protocol.handle(state, "{\"type\":\"ask\",\"id\":\"r1\",\"text\":\"explode\"}", out);

            assertThat(after).isEqualTo(state);
            assertThat(last().get("type").asText()).isEqualTo("error");
            assertThat(last().get("code").asText()).isEqualTo("internal");
            assertThat(last().get("message").asText()).doesNotContain("boom");
        }

        @Test
        void answersPing() {
            ConnectionState state = protocol.open("c1", Optional.empty(), out);

            protocol.handle(state, "{\"type\":\"ping\",\"id\":\"p1\"}", out);

            assertThat(last().get("type").asText()).isEqualTo("pong");
            assertThat(last().get("id").asText()).isEqualTo("p1");
        }
    }

    @Nested
    class Sessions {

        @Test
        void resumesAConversationOfTheSamePerson() {
            ConnectionState first = protocol.open("c1", Optional.of("marketer-key"), out);
            ConnectionState second = protocol.open("c2", Optional.of("marketer-key"), out);

            ConnectionState resumed = protocol.handle(second, "{\"type\":\"hello\",\"sessionId\":\"" + first.sessionId() + "\"}", out);
            protocol.handle(resumed, "{\"type\":\"ask\",\"id\":\"r1\",\"text\":\"and now?\"}", out);

            assertThat(resumed.sessionId()).isEqualTo(first.sessionId());
            assertThat(backend.sessionsAsked).containsExactly(first.sessionId());
        }

        @Test
        void keepsSomeoneElsesConversationClosed() {
            ConnectionState marketers = protocol.open("c1", Optional.of("marketer-key"), out);
            ConnectionState analysts = protocol.open("c2", Optional.of("analyst-key"), out);

            ConnectionState after = protocol.handle(analysts, "{\"type\":\"hello\",\"sessionId\":\"" + marketers.sessionId() + "\"}", out);

            assertThat(after.sessionId()).isEqualTo(analysts.sessionId());
            assertThat(last().get("type").asText()).isEqualTo("session");
            assertThat(last().get("resumed").asBoolean()).isFalse();
        }

        @Test
        void startsANewConversationWhenAnotherPersonSignsInOnTheConnection() {
            ConnectionState state = protocol.open("c1", Optional.of("marketer-key"), out);

            ConnectionState switched = protocol.handle(state, "{\"type\":\"auth\",\"key\":\"approver-key\"}", out);

            assertThat(switched.principal()).contains(FakeBackend.APPROVER);
            assertThat(switched.sessionId()).isNotEqualTo(state.sessionId());
            assertThat(last().get("sessionId").asText()).isEqualTo(switched.sessionId());
        }

        @Test
        void refusesHelloBeforeSignIn() {
            ConnectionState state = protocol.open("c1", Optional.empty(), out);

            ConnectionState after = protocol.handle(state, "{\"type\":\"hello\",\"sessionId\":\"abcdefgh-1\"}", out);

            assertThat(after.sessionId()).isEqualTo("session-1");
            assertThat(last().get("code").asText()).isEqualTo("unauthenticated");
        }
    }
}
