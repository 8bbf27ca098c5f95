package io.promoagent.example.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A local HTTP server standing in for a model provider: it records the body of every request and answers
 * each with the same final text in the provider's format, so that a request ends after one model call and
 * what a provider module really sends can be measured.
 */
final class ProviderStandIn implements AutoCloseable {

    /** Bedrock Converse's answer: a text, end of turn. */
    static final String BEDROCK_ANSWER = "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"Done.\"}]}},"
            + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":1,\"outputTokens\":1,\"totalTokens\":2},"
            + "\"metrics\":{\"latencyMs\":1}}";
    /** The chat-completions answer: a text, finish reason stop. */
    static final String OPENAI_ANSWER = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1767225600,"
            + "\"model\":\"bench\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Done.\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    private final HttpServer server;
    private final String answer;
    private final List<String> bodies = new ArrayList<>();

    private ProviderStandIn(HttpServer server, String answer) {
        this.server = server;
        this.answer = answer;
    }

    static ProviderStandIn start(String answer) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ProviderStandIn standIn = new ProviderStandIn(server, answer);
            server.createContext("/", standIn::handle);
            server.start();
            return standIn;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The bodies received so far, in order. */
    synchronized List<String> bodies() {
        return List.copyOf(bodies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        synchronized (this) {
            bodies.add(body);
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
