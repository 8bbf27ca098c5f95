package io.promoagent.promotions.insight;

import io.promoagent.core.query.ReadEstimate;
import io.promoagent.core.query.ReadLog;
import io.promoagent.core.query.ReadPricing;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the order history says about customers: seasonal indices by month (and by segment), seasonal buyers,
 * and each customer's lifecycle stage, all computed through the query engine from the rules of the data model.
 *
 * <pre>{@code
 * CustomerInsights insights = CustomerInsights.of(model, engine);
 * SeasonalIndices seasons = insights.seasonalIndices(Optional.of("customer.segment"));
 * Map<String, LifecycleStage> stages = insights.stages(LifecycleRules.defaults());
 * }</pre>
 */
public final class CustomerInsights {
    private final QueryEngine engine;
    private final SeasonalityAnalysis seasonality;
    private final LifecycleAnalysis lifecycle;

    private CustomerInsights(QueryEngine engine, SeasonalityAnalysis seasonality, LifecycleAnalysis lifecycle) {
        this.engine = engine;
        this.seasonality = seasonality;
        this.lifecycle = lifecycle;
    }

    /** Insights over the demo model's names: {@code orders.order_date}, {@code customers.last_order_date}. */
    public static CustomerInsights of(DataModel model, QueryEngine engine) {
        Objects.requireNonNull(model, "model").requireEntity("orders");
        model.requireEntity("customers");
        return new CustomerInsights(engine, new SeasonalityAnalysis(engine, "orders", "order_date"),
                new LifecycleAnalysis(engine, "customers", "id", "last_order_date"));
    }

    /** The twelve monthly indices of all orders, and of each value of {@code groupField} when given. */
    public SeasonalIndices seasonalIndices(Optional<String> groupField) {
        return seasonalIndices(groupField, new ReadLog());
    }

    /** The same, keeping the query it reads in {@code log} (for a table that says how it was read). */
    public SeasonalIndices seasonalIndices(Optional<String> groupField, ReadLog log) {
        return seasonality.indices(groupField, log);
    }

    /**
     * What {@link #seasonalIndices(Optional, ReadLog)} would read, estimated from the engine's explanation of its
     * query without reading any record (for the read guard).
     */
    public ReadEstimate estimateSeasonalIndices(Optional<String> groupField, ReadPricing pricing) {
        return ReadEstimate.of(engine, List.of(seasonality.query(groupField)), pricing);
    }

    /**
     * What {@link #stages(LifecycleRules, ReadLog)} would read, all its queries together, estimated from the
     * engine's explanations without reading any record (for the read guard): its queries do not depend on one
     * another's results, so the estimate covers every read.
     */
    public ReadEstimate estimateStages(LifecycleRules rules, ReadPricing pricing) {
        return ReadEstimate.of(engine, lifecycle.queries(rules), pricing);
    }

    /** Every customer's lifecycle stage under these rules. */
    public Map<String, LifecycleStage> stages(LifecycleRules rules) {
        return stages(rules, new ReadLog());
    }

    /** The same, keeping the queries it reads in {@code log}, in the order read (for a table that says how it was read). */
    public Map<String, LifecycleStage> stages(LifecycleRules rules, ReadLog log) {
        return lifecycle.stages(rules, log);
    }

    /** The customers a rule of the data model selects, with its default arguments: {@code seasonal_customer}. */
    public Set<String> membersOf(String rule) {
        return lifecycle.members(rule, Map.of());
    }

    /** The ids of the customers a rule of the data model selects with these arguments (the rest take defaults). */
    public Set<String> membersOf(String rule, Map<String, Object> args) {
        return lifecycle.members(rule, args);
    }
}
