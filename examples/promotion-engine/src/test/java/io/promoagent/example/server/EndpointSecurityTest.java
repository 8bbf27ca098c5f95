package io.promoagent.example.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditVerifier;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The endpoint against another site's page and an anonymous flood (issue 14, findings 2, 5 and 8): only the
 * configured origins and host names get in, keys never come in the URL, the demo keys are not handed out,
 * refusals stay bounded in the audit, the audit is paged, and a message's duplicate fields are refused.
 */
class EndpointSecurityTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    FakeBackend backend;
    AgentServer server;

    @BeforeEach
    void start() {
        backend = new FakeBackend();
        server = AgentServer.start(backend, "127.0.0.1", 0, 4,
                new EndpointPolicy(Set.of("https://tools.example.com"), Set.of("promo.internal")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The status line and body of one request written by hand, so that Host and Origin are exactly these. */
    String raw(String method, String path, String host, Optional<String> origin, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            origin.ifPresent(o -> request.append("Origin: ").append(o).append("\r\n"));
            headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) > 0) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).startsWith("HTTP/1.1 101")) {
                        break; // upgraded: the socket stays open
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // what came is the answer
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    String upgrade(String path, String host, Optional<String> origin) throws IOException {
        return raw("GET", path, host, origin, Map.of("Upgrade", "websocket", "Connection", "Upgrade",
                "Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version", "13"));
    }

    String self() {
        return "localhost:" + server.port();
    }

    @Nested
    class Origins {

        @Test
        void refusesAWebSocketUpgradeFromAnotherSitesPage() throws Exception {
            String answer = upgrade("/agent", self(), Optional.of("https://evil.example"));

            assertThat(answer).startsWith("HTTP/1.1 403").contains("forbidden_origin").contains("https://evil.example");
            assertThat(backend.auditStore.head()).as("the refusal is audited").isPresent();
        }

        @Test
        void letsInTheServersOwnPageAndTheConfiguredOrigins() throws Exception {
            assertThat(upgrade("/agent", self(), Optional.of("http://" + self()))).startsWith("HTTP/1.1 101");
            assertThat(upgrade("/agent", self(), Optional.of("https://tools.example.com"))).startsWith("HTTP/1.1 101");
            assertThat(upgrade("/agent", self(), Optional.empty())).as("a client that is not a page").startsWith("HTTP/1.1 101");
        }

        @Test
        void refusesAStateChangingRequestFromAnotherSitesPage() throws Exception {
            String answer = raw("POST", "/api/approvals/a-1/approve", self(), Optional.of("http://localhost:1"),
                    Map.of("Authorization", "Bearer approver-key"));

            assertThat(answer).startsWith("HTTP/1.1 403");
            assertThat(backend.decisions).isEmpty();
        }
    }

    @Nested
    class HostNames {

        @Test
        void refusesAForeignHostNameAsInDnsRebinding() throws Exception {
            String rebound = "attacker.example:" + server.port();

            assertThat(raw("GET", "/", rebound, Optional.empty(), Map.of())).startsWith("HTTP/1.1 403");
            assertThat(upgrade("/agent", rebound, Optional.of("http://" + rebound))).startsWith("HTTP/1.1 403")
                    .contains("attacker.example");
        }

        @Test
        void answersTheLoopbackNamesAndTheConfiguredOnes() throws Exception {
            for (String host : List.of("localhost", "127.0.0.1", "[::1]", "promo.internal", "tools.example.com")) {
                assertThat(raw("GET", "/", host + ":" + server.port(), Optional.empty(), Map.of())).as(host)
                        .startsWith("HTTP/1.1 200");
            }
        }
    }

    @Nested
    class Keys {

        @Test
        void refusesAKeyInTheUrlWithAClearError() throws Exception {
            String socket = upgrade("/agent?key=analyst-key", self(), Optional.empty());
            String view = raw("GET", "/api/approvals?key=analyst-key", self(), Optional.empty(), Map.of());

            for (String answer : List.of(socket, view)) {
                assertThat(answer).startsWith("HTTP/1.1 400").contains("key_in_url").contains("Authorization: Bearer");
            }
        }

        @Test
        void signsAWebSocketInWithTheAuthorizationHeader() throws Exception {
            BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
            try (AgentSocket socket = AgentSocket.connect(HTTP, URI.create("ws://127.0.0.1:" + server.port() + "/agent"),
                    Map.of("Authorization", "Bearer marketer-key"), received::add)) {
                assertThat(received.poll(10, TimeUnit.SECONDS).get("type").asText()).isEqualTo("welcome");
                assertThat(received.poll(10, TimeUnit.SECONDS).get("user").get("id").asText()).isEqualTo("marketer");
            }
        }

        @Test
        void listsTheDemoUsersWithoutTheirKeys() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/demo-users")).build(), HttpResponse.BodyHandlers.ofString());

            JsonNode users = ServerMessages.mapper().readTree(response.body());
            assertThat(users.get("users")).extracting(u -> u.get("id").asText()).containsExactly("analyst", "marketer", "approver");
            assertThat(response.body()).doesNotContain("-key").doesNotContain("\"key\"");
            assertThat(users.get("dataAsOf").asText()).isEqualTo("2026-03-01");
        }

        @Test
        void givesTheKeysOnlyForTheSignInSecret() throws Exception {
            assertThat(signIn("not-the-secret").statusCode()).isEqualTo(401);
            assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/sign-in"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

            HttpResponse<String> signedIn = signIn(FakeBackend.SIGN_IN_SECRET);
            assertThat(signedIn.statusCode()).isEqualTo(200);
            JsonNode users = ServerMessages.mapper().readTree(signedIn.body()).get("users");
            assertThat(users).extracting(u -> u.get("key").asText()).containsExactly("analyst-key", "marketer-key", "approver-key");
        }

        HttpResponse<String> signIn(String secret) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/sign-in"))
                    .header("Authorization", "Bearer " + secret).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Nested
    class TheAuditUnderAbuse {

        @Test
        void fiftyThousandRefusedAnonymousFramesAddABoundedNumberOfAuditRecords() throws Exception {
            int frames = 50_000;
            long started = System.nanoTime();
            int sent = 0;
            int connections = 0;
            while (sent < frames) {
                connections++;
                try (AgentSocket socket = AgentSocket.connect(HTTP, URI.create("ws://127.0.0.1:" + server.port() + "/agent"), m -> { })) {
                    for (int i = 0; i < 5_000 && sent < frames && !socket.isClosed(); i++, sent++) {
                        socket.send("{\"type\":\"ask\",\"id\":\"q" + i + "\",\"text\":\"apply 95% off\"}");
                    }
                } catch (RuntimeException e) {
                    // the server closed the connection under the client: it goes on with a new one
                }
            }
            server.close(); // writes the window's summaries

            // the throttle audits a few refusals and one summary per window of real time: on a loaded machine
            // the flood may touch more than one window, and each window may add its few records
            long windows = 2 + (System.nanoTime() - started) / AgentServer.REFUSAL_WINDOW.toNanos();
            long records = backend.auditStore.head().map(AuditRecord::sequence).orElse(0L);
            assertThat(records).as("audit records after %d frames on %d connections in %d windows", frames, connections, windows)
                    .isLessThanOrEqualTo(windows * (2L * AgentServer.REFUSALS_AUDITED + 5));
            List<AuditRecord> all = backend.auditStore.read(1, 1000);
            assertThat(all).anySatisfy(r -> assertThat(r.outcome()).isEqualTo("refused:rate_limited"));
            assertThat(AuditVerifier.verify(backend.auditStore).valid()).isTrue();
        }

        @Test
        void closesAConnectionThatKeepsBeingRefused() throws Exception {
            BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
            try (AgentSocket socket = AgentSocket.connect(HTTP, URI.create("ws://127.0.0.1:" + server.port() + "/agent"), received::add)) {
                for (int i = 0; i < AgentServer.REFUSALS_BEFORE_CLOSE; i++) {
                    socket.send("{\"type\":\"auth\",\"key\":\"guess-" + i + "\"}");
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!socket.isClosed() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(socket.isClosed()).isTrue();
            }
        }

        @Test
        void pagesTheAuditNewestPageFirst() throws Exception {
            for (int i = 0; i < 250; i++) {
                backend.refused(Optional.of(FakeBackend.ANALYST), "s", "ask", "denied", "refusal " + i);
            }

            JsonNode newest = audit("");
            assertThat(newest.get("records")).hasSize(AgentServer.AUDIT_PAGE);
            assertThat(newest.get("records").get(0).get("sequence").asLong()).isEqualTo(151);
            assertThat(newest.get("head").asLong()).isEqualTo(250);
            assertThat(newest.get("next").isNull()).isTrue();
            assertThat(newest.get("previous").asLong()).isEqualTo(51);
            assertThat(newest.get("verification").get("valid").asBoolean()).isTrue();

            JsonNode first = audit("?from=1&limit=50");
            assertThat(first.get("records")).extracting(r -> r.get("sequence").asLong()).startsWith(1L, 2L).hasSize(50);
            assertThat(first.get("next").asLong()).isEqualTo(51);
            assertThat(first.get("previous").isNull()).isTrue();

            assertThat(HTTP.send(auditRequest("?limit=5000"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        }

        JsonNode audit(String query) throws Exception {
            HttpResponse<String> response = HTTP.send(auditRequest(query), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return ServerMessages.mapper().readTree(response.body());
        }

        HttpRequest auditRequest(String query) {
            return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/audit" + query))
                    .header("Authorization", "Bearer analyst-key").build();
        }
    }

    @Nested
    class DuplicateFields {

        @Test
        void refusesAMessageThatGivesAFieldTwice() throws Exception {
            BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
            try (AgentSocket socket = AgentSocket.connect(HTTP, URI.create("ws://127.0.0.1:" + server.port() + "/agent"),
                    Map.of("Authorization", "Bearer approver-key"), received::add)) {
                socket.send("{\"type\":\"approve\",\"type\":\"ask\",\"id\":\"q1\",\"approvalId\":\"a-1\",\"text\":\"hi\"}");
                JsonNode error;
                do {
                    error = received.poll(10, TimeUnit.SECONDS);
                } while (!error.get("type").asText().equals("error"));
                assertThat(error.get("code").asText()).isEqualTo("bad_request");
                assertThat(error.get("message").asText()).contains("given twice").contains("type");
            }
            assertThat(backend.decisions).isEmpty();
            assertThat(backend.asked).isEmpty();
        }

        @Test
        void refusesADecisionBodyThatGivesTheReasonTwice() throws Exception {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/approvals/a-1/approve"))
                    .header("Authorization", "Bearer approver-key")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"ok\",\"reason\":\"other\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).contains("given twice");
            assertThat(backend.decisions).isEmpty();
        }
    }
}
