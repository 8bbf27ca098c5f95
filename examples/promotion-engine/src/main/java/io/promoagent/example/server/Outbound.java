package io.promoagent.example.server;

/** Where the endpoint's messages to one connection go: a WebSocket session, or API Gateway's management API. */
@FunctionalInterface
public interface Outbound {

    /** Sends one JSON message; a connection that has gone away drops it. */
    void send(String json);

    /**
     * Closes the connection, telling the client why ({@code reason} is short: it goes in a close frame).
     * A transport that cannot close a connection from here leaves it open.
     */
    default void close(String reason) {
    }
}
