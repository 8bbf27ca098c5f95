package io.promoagent.promotions.insight;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.source.Row;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each customer's lifecycle stage, by running the data model's stage rules through the query engine: one
 * query per rule, the first rule a customer meets wins. Seasonal buyers who ordered within their season's
 * reach are active first, whatever their recency says.
 */
final class LifecycleAnalysis {
    private final QueryEngine engine;
    private final String entity;
    private final String idField;
    private final String lastOrderField;

    LifecycleAnalysis(QueryEngine engine, String entity, String idField, String lastOrderField) {
        this.engine = engine;
        this.entity = entity;
        this.idField = idField;
        this.lastOrderField = lastOrderField;
    }

    /** Every customer's stage, in the order the store gives customers. */
    Map<String, LifecycleStage> stages(LifecycleRules rules) {
        Map<String, LifecycleStage> stages = new LinkedHashMap<>();
        for (Row row : engine.execute(Query.builder(entity).fields(idField).noLimit().build()).rows()) {
            stages.put(String.valueOf(row.valueOrNull(idField)), null);
        }
        List<LifecycleRules.StageRule> ordered = rules.stages();
        // The first stage rule (new customers) comes before seasonality: a newcomer has no season yet.
        if (!ordered.isEmpty()) {
            assign(stages, ids(filter(ordered.get(0))), ordered.get(0).stage());
        }
        Within recentEnough = new Within(lastOrderField,
                new TimeRange.Last(rules.seasonalActiveDays(), CalendarUnit.DAY));
        for (String seasonal : rules.seasonalRules()) {
            assign(stages, ids(new And(List.of(RuleRef.of(seasonal), recentEnough))), LifecycleStage.ACTIVE);
        }
        for (LifecycleRules.StageRule stage : ordered.subList(Math.min(1, ordered.size()), ordered.size())) {
            assign(stages, ids(filter(stage)), stage.stage());
        }
        stages.replaceAll((id, stage) -> stage == null ? rules.otherwise() : stage);
        return stages;
    }

    /** The customers a rule selects. */
    Set<String> members(String rule, Map<String, Object> args) {
        return ids(new RuleRef(rule, args));
    }

    private static Filter filter(LifecycleRules.StageRule stage) {
        RuleRef rule = new RuleRef(stage.rule(), stage.args());
        return stage.negated() ? new Not(rule) : rule;
    }

    private Set<String> ids(Filter where) {
        Set<String> ids = new HashSet<>();
        for (Row row : engine.execute(Query.builder(entity).fields(idField).where(where).noLimit().build()).rows()) {
            ids.add(String.valueOf(row.valueOrNull(idField)));
        }
        return ids;
    }

    private static void assign(Map<String, LifecycleStage> stages, Set<String> ids, LifecycleStage stage) {
        for (String id : ids) {
            if (stages.containsKey(id) && stages.get(id) == null) {
                stages.put(id, stage);
            }
        }
    }
}
