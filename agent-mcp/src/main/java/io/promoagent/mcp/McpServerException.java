package io.promoagent.mcp;

import io.promoagent.schema.AgentException;

/** An MCP server that cannot be configured or started as asked: no tokens for HTTP, a port in use. */
public class McpServerException extends AgentException {

    private static final long serialVersionUID = 1L;

    public McpServerException(String message) {
        super(message);
    }

    public McpServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
