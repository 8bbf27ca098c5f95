package io.promoagent.promotions;

import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.query.ReadGuard;
import io.promoagent.core.tool.Tool;
import io.promoagent.promotions.insight.CustomerInsights;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.FieldType;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes the promotion tools: {@value #CREATE} and {@value #CHANGE_STATUS} (writes, through approval),
 * {@value #PREDICT} (the dry run of {@value #CREATE}) and {@value #PERFORMANCE} (reads).
 *
 * <pre>{@code
 * List<Tool> promotions = PromotionTools.create(model, queryEngine, recordWriter, clock, PromotionSettings.defaults());
 * ToolRegistry tools = ToolRegistry.builder().register(QueryTool.of(queryEngine)).registerAll(promotions).build();
 * }</pre>
 *
 * <p>The query engine must read the store the record writer writes (an {@code InMemoryRecordStore} serves
 * as both; with DynamoDB, the DynamoDB source and writer over the same tables). The data model needs the
 * {@code promotions}, {@code customers} and {@code orders} entities of the demo data model with their
 * fields ({@code promotions} with the stored names of {@link Promotion}; {@code orders} with
 * {@code promotion_code}, {@code total}, {@code status}, {@code customer_id} and the many-to-one
 * {@code customer} relationship).
 */
public final class PromotionTools {

    /** The name of the tool that proposes a new promotion. */
    public static final String CREATE = CreatePromotionTool.NAME;
    /** The name of the tool that proposes a status change. */
    public static final String CHANGE_STATUS = ChangePromotionStatusTool.NAME;
    /**
     * The name of the read tool that predicts what {@value #CREATE} would do with the same arguments, proposing
     * nothing (a dry run).
     */
    public static final String PREDICT = PredictPromotionTool.NAME;
    /** The name of the tool that reports performance. */
    public static final String PERFORMANCE = PromotionPerformanceTool.NAME;
    /** The name of the read tool that reports seasonal indices by month ({@link #insightTools}). */
    public static final String SEASONALITY = SeasonalityTool.NAME;
    /** The name of the read tool that reports customers' lifecycle stages ({@link #insightTools}). */
    public static final String LIFECYCLE = CustomerLifecycleTool.NAME;

    private PromotionTools() {
    }

    /** The four tools with the default settings. */
    public static List<Tool> create(DataModel model, QueryEngine queryEngine, RecordWriter recordWriter, Clock clock) {
        return create(model, queryEngine, recordWriter, clock, PromotionSettings.defaults());
    }

    /**
     * The four tools.
     *
     * @param clock "today" for defaults, lifecycle checks and estimates; give the query engine the same one
     * @throws PromotionException when the data model lacks an entity or field the tools need
     */
    public static List<Tool> create(DataModel model, QueryEngine queryEngine, RecordWriter recordWriter, Clock clock,
                                    PromotionSettings settings) {
        return create(model, queryEngine, recordWriter, clock, settings, ReadGuard.defaults());
    }

    /**
     * The four tools, {@value #PERFORMANCE} asking {@code guard} before it reads orders (give the query tool's):
     * over the guard's budget it returns the held read for the person to confirm.
     *
     * @param clock "today" for defaults, lifecycle checks and estimates; give the query engine the same one
     * @throws PromotionException when the data model lacks an entity or field the tools need
     */
    public static List<Tool> create(DataModel model, QueryEngine queryEngine, RecordWriter recordWriter, Clock clock,
                                    PromotionSettings settings, ReadGuard guard) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(queryEngine, "queryEngine");
        Objects.requireNonNull(recordWriter, "recordWriter");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(settings, "settings");
        List<String> missing = missing(model);
        if (!missing.isEmpty()) {
            throw new PromotionException("the data model cannot hold promotions: " + String.join("; ", missing));
        }
        PromotionCatalogue catalogue = new PromotionCatalogue(model, queryEngine);
        ImpactEstimator estimator = new ImpactEstimator(model, catalogue, settings);
        CreatePromotionTool create = new CreatePromotionTool(model, catalogue, estimator, recordWriter, clock, settings);
        return List.of(
                create,
                new PredictPromotionTool(create),
                new ChangePromotionStatusTool(catalogue, recordWriter, clock),
                new PromotionPerformanceTool(catalogue, settings, clock, guard));
    }

    /**
     * The read tools over customers' order history: {@code seasonality} (monthly indices, by segment) and
     * {@code customer_lifecycle} (stages from the data model's rules). Opt-in, because each tool a model is offered
     * lengthens every request it is sent; see docs/intelligence.md.
     */
    public static List<Tool> insightTools(DataModel model, QueryEngine queryEngine) {
        return insightTools(model, queryEngine, ReadGuard.defaults());
    }

    /**
     * The same, asking {@code guard} before they read (give the query tool's): each estimates all it would read
     * and, over the guard's budget, reads nothing and returns the held read for the person to confirm.
     */
    public static List<Tool> insightTools(DataModel model, QueryEngine queryEngine, ReadGuard guard) {
        Objects.requireNonNull(guard, "guard");
        CustomerInsights insights = CustomerInsights.of(model, queryEngine);
        return List.of(new SeasonalityTool(model, insights, guard), new CustomerLifecycleTool(insights, guard));
    }

    /** Whether the model has everything the tools need. */
    public static boolean supports(DataModel model) {
        return missing(model).isEmpty();
    }

    /** What the tools need and the model lacks, one problem per entry. */
    static List<String> missing(DataModel model) {
        Map<String, Map<String, FieldType>> needed = new LinkedHashMap<>();
        Map<String, FieldType> promotions = new LinkedHashMap<>();
        promotions.put(PromotionRow.ID, FieldType.STRING);
        promotions.put(PromotionRow.NAME, FieldType.STRING);
        promotions.put(PromotionRow.CODE, FieldType.STRING);
        promotions.put(PromotionRow.DESCRIPTION, FieldType.STRING);
        promotions.put(PromotionRow.DISCOUNT_TYPE, FieldType.ENUM);
        promotions.put(PromotionRow.DISCOUNT_VALUE, FieldType.NUMBER);
        promotions.put(PromotionRow.AUDIENCE_RULE, FieldType.STRING);
        promotions.put(PromotionRow.MIN_ORDER_TOTAL, FieldType.NUMBER);
        promotions.put(PromotionRow.STARTS_AT, FieldType.DATE);
        promotions.put(PromotionRow.ENDS_AT, FieldType.DATE);
        promotions.put(PromotionRow.STATUS, FieldType.ENUM);
        promotions.put(PromotionRow.BUDGET, FieldType.NUMBER);
        promotions.put(PromotionRow.BUDGET_USED, FieldType.NUMBER);
        promotions.put(PromotionRow.MAX_REDEMPTIONS, FieldType.INTEGER);
        promotions.put(PromotionRow.PER_CUSTOMER_LIMIT, FieldType.INTEGER);
        promotions.put(PromotionRow.REDEMPTIONS, FieldType.INTEGER);
        promotions.put(PromotionRow.EXCLUSIVE, FieldType.BOOLEAN);
        promotions.put(PromotionRow.PRIORITY, FieldType.INTEGER);
        promotions.put(PromotionRow.CREATED_BY, FieldType.STRING);
        promotions.put(PromotionRow.CREATED_AT, FieldType.DATE);
        needed.put(PromotionCatalogue.PROMOTIONS, promotions);
        needed.put(PromotionCatalogue.ORDERS, Map.of(PromotionCatalogue.ORDER_CODE, FieldType.STRING,
                PromotionCatalogue.ORDER_TOTAL, FieldType.NUMBER, PromotionCatalogue.ORDER_STATUS, FieldType.ENUM,
                PromotionCatalogue.ORDER_CUSTOMER, FieldType.STRING));
        needed.put(PromotionCatalogue.CUSTOMERS, Map.of());
        List<String> problems = new ArrayList<>();
        needed.forEach((entityName, fields) -> {
            Entity e = model.entity(entityName).orElse(null);
            if (e == null) {
                problems.add("no entity '" + entityName + "'");
                return;
            }
            fields.forEach((field, type) -> e.field(field).ifPresentOrElse(
                    f -> {
                        if (f.type() != type) {
                            problems.add(entityName + "." + field + " is " + f.type() + ", not " + type);
                        }
                    },
                    () -> problems.add("no field " + entityName + "." + field)));
        });
        if (model.entity(PromotionCatalogue.ORDERS).isPresent()
                && model.navigation(PromotionCatalogue.ORDERS, PromotionCatalogue.ORDER_CUSTOMER_NAVIGATION).isEmpty()) {
            problems.add("no relationship '" + PromotionCatalogue.ORDER_CUSTOMER_NAVIGATION + "' from orders to customers");
        }
        return problems;
    }
}
