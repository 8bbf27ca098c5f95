package io.promoagent.core.query;

import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolEnvironment;
import io.promoagent.core.tool.ToolProvider;
import io.promoagent.schema.engine.QueryEngine;
import java.util.List;

/**
 * Offers the {@link QueryTool} to {@link io.promoagent.core.tool.ToolRegistry.Builder#discover} when the
 * environment holds a {@link QueryEngine} service; no tool otherwise. Its guard is the environment's
 * {@link ReadGuard} service, or {@link ReadGuard#defaults()}.
 */
public final class QueryToolProvider implements ToolProvider {

    @Override
    public List<Tool> tools(ToolEnvironment environment) {
        ReadGuard guard = environment.service(ReadGuard.class).orElseGet(ReadGuard::defaults);
        return environment.service(QueryEngine.class).<List<Tool>>map(e -> List.of(QueryTool.builder(e).guard(guard).build()))
                .orElse(List.of());
    }
}
