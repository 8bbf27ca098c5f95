package io.promoagent.mcp.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import io.modelcontextprotocol.spec.McpSchema;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.ToolEffect;
import java.util.Map;

/** A tool descriptor as an MCP tool: its parameter schema is the input schema, its effect the annotations. */
final class ToolDescriptions {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private ToolDescriptions() {
    }

    static McpSchema.Tool toMcp(ToolDescriptor d) {
        boolean reads = d.effect() == ToolEffect.READ;
        String description = reads ? d.description()
                : d.description() + " This tool only proposes: it returns a pending approval, and nothing is "
                        + (d.effect() == ToolEffect.SEND ? "sent" : "written")
                        + " until a person with the approver role approves it outside this conversation.";
        return McpSchema.Tool.builder(d.name(), ToolBridge.JSON.convertValue(d.parameters(), MAP))
                .description(description)
                .annotations(McpSchema.ToolAnnotations.builder()
                        .readOnlyHint(reads)
                        // a proposal changes nothing; the change it names is applied elsewhere, after approval
                        .destructiveHint(false)
                        .openWorldHint(d.effect() == ToolEffect.SEND)
                        .build())
                .build();
    }
}
