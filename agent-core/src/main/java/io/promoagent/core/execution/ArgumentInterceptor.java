package io.promoagent.core.execution;

import io.promoagent.core.tool.ToolError;
import io.promoagent.core.tool.ToolResult;
import java.util.List;

/** Answers a call whose arguments break its tool's parameter schema with the errors, before the tool runs. */
final class ArgumentInterceptor implements ToolInterceptor {

    @Override
    public ToolResult intercept(Chain chain) {
        List<ToolError> errors = ArgumentCheck.errors(chain.tool().descriptor().parameters(), chain.call().arguments());
        return errors.isEmpty() ? chain.proceed(chain.call()) : ToolResult.invalid(errors);
    }
}
