package io.promoagent.spring;

import io.promoagent.core.tool.ToolEnvironment;

/**
 * Adds services to the {@link ToolEnvironment} that discovered {@code ToolProvider}s make their tools
 * from, beyond the data model, the clock, the {@code QueryEngine} and the {@code RecordWriter} the
 * starter puts there (a mail transport, {@code PromotionSettings}).
 */
@FunctionalInterface
public interface ToolEnvironmentCustomizer {

    void customize(ToolEnvironment.Builder environment);
}
