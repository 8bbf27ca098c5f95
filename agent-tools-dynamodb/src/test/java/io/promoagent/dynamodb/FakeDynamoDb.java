package io.promoagent.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A local HTTP server that speaks DynamoDB's JSON protocol ({@code X-Amz-Target: DynamoDB_20120810.Query})
 * as each test scripts it: answers, throttling errors, unprocessed batch items, and connection resets
 * (the exchange closed with no response). It records every request it receives.
 */
final class FakeDynamoDb implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A scripted answer: a status and body, or a reset connection. */
    record Reply(int status, String body) {
        static final Reply RESET = new Reply(-1, null);

        static Reply ok(String json) {
            return new Reply(200, json);
        }

        static Reply error(String type, String message) {
            return new Reply(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}");
        }

        static Reply throttled() {
            return error("ProvisionedThroughputExceededException", "The level of configured provisioned throughput for the table was exceeded");
        }
    }

    /** One request received: the operation and its JSON body. */
    record Request(String operation, JsonNode body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, BiFunction<Integer, JsonNode, Reply>> script = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    FakeDynamoDb() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
        // Sizes for estimates, so that no test depends on DescribeTable being scripted.
        on("DescribeTable", (n, body) -> Reply.ok("{\"Table\":{\"TableName\":\"" + body.path("TableName").asText()
                + "\",\"ItemCount\":100,\"TableSizeBytes\":20000,\"TableStatus\":\"ACTIVE\"}}"));
    }

    /** Answers {@code operation} with {@code reply(attempt, body)}; attempts count from 1 per operation. */
    FakeDynamoDb on(String operation, BiFunction<Integer, JsonNode, Reply> reply) {
        script.put(operation, reply);
        return this;
    }

    List<Request> requests(String operation) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests) {
            if (r.operation().equals(operation)) {
                out.add(r);
            }
        }
        return out;
    }

    /** A client of this server with the library's retry strategy, backing off for milliseconds only. */
    DynamoDbClient client(int maxAttempts) {
        RetrySettings fast = new RetrySettings(maxAttempts, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(10));
        return DynamoDbClients.withRetries(DynamoDbClient.builder(), fast)
                .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target == null ? "?" : target.substring(target.indexOf('.') + 1);
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        requests.add(new Request(operation, body));
        int attempt = counts.merge(operation, 1, Integer::sum);
        BiFunction<Integer, JsonNode, Reply> responder = script.get(operation);
        Reply reply = responder == null ? Reply.error("UnknownOperationException", "not scripted: " + operation)
                : responder.apply(attempt, body);
        if (reply == Reply.RESET) {
            exchange.close(); // no status line at all: the client sees the connection end
            return;
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "fake-" + requests.size());
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
