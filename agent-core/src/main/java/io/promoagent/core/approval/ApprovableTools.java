package io.promoagent.core.approval;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.ToolContext;
import java.util.Optional;

/**
 * The write tools an {@link ApprovalService} re-proposes and applies, by name; a
 * {@code ToolRegistry} (in the tool package) is one.
 *
 * <p>An interface here rather than the registry itself because the tool SPI depends on this package (a
 * write tool's {@code apply} takes an {@link ApprovedChangeSet}, which only this package makes), so this
 * package must not depend on the tool SPI.
 */
public interface ApprovableTools {

    /**
     * The write tool named {@code name}.
     *
     * @throws ApprovalException {@code unknown_tool} when no tool has the name, {@link
     *                           ApprovalException#NOT_A_WRITE_TOOL} when the tool reads only
     */
    ApprovableTool writeTool(String name);

    /** The two halves of one write tool, as the approval service calls them. */
    interface ApprovableTool {

        /** Proposes the call {@code callId} with {@code arguments} again, without side effects. */
        ChangeSet propose(String callId, JsonNode arguments, ToolContext context);

        /** Applies an approved change set. */
        ApplyResult apply(ApprovedChangeSet approved, ToolContext context);

        /**
         * How the tool makes a change set that writes records of several sources safe, in a sentence; empty
         * (the default) when its change sets must stay within one source.
         */
        default Optional<String> crossSourceSafety() {
            return Optional.empty();
        }
    }
}
