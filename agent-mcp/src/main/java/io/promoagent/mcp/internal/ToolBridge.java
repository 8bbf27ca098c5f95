package io.promoagent.mcp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolResult;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The registry's tools as MCP tool specifications whose handlers run every call through the tool executor,
 * as the principal the transport vouches for.
 */
public final class ToolBridge {

    /** The key under which the HTTP transport puts the authenticated principal into the transport context. */
    public static final String PRINCIPAL = "io.promoagent.mcp.principal";

    static final ObjectMapper JSON = new ObjectMapper();

    private final ToolExecutor executor;
    private final CallResults results;
    private final Clock clock;

    public ToolBridge(ToolExecutor executor, String decideAt, Clock clock) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.results = new CallResults(decideAt);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Handlers that make every call as {@code principal} (stdio: whoever started the process). */
    public List<SyncToolSpecification> forPrincipal(Principal principal) {
        Objects.requireNonNull(principal, "principal");
        return specifications(context -> Optional.of(principal));
    }

    /** Handlers that make each call as the principal the HTTP transport authenticated, and refuse without one. */
    public List<SyncToolSpecification> forAuthenticatedRequests() {
        return specifications(context -> context.get(PRINCIPAL) instanceof Principal p ? Optional.of(p) : Optional.empty());
    }

    private List<SyncToolSpecification> specifications(Function<McpTransportContext, Optional<Principal>> caller) {
        return executor.registry().descriptors().stream()
                .map(d -> SyncToolSpecification.builder()
                        .tool(ToolDescriptions.toMcp(d))
                        .callHandler((exchange, request) -> call(d, exchange, request, caller))
                        .build())
                .toList();
    }

    private CallToolResult call(ToolDescriptor descriptor, McpSyncServerExchange exchange, CallToolRequest request,
                                Function<McpTransportContext, Optional<Principal>> caller) {
        Optional<Principal> principal = caller.apply(exchange.transportContext());
        if (principal.isEmpty()) {
            // the transport lets no unauthenticated request through; this is the second lock on the door
            return results.toMcp(ToolResult.denied("the caller is not authenticated"));
        }
        Map<String, Object> arguments = request.arguments() == null ? Map.of() : request.arguments();
        JsonNode json = JSON.valueToTree(arguments);
        String session = exchange.sessionId() != null ? "mcp-" + exchange.sessionId() : "mcp";
        ToolContext context = new ToolContext(principal.get(), session, UUID.randomUUID().toString(), clock);
        return results.toMcp(executor.execute(ToolCall.of(descriptor.name(), json), context));
    }
}
