package io.promoagent.mcp;

import java.net.URI;
import java.util.Optional;

/** An MCP server that is serving, over stdio or HTTP; closing it stops it. */
public interface RunningMcpServer extends AutoCloseable {

    /** Where an MCP client connects: the endpoint of the HTTP transport; empty over stdio. */
    Optional<URI> endpoint();

    /** Stops serving; open sessions end. */
    @Override
    void close();
}
