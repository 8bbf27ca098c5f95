package io.promoagent.promotions;

import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.query.ReadGuard;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolEnvironment;
import io.promoagent.core.tool.ToolProvider;
import io.promoagent.schema.engine.QueryEngine;
import java.util.List;

/**
 * Offers the promotion tools to {@link io.promoagent.core.tool.ToolRegistry.Builder#discover} when the
 * environment holds a data model that can hold promotions, a {@link QueryEngine} and a
 * {@link RecordWriter} service (and, optionally, {@link PromotionSettings}); no tool otherwise. The performance
 * tool asks the environment's {@link ReadGuard} service before it reads, as the query tool does, or
 * {@link ReadGuard#defaults()}.
 */
public final class PromotionToolProvider implements ToolProvider {

    @Override
    public List<Tool> tools(ToolEnvironment environment) {
        var model = environment.dataModel();
        var engine = environment.service(QueryEngine.class);
        var writer = environment.service(RecordWriter.class);
        if (model.isEmpty() || engine.isEmpty() || writer.isEmpty() || !PromotionTools.supports(model.get())) {
            return List.of();
        }
        return PromotionTools.create(model.get(), engine.get(), writer.get(), environment.clock(),
                environment.service(PromotionSettings.class).orElseGet(PromotionSettings::defaults),
                environment.service(ReadGuard.class).orElseGet(ReadGuard::defaults));
    }
}
