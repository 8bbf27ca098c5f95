package io.promoagent.core.execution;

import io.promoagent.core.ToolEffect;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolResult;
import java.util.Optional;

/**
 * The audit event of a tool call. It lives with the executor, not on {@link AuditEvent}, so that the audit
 * package does not depend on the tool SPI (which the approval package, an audit client, sits under).
 */
final class ToolCallEvents {

    private ToolCallEvents() {
    }

    /** The record of one tool call and its result. */
    static AuditEvent of(ToolCall call, ToolContext context, Optional<ToolEffect> effect, ToolResult result) {
        String detail = result.errors().isEmpty() ? "" : result.errors().get(0).code() + ": " + result.errors().get(0).message();
        return new AuditEvent(
                context.clock().instant(),
                result.proposal().isPresent() ? AuditAction.PROPOSAL : AuditAction.TOOL_CALL,
                context.principal().id(),
                context.sessionId(),
                context.requestId(),
                call.tool(),
                effect,
                call.arguments(),
                result.status().jsonName(),
                result.proposal().map(p -> p.changeSet().id()),
                result.proposal().map(p -> p.ticket().approvalId()),
                result.proposal().map(p -> p.changeSet().affectedCount()).orElse(0),
                detail);
    }
}
