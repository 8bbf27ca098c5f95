package io.promoagent.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A local HTTP server that plays a provider's side of the wire: it answers each request with the next
 * scripted JSON body and records what it received, so a test can read the exact JSON a provider module
 * sent. Requests beyond the script get a 500 whose body says so.
 */
final class ScriptedHttpServer implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived. */
    record Received(String method, String path, Map<String, List<String>> headers, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("request body is not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final Deque<String> responses = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();

    private ScriptedHttpServer(HttpServer server) {
        this.server = server;
    }

    static ScriptedHttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ScriptedHttpServer scripted = new ScriptedHttpServer(server);
            server.createContext("/", scripted::handle);
            server.start();
            return scripted;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Queues the JSON body of the next response. */
    ScriptedHttpServer thenRespond(String jsonBody) {
        synchronized (responses) {
            responses.add(jsonBody);
        }
        return this;
    }

    String baseUrl() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    List<Received> received() {
        synchronized (responses) {
            return List.copyOf(received);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String response;
        synchronized (responses) {
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            response = responses.poll();
        }
        int status = 200;
        if (response == null) {
            status = 500;
            response = "{\"message\":\"ScriptedHttpServer: no response scripted for request " + received().size() + "\"}";
        }
        byte[] bytes = response.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
