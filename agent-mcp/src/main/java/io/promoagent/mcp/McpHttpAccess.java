package io.promoagent.mcp;

import io.promoagent.core.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who may reach the streamable HTTP transport: the bearer tokens and the principal each stands for, and the
 * browser origins allowed to call it.
 *
 * <p>There is no anonymous access: without a token the server refuses to start. A request that carries an
 * {@code Origin} header must come from one of {@code allowedOrigins} (a browser page elsewhere could
 * otherwise drive the server through a person's browser); requests without one (MCP clients that are not
 * browsers) are judged by their token alone.
 *
 * @param host           the address to listen on; {@code 127.0.0.1} unless the server is meant to be reached
 *                       from elsewhere
 * @param port           the port; 0 picks a free one
 * @param path           the endpoint's path, {@code /mcp} by default
 * @param tokens         bearer token to principal
 * @param allowedOrigins origins such as {@code http://localhost:6274}; {@code http://localhost:*} allows any
 *                       port of a host
 */
public record McpHttpAccess(String host, int port, String path, Map<String, Principal> tokens,
                            List<String> allowedOrigins) {

    public McpHttpAccess {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port");
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("the path must start with '/'");
        }
        tokens = Map.copyOf(tokens);
        allowedOrigins = List.copyOf(allowedOrigins);
        for (String token : tokens.keySet()) {
            if (token.isBlank()) {
                throw new IllegalArgumentException("a bearer token cannot be blank");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link McpHttpAccess}: loopback, a free port, {@code /mcp}, no tokens and no origins. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private String path = "/mcp";
        private final Map<String, Principal> tokens = new LinkedHashMap<>();
        private final List<String> allowedOrigins = new ArrayList<>();

        private Builder() {
        }

        public Builder host(String newHost) {
            this.host = newHost;
            return this;
        }

        public Builder port(int newPort) {
            this.port = newPort;
            return this;
        }

        public Builder path(String newPath) {
            this.path = newPath;
            return this;
        }

        /** A bearer token and the principal whose calls it makes. */
        public Builder token(String token, Principal principal) {
            tokens.put(Objects.requireNonNull(token, "token"), Objects.requireNonNull(principal, "principal"));
            return this;
        }

        public Builder allowedOrigin(String origin) {
            allowedOrigins.add(Objects.requireNonNull(origin, "origin"));
            return this;
        }

        public McpHttpAccess build() {
            return new McpHttpAccess(host, port, path, tokens, allowedOrigins);
        }
    }
}
