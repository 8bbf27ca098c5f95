package io.promoagent.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.ToolEffect;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing that happened, for the audit trail: who did what with which tool and arguments, and how it
 * ended. An {@link AuditSink} appends it; a chained store adds the sequence number and hashes.
 *
 * @param at            when it happened, by the request's clock
 * @param action        what kind of event it is
 * @param principal     the id of who did it
 * @param sessionId     the conversation
 * @param requestId     the request
 * @param tool          the tool's name (as called, for an unknown tool)
 * @param effect        the tool's effect; empty for a tool that is not registered
 * @param arguments     the call's arguments
 * @param outcome       how it ended: a tool result status ({@code ok}, {@code proposed}, {@code denied}) or
 *                      an approval status
 * @param changeSetId   the change set concerned, if any
 * @param approvalId    the approval concerned, if any
 * @param affectedCount the number of records affected, 0 for a read
 * @param detail        an error code and message, or empty
 */
public record AuditEvent(
        Instant at,
        AuditAction action,
        String principal,
        String sessionId,
        String requestId,
        String tool,
        Optional<ToolEffect> effect,
        JsonNode arguments,
        String outcome,
        Optional<String> changeSetId,
        Optional<String> approvalId,
        int affectedCount,
        String detail) {

    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(effect, "effect");
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments.deepCopy();
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(changeSetId, "changeSetId");
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(detail, "detail");
    }


    @Override
    public JsonNode arguments() {
        return arguments.deepCopy();
    }
}
