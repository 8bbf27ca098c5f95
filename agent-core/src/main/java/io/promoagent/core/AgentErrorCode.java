package io.promoagent.core;

import java.util.Locale;

/**
 * The stable codes of the errors agent-core reports, in tool results sent to a model and in error blocks
 * sent to a person; a program can branch on them.
 *
 * <p>Errors in a query's arguments keep the query validator's own codes
 * ({@link io.promoagent.schema.validate.ErrorCode}, such as {@code unknown_field}).
 */
public enum AgentErrorCode {
    /** The model named a tool that is not registered. */
    UNKNOWN_TOOL,
    /** The arguments are not a JSON object. */
    MALFORMED_ARGUMENTS,
    /** The arguments are larger than the orchestrator accepts; they were not read. */
    ARGUMENTS_TOO_LARGE,
    /** The principal may not use the tool. */
    DENIED,
    /** The tool failed while running. */
    TOOL_FAILED,
    /** The tool did not finish in time. */
    TOOL_TIMEOUT,
    /** The audit record could not be written, so the call did not go ahead. */
    AUDIT_UNAVAILABLE,
    /** The approval gate could not take the change set. */
    APPROVAL_UNAVAILABLE,
    /** The model could not repair a call within the allowed number of repairs. */
    TOO_MANY_REPAIRS,
    /** The request needed more model calls than allowed. */
    TOO_MANY_MODEL_CALLS,
    /** The request needed more tool calls than allowed. */
    TOO_MANY_TOOL_CALLS,
    /** The person's request is longer than the orchestrator accepts. */
    REQUEST_TOO_LARGE,
    /** The language model failed or returned nothing usable. */
    MODEL_FAILED,
    /** Something failed that is not the caller's fault; details are logged, not shown. */
    INTERNAL_ERROR;

    /** The code as written in JSON ({@code unknown_tool}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
