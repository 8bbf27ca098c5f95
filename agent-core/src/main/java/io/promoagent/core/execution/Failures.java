package io.promoagent.core.execution;

import io.promoagent.core.AgentErrorCode;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ToolError;
import io.promoagent.core.ToolException;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.validate.InvalidQueryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what a tool throws into a result: argument errors go back to the model for repair, a tool's own
 * failure is reported with its message, a data source's failure with its plain words (which store, what
 * went wrong) but not the server's detail, anything else is logged and reported without detail.
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
        if (e instanceof DataSourceException) {
            // a store failed (stopped, unreachable, throttled): the library's sources say which and why in plain
            // words, and put the server's own detail, which may quote stored values, in parentheses
            LOG.warn("tool '{}' could not read its data", tool, e);
            return ToolResult.failed(AgentErrorCode.TOOL_FAILED, "the data could not be read, so there is no answer: "
                    + withoutDetail(e.getMessage()));
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

    /** A source's message up to its first parenthesised detail or the service's error code ("…: XyzException: …"). */
    private static String withoutDetail(String message) {
        String text = message == null ? "" : message;
        int detail = text.indexOf(" (");
        text = detail < 0 ? text : text.substring(0, detail);
        return text.replaceFirst(":\\s+\\w+(Exception|Error)\\b.*$", "").strip();
    }
}
