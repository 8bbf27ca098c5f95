package io.promoagent.promotions.insight;

import io.promoagent.core.query.ReadLog;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

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

    /** Every customer's stage, in the order the store gives customers; each query read is kept in {@code log}. */
    Map<String, LifecycleStage> stages(LifecycleRules rules, ReadLog log) {
        List<Step> plan = plan(rules);
        Map<String, LifecycleStage> stages = new LinkedHashMap<>();
        for (Row row : log.execute(engine, plan.get(0).query(), plan.get(0).purpose()).rows()) {
            stages.put(String.valueOf(row.valueOrNull(idField)), null);
        }
        for (Step step : plan.subList(1, plan.size())) {
            assign(stages, ids(step.query(), log, step.purpose()), step.stage());
        }
        stages.replaceAll((id, stage) -> stage == null ? rules.otherwise() : stage);
        return stages;
    }

    /**
     * The queries {@link #stages} reads, in order, none depending on another's result: every customer's id first,
     * then the ids each stage rule selects, so that what they would read can be estimated before any is read.
     */
    List<Query> queries(LifecycleRules rules) {
        return plan(rules).stream().map(Step::query).toList();
    }

    /** One read of the stages: its query, what it feeds in words, and the stage it gives (none for everyone). */
    private record Step(Query query, String purpose, LifecycleStage stage) {
    }

    private List<Step> plan(LifecycleRules rules) {
        List<Step> plan = new ArrayList<>();
        plan.add(new Step(Query.builder(entity).fields(idField).noLimit().build(),
                entity + ": every " + idField + ", so that each gets a stage", null));
        List<LifecycleRules.StageRule> ordered = rules.stages();
        // The first stage rule (new customers) comes before seasonality: a newcomer has no season yet.
        if (!ordered.isEmpty()) {
            plan.add(step(ordered.get(0)));
        }
        Within recentEnough = new Within(lastOrderField,
                new TimeRange.Last(rules.seasonalActiveDays(), CalendarUnit.DAY));
        for (String seasonal : rules.seasonalRules()) {
            plan.add(new Step(idsWhere(new And(List.of(RuleRef.of(seasonal), recentEnough))), entity + ": who meets "
                    + seasonal + " and ordered in the last " + rules.seasonalActiveDays() + " days, the "
                    + LifecycleStage.ACTIVE.wireName() + " stage of seasonal buyers", LifecycleStage.ACTIVE));
        }
        for (LifecycleRules.StageRule stage : ordered.subList(Math.min(1, ordered.size()), ordered.size())) {
            plan.add(step(stage));
        }
        return plan;
    }

    private Step step(LifecycleRules.StageRule stage) {
        return new Step(idsWhere(filter(stage)), purpose(stage), stage.stage());
    }

    private Query idsWhere(Filter where) {
        return Query.builder(entity).fields(idField).where(where).noLimit().build();
    }

    /** The customers a rule selects. */
    Set<String> members(String rule, Map<String, Object> args) {
        return ids(idsWhere(new RuleRef(rule, args)), new ReadLog(), "");
    }

    /** What a stage's read feeds, as a person reads it: "customers: who meets lapsed_customer(days=365), the churned stage". */
    private String purpose(LifecycleRules.StageRule stage) {
        String args = stage.args().isEmpty() ? "" : stage.args().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .sorted().collect(Collectors.joining(", ", "(", ")"));
        return entity + ": who " + (stage.negated() ? "does not meet " : "meets ") + stage.rule() + args + ", the "
                + stage.stage().wireName() + " stage";
    }

    private static Filter filter(LifecycleRules.StageRule stage) {
        RuleRef rule = new RuleRef(stage.rule(), stage.args());
        return stage.negated() ? new Not(rule) : rule;
    }

    private Set<String> ids(Query query, ReadLog log, String purpose) {
        Set<String> ids = new HashSet<>();
        for (Row row : log.execute(engine, query, purpose).rows()) {
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
