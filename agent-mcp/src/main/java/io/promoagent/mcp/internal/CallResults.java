package io.promoagent.mcp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.tool.Proposal;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolResult;
import java.util.Map;

/**
 * A tool result as an MCP call result. A read answers with what a model may see of its result ({@code forModel},
 * never the person's blocks, which may hold values the data model keeps from models), as structured content
 * and as text. A proposal answers with the pending approval only.
 */
final class CallResults {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final String decideAt;

    CallResults(String decideAt) {
        this.decideAt = decideAt;
    }

    CallToolResult toMcp(ToolResult result) {
        return switch (result.status()) {
            case OK -> answer(result.summary(), result.forModel(), false);
            case PROPOSED -> pending(result, result.proposal().orElseThrow());
            case INVALID_ARGUMENTS, DENIED, FAILED -> answer(result.summary(), result.forModel(), true);
        };
    }

    private CallToolResult pending(ToolResult result, Proposal proposal) {
        ChangeSet change = proposal.changeSet();
        boolean open = proposal.ticket().status().isOpen();
        ObjectNode n = ToolBridge.JSON.createObjectNode();
        n.put("status", open ? "awaiting_approval" : proposal.ticket().status().jsonName());
        n.put("approvalId", proposal.ticket().approvalId());
        n.put("changeSetId", change.id());
        n.put("tool", change.tool());
        n.put("effect", change.effect().jsonName());
        // a send's summary quotes a message rendered for one recipient; the executor's own line names no one
        n.put("summary", change.effect() == ToolEffect.SEND ? result.summary() : change.summary());
        n.put("affectedCount", change.affectedCount());
        JsonNode impact = change.preview().get("impact");
        if (impact != null) {
            n.set("impact", impact);
        }
        n.put("decideAt", decideAt);
        n.put("note", open
                ? "Nothing has been written or sent. A person with the approver role, other than the proposer, "
                        + "must approve this change at " + decideAt + "; this server cannot approve or apply it."
                : "Nothing has been written or sent, and this change cannot be approved: " + proposal.ticket().message());
        String text = (open ? "Awaiting approval " : "Not approvable ") + proposal.ticket().approvalId() + ": "
                + n.get("summary").asText() + " (" + change.affectedCount()
                + (change.affectedCount() == 1 ? " record" : " records") + "). " + n.get("note").asText();
        return CallToolResult.builder()
                .addTextContent(text + "\n" + json(n))
                .structuredContent(ToolBridge.JSON.convertValue(n, MAP))
                .isError(false)
                .build();
    }

    private static CallToolResult answer(String summary, JsonNode forModel, boolean error) {
        // structured content is a JSON object by the protocol; a tool that answers otherwise is wrapped
        JsonNode object = forModel.isObject() ? forModel : ToolBridge.JSON.createObjectNode().set("result", forModel);
        return CallToolResult.builder()
                .addTextContent(summary + "\n" + json(object))
                .structuredContent(ToolBridge.JSON.convertValue(object, MAP))
                .isError(error)
                .build();
    }

    private static String json(JsonNode node) {
        try {
            return ToolBridge.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
