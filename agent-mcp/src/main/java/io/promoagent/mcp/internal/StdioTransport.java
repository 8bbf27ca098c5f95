package io.promoagent.mcp.internal;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** One MCP client on a pair of streams, usually the process's standard input and output. */
public final class StdioTransport implements ServingTransport {

    private final McpSyncServer server;

    private StdioTransport(McpSyncServer server) {
        this.server = server;
    }

    public static ServingTransport start(List<SyncToolSpecification> tools, String name, String version,
                                         InputStream in, OutputStream out) {
        StdioServerTransportProvider transport = new StdioServerTransportProvider(ServerSetup.MAPPER, in, out);
        // calls run one at a time on the thread that reads them: the SDK's stdio transport (2.0.1) drops a response
        // ("Failed to enqueue message") when two handlers finish at once on different threads
        return new StdioTransport(ServerSetup.build(McpServer.sync(transport), tools, name, version, true));
    }

    @Override
    public Optional<URI> endpoint() {
        return Optional.empty();
    }

    @Override
    public void close() {
        server.closeGracefully();
    }
}
