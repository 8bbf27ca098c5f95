package io.promoagent.core.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.tool.ToolCall;
import java.time.Instant;
import java.util.Objects;

/**
 * A read a person confirmed: the call to run now, as the person who asked, in the conversation it was
 * asked in. Running it through the tool executor passes the guard once.
 *
 * @param handle    the held read's handle
 * @param tool      the tool that held it (the query tool, an insight tool)
 * @param arguments the tool's arguments (for the query tool the validated query), exactly as they were held
 * @param principal who asked and confirmed
 * @param sessionId the conversation
 * @param estimate  the estimate that held it, in one sentence
 * @param expiresAt until when the confirmation may be used
 */
public record HeldRead(String handle, String tool, JsonNode arguments, String principal, String sessionId,
                       String estimate, Instant expiresAt) {

    public HeldRead {
        Objects.requireNonNull(handle, "handle");
        Objects.requireNonNull(tool, "tool");
        arguments = Objects.requireNonNull(arguments, "arguments").deepCopy();
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(estimate, "estimate");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public JsonNode arguments() {
        return arguments.deepCopy();
    }

    /** The tool call that runs the confirmed read. */
    public ToolCall call() {
        return ToolCall.of(tool, arguments);
    }
}
