package io.promoagent.core.execution;

import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolResult;

/**
 * One link of the chain every tool call runs through (policy, audit, approval gate, timing, and any an
 * application adds): it may look at the call, answer it itself, or pass it on with
 * {@link Chain#proceed}.
 *
 * <p>Interceptors run on the threads that run read tools, so they must be thread-safe.
 */
@FunctionalInterface
public interface ToolInterceptor {

    ToolResult intercept(Chain chain);

    /** The call on its way through the chain. */
    interface Chain {

        ToolCall call();

        /** The registered tool the call names. */
        Tool tool();

        ToolContext context();

        /**
         * Passes the call (possibly with rewritten arguments) to the next link and returns its result.
         *
         * @throws IllegalArgumentException if the call names another tool or has another id
         */
        ToolResult proceed(ToolCall call);
    }
}
