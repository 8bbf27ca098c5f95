package io.promoagent.example.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client of {@code /agent} on the JDK's WebSocket: sends JSON messages and hands each complete message
 * it receives, parsed, to a consumer on the socket's thread. Used by the load benchmark and by tests.
 */
public final class AgentSocket implements AutoCloseable {

    private final WebSocket socket;
    private final CompletableFuture<Void> closed;

    private AgentSocket(WebSocket socket, CompletableFuture<Void> closed) {
        this.socket = socket;
        this.closed = closed;
    }

    /**
     * Connects and waits for the handshake.
     *
     * @param uri       the endpoint, such as {@code ws://localhost:8080/agent}
     * @param onMessage receives every message; it must not block for long
     */
    public static AgentSocket connect(HttpClient http, URI uri, Consumer<JsonNode> onMessage) {
        return connect(http, uri, Map.of(), onMessage);
    }

    /**
     * Connects with these headers on the upgrade request (such as {@code Authorization: Bearer KEY}, which
     * signs the connection in at once) and waits for the handshake.
     */
    public static AgentSocket connect(HttpClient http, URI uri, Map<String, String> headers, Consumer<JsonNode> onMessage) {
        Objects.requireNonNull(onMessage, "onMessage");
        return connectRaw(http, uri, headers, text -> {
            try {
                onMessage.accept(ServerMessages.mapper().readTree(text));
            } catch (JsonProcessingException e) {
                onMessage.accept(ServerMessages.mapper().createObjectNode().put("type", "unreadable").put("text", text));
            }
        });
    }

    /**
     * Connects and waits for the handshake; hands each complete message over as the text received, for a
     * client that reads only part of each message (the load benchmark, whose own parsing must not be what
     * it measures).
     */
    public static AgentSocket connectRaw(HttpClient http, URI uri, Map<String, String> headers, Consumer<String> onMessage) {
        Objects.requireNonNull(onMessage, "onMessage");
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                if (last && partial.length() == 0) {
                    onMessage.accept(data.toString()); // the whole message in one frame: no copy to join
                } else {
                    partial.append(data);
                    if (last) {
                        String text = partial.toString();
                        partial.setLength(0);
                        onMessage.accept(text);
                    }
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closed.complete(null);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.completeExceptionally(error);
            }
        };
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        headers.forEach(builder::header);
        WebSocket socket = builder.buildAsync(uri, listener).join();
        return new AgentSocket(socket, closed);
    }

    /** Sends one message, waiting until it is handed to the network. */
    public void send(JsonNode message) {
        send(ServerMessages.write(message));
    }

    /** Sends one message as text, waiting until it is handed to the network. */
    public synchronized void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Whether the server closed the connection, or it failed. */
    public boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
    }
}
