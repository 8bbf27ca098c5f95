package io.promoagent.mcp.internal;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.DefaultServerTransportSecurityValidator;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.promoagent.core.security.Principal;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * MCP's streamable HTTP transport on an embedded Jetty: the bearer-token filter first, then the SDK's servlet,
 * which checks {@code Origin} against the allowed origins before it reads a message.
 */
public final class HttpTransport implements ServingTransport {

    private final Server jetty;
    private final McpSyncServer server;
    private final URI endpoint;

    private HttpTransport(Server jetty, McpSyncServer server, URI endpoint) {
        this.jetty = jetty;
        this.server = server;
        this.endpoint = endpoint;
    }

    /**
     * Starts serving on {@code host:port} at {@code path}.
     *
     * @throws IllegalStateException if the server cannot listen
     */
    public static ServingTransport start(List<SyncToolSpecification> tools, String name, String version,
                                         String host, int port, String path, Map<String, Principal> tokens,
                                         Collection<String> allowedOrigins) {
        DefaultServerTransportSecurityValidator.Builder origins = DefaultServerTransportSecurityValidator.builder();
        allowedOrigins.forEach(origins::allowedOrigin);
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(ServerSetup.MAPPER)
                .mcpEndpoint(path)
                .securityValidator(origins.build())
                .contextExtractor(request -> {
                    Map<String, Object> values = new HashMap<>();
                    Object principal = request.getAttribute(ToolBridge.PRINCIPAL);
                    if (principal != null) {
                        values.put(ToolBridge.PRINCIPAL, principal);
                    }
                    return McpTransportContext.create(values);
                })
                .build();
        McpSyncServer server = ServerSetup.build(McpServer.sync(transport), tools, name, version, false);

        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder servlet = new ServletHolder(transport);
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, path);
        FilterHolder filter = new FilterHolder(new BearerTokens(tokens));
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        jetty.setHandler(context);
        try {
            jetty.start();
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("the MCP HTTP server cannot listen on " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://" + hostForUri(host) + ":" + connector.getLocalPort() + path);
        return new HttpTransport(jetty, server, endpoint);
    }

    private static String hostForUri(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    @Override
    public Optional<URI> endpoint() {
        return Optional.of(endpoint);
    }

    @Override
    public void close() {
        server.closeGracefully();
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping: the port is released with the process at the latest
        }
    }
}
