package io.promoagent.mcp;

import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.security.Principal;
import io.promoagent.mcp.internal.HttpTransport;
import io.promoagent.mcp.internal.ServingTransport;
import io.promoagent.mcp.internal.StdioTransport;
import io.promoagent.mcp.internal.ToolBridge;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The tools of a {@link ToolExecutor} served over the Model Context Protocol, on stdio or streamable HTTP.
 *
 * <p>Every call goes through the executor, so policy, argument checks, audit and the approval gate hold as
 * they do for the orchestrators. Read tools answer with their result. Write and send tools answer with the
 * pending approval and nothing else: the server has no way to approve or apply, so an MCP client, whoever
 * drives it, can only propose; a person with the approver role decides where {@link Builder#decideAt} says.
 *
 * <pre>{@code
 * McpAgentServer server = McpAgentServer.builder(executor).decideAt("https://promo.example.com/approvals").build();
 * server.serveStdio(Principal.of("mia", "marketer"));
 * }</pre>
 */
public final class McpAgentServer {

    private final ToolBridge bridge;
    private final String name;
    private final String version;

    private McpAgentServer(Builder b) {
        this.bridge = new ToolBridge(b.executor, b.decideAt, b.clock);
        this.name = b.name;
        this.version = b.version;
    }

    public static Builder builder(ToolExecutor executor) {
        return new Builder(executor);
    }

    /** Serves one MCP client on this process's standard input and output, every call made as {@code principal}. */
    public RunningMcpServer serveStdio(Principal principal) {
        return serveStdio(principal, System.in, System.out);
    }

    /** Serves one MCP client on these streams, every call made as {@code principal}. */
    public RunningMcpServer serveStdio(Principal principal, InputStream in, OutputStream out) {
        return running(StdioTransport.start(bridge.forPrincipal(principal), name, version, in, out));
    }

    /**
     * Serves MCP clients over streamable HTTP: each request needs a bearer token of {@code access}, and the call
     * is made as the token's principal.
     *
     * @throws McpServerException if {@code access} has no token, or the server cannot listen
     */
    public RunningMcpServer serveHttp(McpHttpAccess access) {
        if (access.tokens().isEmpty()) {
            throw new McpServerException("the MCP HTTP transport needs at least one bearer token; "
                    + "it serves no anonymous caller");
        }
        try {
            return running(HttpTransport.start(bridge.forAuthenticatedRequests(), name, version, access.host(),
                    access.port(), access.path(), access.tokens(), access.allowedOrigins()));
        } catch (IllegalStateException e) {
            throw new McpServerException(e.getMessage(), e);
        }
    }

    private static RunningMcpServer running(ServingTransport transport) {
        return new RunningMcpServer() {
            @Override
            public Optional<URI> endpoint() {
                return transport.endpoint();
            }

            @Override
            public void close() {
                transport.close();
            }
        };
    }

    /** Builds an {@link McpAgentServer}. */
    public static final class Builder {
        private final ToolExecutor executor;
        private String decideAt = "the application's approvals page";
        private Clock clock = Clock.systemUTC();
        private String name = "promo-agent";
        private String version = "0.1.0";

        private Builder(ToolExecutor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
        }

        /**
         * Where a person with the approver role decides on a pending approval (a URL, a command), told to the
         * client with every proposal.
         */
        public Builder decideAt(String where) {
            this.decideAt = Objects.requireNonNull(where, "where");
            return this;
        }

        /** The clock tools read; the UTC system clock by default. */
        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /** The name and version the server reports to clients. */
        public Builder serverInfo(String newName, String newVersion) {
            this.name = Objects.requireNonNull(newName, "name");
            this.version = Objects.requireNonNull(newVersion, "version");
            return this;
        }

        public McpAgentServer build() {
            return new McpAgentServer(this);
        }
    }
}
