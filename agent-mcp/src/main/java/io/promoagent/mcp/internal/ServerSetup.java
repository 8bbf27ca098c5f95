package io.promoagent.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;

/** What the stdio and the HTTP server share: identity, instructions, the tools and the JSON binding. */
final class ServerSetup {

    static final McpJsonMapper MAPPER = new JacksonMcpJsonMapper(ToolBridge.JSON);

    static final String INSTRUCTIONS = "Read tools (query and the like) answer at once with rows. Write and send "
            + "tools never change anything: they answer with a pending approval (its id, a summary, how many records "
            + "it affects and the estimated impact) that a person with the approver role decides on elsewhere. "
            + "Tell the user the change awaits approval; do not claim it was made.";

    private ServerSetup() {
    }

    static <S extends McpServer.SyncSpecification<S>> McpSyncServer build(McpServer.SyncSpecification<S> spec,
                                                                        List<SyncToolSpecification> tools,
                                                                        String name, String version,
                                                                        boolean oneCallAtATime) {
        return spec.serverInfo(name, version)
                .immediateExecution(oneCallAtATime)
                .instructions(INSTRUCTIONS)
                .jsonMapper(MAPPER)
                .jsonSchemaValidator(ExecutorValidatedSchemas.INSTANCE)
                .validateToolInputs(false)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(tools)
                .build();
    }
}
