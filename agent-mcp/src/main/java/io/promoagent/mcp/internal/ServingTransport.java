package io.promoagent.mcp.internal;

import java.net.URI;
import java.util.Optional;

/**
 * A transport that is serving. The public {@code RunningMcpServer} wraps it, so that this package never refers
 * back to the module's API package.
 */
public interface ServingTransport extends AutoCloseable {

    /** The HTTP endpoint clients connect to; empty over stdio. */
    Optional<URI> endpoint();

    @Override
    void close();
}
