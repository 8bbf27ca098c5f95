package io.promoagent.core.tool;

import io.promoagent.core.ToolException;
import io.promoagent.core.security.ToolContext;

/**
 * A tool that only reads: it runs when called and returns what it found, for the model and the person.
 *
 * <p>Read tools requested together run concurrently, so an implementation must be thread-safe.
 */
public non-sealed interface ReadTool extends Tool {

    /**
     * Runs the call.
     *
     * @throws InvalidArgumentsException (or {@link io.promoagent.schema.validate.InvalidQueryException})
     *                                   when the arguments are wrong; the model gets the errors to repair
     * @throws ToolException             when the tool fails
     */
    ToolResult execute(ToolCall call, ToolContext context);
}
