package io.promoagent.example.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AgentServerTest {

    static FakeBackend backend;
    static AgentServer server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        backend = new FakeBackend();
        server = AgentServer.start(backend, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return ServerMessages.mapper().readTree(response.body());
    }

    /** A socket whose messages land in a queue. */
    static final class Client implements AutoCloseable {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        final AgentSocket socket;

        /** A client signed in on connect with {@code key} in the Authorization header; none when empty. */
        Client(String key) {
            socket = AgentSocket.connect(HTTP, URI.create("ws://127.0.0.1:" + server.port() + "/agent"),
                    key.isEmpty() ? Map.of() : Map.of("Authorization", "Bearer " + key), received::add);
        }

        JsonNode next() throws InterruptedException {
            JsonNode m = received.poll(10, TimeUnit.SECONDS);
            assertThat(m).as("a message within 10 s").isNotNull();
            return m;
        }

        JsonNode nextOfType(String type) throws InterruptedException {
            while (true) {
                JsonNode m = next();
                if (m.get("type").asText().equals(type)) {
                    return m;
                }
            }
        }

        void send(String json) {
            socket.send(json);
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    @Nested
    class ThePage {

        @Test
        void isServedAtTheRootWithAContentSecurityPolicy() throws Exception {
            HttpResponse<String> page = get("/", null);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<title>Promo Agent</title>").contains("app.js");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
        }

        @Test
        void servesItsScriptsAsJavaScript() throws Exception {
            for (String file : List.of("/app.js", "/blocks.js", "/widgets.js", "/dom.js")) {
                HttpResponse<String> script = get(file, null);
                assertThat(script.statusCode()).as(file).isEqualTo(200);
                assertThat(script.headers().firstValue("Content-Type")).as(file).hasValueSatisfying(t ->
                        assertThat(t).contains("javascript"));
            }
        }

        @Test
        void neverParsesDataAsHtml() throws Exception {
            for (String file : List.of("/app.js", "/blocks.js", "/widgets.js", "/dom.js")) {
                assertThat(get(file, null).body()).as(file).doesNotContain("innerHTML").doesNotContain("outerHTML")
                        .doesNotContain("insertAdjacentHTML").doesNotContain("document.write");
            }
        }
    }

    @Nested
    class TheViews {

        @Test
        void refuseAndAuditARequestWithoutAKey() throws Exception {
            int before = backend.auditRecords(1, Integer.MAX_VALUE).size();

            HttpResponse<String> response = get("/api/audit", null);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).get("code").asText()).isEqualTo("unauthenticated");
            List<io.promoagent.core.audit.AuditRecord> records = backend.auditRecords(1, Integer.MAX_VALUE);
            assertThat(records).hasSize(before + 1);
            assertThat(records.get(records.size() - 1).requestId()).isEqualTo("GET /api/audit");
        }

        @Test
        void showTheAuditChainWithItsVerification() throws Exception {
            get("/api/outbox", "wrong-key");

            JsonNode audit = json(get("/api/audit", "analyst-key"));

            assertThat(audit.get("verification").get("valid").asBoolean()).isTrue();
            assertThat(audit.get("verification").get("recordsChecked").asLong()).isEqualTo(audit.get("records").size());
            assertThat(audit.get("records").get(0).get("hash").asText()).hasSize(64);
        }

        @Test
        void keepTheOutboxFromAnAnalyst() throws Exception {
            assertThat(get("/api/outbox", "analyst-key").statusCode()).isEqualTo(403);

            JsonNode outbox = json(get("/api/outbox", "marketer-key"));
            assertThat(outbox.get(0).get("to").asText()).isEqualTo("ann@example.com");
            assertThat(outbox.get(0).get("subject").asText()).isEqualTo("VIP25 is here");
        }

        @Test
        void showApprovalPreviewsOnlyToRolesThatMaySeeContacts() throws Exception {
            JsonNode forAnalyst = json(get("/api/approvals", "analyst-key"));
            JsonNode forApprover = json(get("/api/approvals", "approver-key"));

            assertThat(forAnalyst.get(0).get("status").asText()).isEqualTo("pending");
            assertThat(forAnalyst.get(0).has("preview")).isFalse();
            assertThat(forApprover.get(0).get("preview").get("sample").get("to").asText()).isEqualTo("ann@example.com");
            assertThat(forApprover.get(0).has("tokenNonce")).isFalse();
        }

        @Test
        void listTheDemoUsersForTheSwitcherWithoutKeys() throws Exception {
            JsonNode users = json(get("/api/demo-users", null)).get("users");

            assertThat(users).extracting(u -> u.get("id").asText()).containsExactly("analyst", "marketer", "approver");
            assertThat(users.get(2).has("key")).isFalse();
        }
    }

    static HttpResponse<String> post(String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class TheDecisionRoutes {

        @Test
        void approveThroughTheBackendWithTheReasonInTheBody() throws Exception {
            HttpResponse<String> response = post("/api/approvals/a-1/approve", "approver-key", "{\"reason\":\"looks right\"}");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).get("text").asText()).isEqualTo("Applied a-1");
            assertThat(backend.decisions).contains("approve a-1 by approver (looks right)");
        }

        @Test
        void rejectWithoutABodyAsWithAnEmptyReason() throws Exception {
            HttpResponse<String> response = post("/api/approvals/a-7/reject", "approver-key", "");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(backend.decisions).contains("reject a-7 by approver ()");
        }

        @Test
        void answerARefusalWithTheReplyAndAStatusThatSaysWhatKind() throws Exception {
            HttpResponse<String> response = post("/api/approvals/a-1/approve", "marketer-key", "{}");

            assertThat(response.statusCode()).isEqualTo(403);
            JsonNode error = json(response).get("blocks").get(0);
            assertThat(error.get("type").asText()).isEqualTo("error");
            assertThat(error.get("code").asText()).isEqualTo("not_an_approver");
        }

        @Test
        void takeTheKeyOnlyFromTheAuthorizationHeaderAndAuditTheRefusal() throws Exception {
            int before = backend.decisions.size();

            HttpResponse<String> response = post("/api/approvals/a-1/approve", null, "{}");

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(json(response).get("code").asText()).isEqualTo("unauthenticated");
            assertThat(backend.decisions).hasSize(before);
            List<io.promoagent.core.audit.AuditRecord> records = backend.auditRecords(1, Integer.MAX_VALUE);
            assertThat(records.get(records.size() - 1).requestId()).isEqualTo("POST /api/approvals/a-1/approve");
        }

        @Test
        void refuseABodyThatIsNotJustAReason() throws Exception {
            for (String body : List.of("{\"reason\":\"ok\",\"force\":true}", "{\"reason\":5}", "[\"ok\"]", "ok",
                    "{\"reason\":\"" + "x".repeat(ClientMessage.MAX_REASON_CHARS + 1) + "\"}")) {
                HttpResponse<String> response = post("/api/approvals/a-1/approve", "approver-key", body);

                assertThat(response.statusCode()).as(body).isEqualTo(400);
                assertThat(json(response).get("code").asText()).as(body).isEqualTo("bad_request");
            }
        }
    }

    @Nested
    class TheWebSocket {

        @Test
        void answersAnAskWithProgressThenTheReply() throws Exception {
            try (Client client = new Client("marketer-key")) {
                assertThat(client.next().get("type").asText()).isEqualTo("welcome");
                assertThat(client.next().get("type").asText()).isEqualTo("authenticated");

                client.send("{\"type\":\"ask\",\"id\":\"q1\",\"text\":\"Show VIP customers\"}");

                List<String> types = new ArrayList<>();
                JsonNode m;
                do {
                    m = client.next();
                    types.add(m.get("type").asText());
                    assertThat(m.get("id").asText()).isEqualTo("q1");
                } while (!m.get("type").asText().equals("reply"));
                assertThat(types).containsExactly("progress", "progress", "progress", "reply");
                assertThat(m.get("reply").get("text").asText()).isEqualTo("You said Show VIP customers");
            }
        }

        @Test
        void signsInWithAnAuthorizationHeaderOrAnAuthMessage() throws Exception {
            try (Client client = new Client("")) {
                client.nextOfType("welcome");
                client.send("{\"type\":\"ask\",\"id\":\"q1\",\"text\":\"hi\"}");
                assertThat(client.nextOfType("error").get("code").asText()).isEqualTo("unauthenticated");

                client.send("{\"type\":\"auth\",\"key\":\"analyst-key\"}");
                assertThat(client.nextOfType("authenticated").get("user").get("id").asText()).isEqualTo("analyst");
                client.send("{\"type\":\"ask\",\"id\":\"q2\",\"text\":\"hi\"}");
                assertThat(client.nextOfType("reply").get("id").asText()).isEqualTo("q2");
            }
        }

        @Test
        void resumesTheConversationAfterAReconnect() throws Exception {
            String sessionId;
            try (Client first = new Client("analyst-key")) {
                sessionId = first.nextOfType("authenticated").get("sessionId").asText();
            }
            try (Client second = new Client("analyst-key")) {
                second.nextOfType("authenticated");
                second.send("{\"type\":\"hello\",\"sessionId\":\"" + sessionId + "\"}");
                JsonNode session = second.nextOfType("session");
                assertThat(session.get("resumed").asBoolean()).isTrue();
                assertThat(session.get("sessionId").asText()).isEqualTo(sessionId);

                second.send("{\"type\":\"ask\",\"id\":\"q1\",\"text\":\"where were we\"}");
                second.nextOfType("reply");
                assertThat(backend.sessionsAsked).last().isEqualTo(sessionId);
            }
        }

        @Test
        void sendsEveryReplyToTheClientThatAskedUnderConcurrentLoad() throws Exception {
            int clients = 16;
            int requests = 10;
            List<String> misrouted = new CopyOnWriteArrayList<>();
            ConcurrentHashMap<String, Boolean> answered = new ConcurrentHashMap<>();
            CountDownLatch done = new CountDownLatch(clients * requests);
            List<AgentSocket> sockets = new ArrayList<>();
            try {
                for (int c = 0; c < clients; c++) {
                    String prefix = "c" + c + "-";
                    sockets.add(AgentSocket.connect(HTTP, URI.create("ws://127.0.0.1:" + server.port() + "/agent"),
                            Map.of("Authorization", "Bearer analyst-key"), m -> {
                        if (m.get("type").asText().equals("reply")) {
                            String id = m.get("id").asText();
                            boolean own = id.startsWith(prefix) && m.get("reply").get("text").asText().equals("You said " + id);
                            if (!own) {
                                misrouted.add(prefix + " got " + id);
                            }
                            if (answered.putIfAbsent(id, true) == null) {
                                done.countDown();
                            }
                        }
                    }));
                }
                for (int r = 0; r < requests; r++) {
                    for (int c = 0; c < clients; c++) {
                        String id = "c" + c + "-" + r;
                        sockets.get(c).send("{\"type\":\"ask\",\"id\":\"" + id + "\",\"text\":\"" + id + "\"}");
                    }
                }
                assertThat(done.await(20, TimeUnit.SECONDS)).as("every reply arrived").isTrue();
                assertThat(misrouted).isEmpty();
                assertThat(answered).hasSize(clients * requests);
            } finally {
                sockets.forEach(AgentSocket::close);
            }
        }
    }
}
