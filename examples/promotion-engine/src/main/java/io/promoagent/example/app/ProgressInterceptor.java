package io.promoagent.example.app;

import io.promoagent.core.execution.ToolInterceptor;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.example.server.Progress;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tells whoever is waiting on a conversation that a tool started and finished, with its row or record
 * count and time: the progress events the WebSocket streams before a reply.
 */
final class ProgressInterceptor implements ToolInterceptor {

    private final Map<String, Consumer<Progress>> listeners = new ConcurrentHashMap<>();

    void listen(String sessionId, Consumer<Progress> listener) {
        listeners.put(sessionId, listener);
    }

    void stop(String sessionId) {
        listeners.remove(sessionId);
    }

    @Override
    public ToolResult intercept(Chain chain) {
        Consumer<Progress> listener = listeners.getOrDefault(chain.context().sessionId(), p -> { });
        String tool = chain.call().tool();
        listener.accept(new Progress(Progress.TOOL_STARTED, Optional.of(tool), OptionalLong.empty(), OptionalLong.empty()));
        long start = System.nanoTime();
        ToolResult result = chain.proceed(chain.call());
        long count = result.proposal().map(p -> (long) p.changeSet().affectedCount())
                .orElseGet(() -> result.forModel().path("count").asLong(0));
        listener.accept(new Progress(Progress.TOOL_FINISHED, Optional.of(tool), OptionalLong.of(count),
                OptionalLong.of((System.nanoTime() - start) / 1_000_000)));
        return result;
    }
}
