package io.promoagent.core.execution;

import io.promoagent.core.AgentErrorCode;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ToolError;
import io.promoagent.core.ToolException;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.validate.InvalidQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a tool throws into a result: argument errors go back to the model for repair, a tool's own
 * failure is reported with its message, anything else is logged and reported without detail.
 */
final class Failures {

    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    static ToolResult toResult(String tool, RuntimeException e) {
        if (e instanceof InvalidArgumentsException invalid) {
            return ToolResult.invalid(invalid.errors());
        }
        if (e instanceof InvalidQueryException invalid) {
            return ToolResult.invalid(invalid.errors().stream().map(ToolError::from).toList());
        }
        if (e instanceof ToolException) {
            LOG.debug("tool '{}' failed", tool, e);
            return ToolResult.failed(AgentErrorCode.TOOL_FAILED, e.getMessage());
        }
        // messages of other exceptions may carry record values the model must not see: log, do not forward
        LOG.warn("tool '{}' failed unexpectedly", tool, e);
        return ToolResult.failed(AgentErrorCode.TOOL_FAILED, "tool '" + tool + "' failed: "
                + e.getClass().getSimpleName());
    }
}
