package io.promoagent.core.execution;

import io.promoagent.core.tool.ToolResult;
import java.time.Duration;

/** Stamps each result with how long the rest of the chain took. */
final class TimingInterceptor implements ToolInterceptor {

    @Override
    public ToolResult intercept(Chain chain) {
        long start = System.nanoTime();
        ToolResult result = chain.proceed(chain.call());
        return result.withElapsed(Duration.ofNanos(System.nanoTime() - start));
    }
}
