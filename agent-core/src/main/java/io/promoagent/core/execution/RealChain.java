package io.promoagent.core.execution;

import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolResult;
import java.util.List;

/** The chain at one position: the links from {@code index} on, then the tool itself. */
final class RealChain implements ToolInterceptor.Chain {

    private final List<ToolInterceptor> links;
    private final int index;
    private final Tool tool;
    private final ToolCall call;
    private final ToolContext context;

    RealChain(List<ToolInterceptor> links, int index, Tool tool, ToolCall call, ToolContext context) {
        this.links = links;
        this.index = index;
        this.tool = tool;
        this.call = call;
        this.context = context;
    }

    @Override
    public ToolCall call() {
        return call;
    }

    @Override
    public Tool tool() {
        return tool;
    }

    @Override
    public ToolContext context() {
        return context;
    }

    @Override
    public ToolResult proceed(ToolCall next) {
        if (!next.tool().equals(call.tool()) || !next.id().equals(call.id())) {
            throw new IllegalArgumentException("an interceptor may rewrite a call's arguments, not its tool or id");
        }
        if (index >= links.size()) {
            throw new IllegalStateException("the last link of the chain must answer the call");
        }
        ToolResult result = links.get(index).intercept(new RealChain(links, index + 1, tool, next, context));
        if (result == null) {
            throw new IllegalStateException(links.get(index).getClass().getName() + " returned no result");
        }
        return result;
    }
}
