package io.promoagent.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The SES v2 transport against the aws-ses-v2-local emulator, and against a server that throttles. */
class SesTransportTest {

    static SesV2Client client(int port) {
        return SesV2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    static EmailMessage message(String approvalId, String to) {
        EmailAddress address = EmailAddress.of(to);
        return new EmailMessage(EmailAddress.of("offers@shop.example.com", "Shop"), address, "VIP25 is here",
                "Hello <friend>", "<p>Hello &lt;friend&gt;</p>",
                Map.of("List-Unsubscribe", "<https://shop.example.com/u>", "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
                OutboxEntry.keyOf(approvalId, address));
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Nested
    class AgainstTheEmulator {
        static Process emulator;
        static int port;

        @BeforeAll
        static void startEmulator() throws Exception {
            Path bin = Path.of(System.getProperty("promoagent.sesLocal", ".ci/tools/node_modules/.bin/aws-ses-v2-local"));
            boolean required = Boolean.getBoolean("promoagent.fullTests");
            if (!Files.isExecutable(bin)) {
                if (required) {
                    throw new IllegalStateException("the full test profile needs the SES emulator at " + bin + "; run .ci/setup");
                }
                Assumptions.abort("the SES emulator is not installed (run .ci/setup); the full profile requires it");
            }
            port = freePort();
            emulator = new ProcessBuilder(bin.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < 100; i++) {
                try {
                    http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/store")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("the SES emulator did not start on port " + port);
        }

        @AfterAll
        static void stopEmulator() {
            if (emulator != null) {
                emulator.destroy();
            }
        }

        @Test
        void deliversEachMessageOnceThroughTheOutbox() throws Exception {
            SesTransport ses = new SesTransport(client(port), Clock.systemUTC());
            Outbox outbox = new Outbox(new InMemoryOutboxStore(), ses, SendRate.perSecond(50));
            outbox.enqueue("a1", java.util.List.of(message("a1", "ann@example.com"), message("a1", "bob@example.com")));

            Outbox.DeliveryReport first = outbox.deliver("a1");
            Outbox.DeliveryReport again = outbox.deliver("a1");

            assertThat(first.sentNow()).isEqualTo(2);
            assertThat(again.sentNow()).isZero();
            JsonNode store = new ObjectMapper().readTree(HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/store")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertThat(store.get("emails")).hasSize(2);
            assertThat(store.get("emails").toString()).contains("ann@example.com").contains("bob@example.com")
                    .contains("VIP25 is here");
        }
    }

    @Nested
    class AgainstAThrottlingServer {

        @Test
        void backsOffAndSucceedsWhenThrottlingClears() throws Exception {
            AtomicInteger calls = new AtomicInteger();
            HttpServer server = throttling(calls, 2);
            try {
                SesTransport ses = new SesTransport(client(server.getAddress().getPort()), Clock.systemUTC());
                SendReceipt receipt = ses.send(message("a1", "ann@example.com"));
                assertThat(receipt.messageId()).isEqualTo("m-1");
                assertThat(calls.get()).isEqualTo(3);
            } finally {
                server.stop(0);
            }
        }

        @Test
        void reportsARetryableErrorWhenThrottlingDoesNotClear() throws Exception {
            AtomicInteger calls = new AtomicInteger();
            HttpServer server = throttling(calls, 1000);
            try {
                SesTransport ses = new SesTransport(client(server.getAddress().getPort()), Clock.systemUTC());
                assertThatThrownBy(() -> ses.send(message("a1", "ann@example.com")))
                        .isInstanceOfSatisfying(EmailException.class, e -> assertThat(e.retryable()).isTrue())
                        .hasMessageContaining("throttling");
                assertThat(calls.get()).isGreaterThan(1);
            } finally {
                server.stop(0);
            }
        }

        private HttpServer throttling(AtomicInteger calls, int throttledCalls) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                int n = calls.incrementAndGet();
                byte[] body;
                int status;
                if (n <= throttledCalls) {
                    status = 429;
                    exchange.getResponseHeaders().add("x-amzn-ErrorType", "TooManyRequestsException");
                    body = "{\"message\":\"Maximum sending rate exceeded.\"}".getBytes(StandardCharsets.UTF_8);
                } else {
                    status = 200;
                    body = "{\"MessageId\":\"m-1\"}".getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        }
    }

}
