package io.promoagent.core.tool;

import io.promoagent.core.ToolException;
import io.promoagent.core.approval.ApprovedChangeSet;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.ToolContext;
import java.util.Optional;

/**
 * A tool that writes or sends, split in two halves: {@link #propose}, which has no side effects, and
 * {@link #apply}, which performs exactly the change a person approved.
 *
 * <p>{@link ApprovedChangeSet} can only be made by the approval machinery in
 * {@code io.promoagent.core.approval}, so no model output, prompt or interceptor can reach {@code apply}
 * any other way.
 */
public non-sealed interface WriteTool extends Tool {

    /**
     * Works out what the call would change, without changing anything: the affected records with their
     * versions and before-images, a summary and a preview. Build it with
     * {@link #changeSet(ToolCall, ToolContext)}.
     *
     * @throws InvalidArgumentsException when the arguments are wrong; the model gets the errors to repair
     * @throws ToolException             when the change cannot be worked out
     */
    ChangeSet propose(ToolCall call, ToolContext context);

    /**
     * Performs an approved change set, exactly as proposed; implementations should make each write
     * conditional on the record still having the version in the change set.
     *
     * @param approved the change set and who approved it; never null
     * @throws ToolException when the change cannot be applied (a record changed since the proposal)
     */
    ApplyResult apply(ApprovedChangeSet approved, ToolContext context);

    /**
     * How this tool makes a change set whose records live in more than one source safe (no store makes
     * such a write atomic): one sentence for the approval service and its audit, such as "writes the
     * PostgreSQL rows first and removes them again if the DynamoDB write fails". Empty by default: the
     * approval service then refuses, at proposal, a change set that writes records of two sources.
     */
    default Optional<String> crossSourceSafety() {
        return Optional.empty();
    }

    /**
     * A builder for the change set this tool proposes for {@code call}: id, tool, effect, arguments,
     * requester and time are filled in from the call and context. (It lives here rather than on
     * {@link ChangeSet} so that the change-set values do not depend on the tool SPI.)
     */
    default ChangeSet.Builder changeSet(ToolCall call, ToolContext context) {
        return ChangeSet.builder()
                .tool(descriptor().name())
                .effect(descriptor().effect())
                .arguments(call.arguments())
                .requester(context.principal().id())
                .createdAt(context.clock().instant());
    }
}
