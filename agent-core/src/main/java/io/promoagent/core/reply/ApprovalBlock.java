package io.promoagent.core.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.ToolEffect;
import java.util.Objects;

/**
 * A proposed write or send waiting for a person: what it would do, how many records it touches, and the
 * approval id to decide on. Nothing has been written when this block is shown.
 *
 * @param approvalId    the id an approver names
 * @param changeSetId   the change set it is for
 * @param tool          the tool that proposed it
 * @param effect        {@code write} or {@code send}
 * @param summary       what it would do, in one line
 * @param affectedCount the exact number of records affected
 * @param arguments     the call's arguments
 * @param preview       tool-specific detail (an impact estimate, a sample e-mail); an object, maybe empty
 * @param status        where the approval stands: {@code pending}, or {@code refused} when no approval
 *                      service is configured
 */
public record ApprovalBlock(
        String approvalId,
        String changeSetId,
        String tool,
        ToolEffect effect,
        String summary,
        int affectedCount,
        JsonNode arguments,
        JsonNode preview,
        String status) implements Block {

    public ApprovalBlock {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(changeSetId, "changeSetId");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(effect, "effect");
        Objects.requireNonNull(summary, "summary");
        arguments = arguments == null ? JsonNodeFactory.instance.objectNode() : arguments.deepCopy();
        preview = preview == null ? JsonNodeFactory.instance.objectNode() : preview.deepCopy();
        Objects.requireNonNull(status, "status");
    }
}
