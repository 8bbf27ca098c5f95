package io.promoagent.promotions.insight;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which rules of the data model define the lifecycle stages, tried in order: the first rule a customer meets
 * gives their stage, and a customer who meets none is {@link #otherwise}. The thresholds live in the rules'
 * parameters, so a user changes them in the data model (their defaults) or here (arguments).
 *
 * @param seasonalRules rules that find seasonal buyers; such a buyer whose last order lies within
 *                      {@code seasonalActiveDays} is active, because their silence is the off-season
 */
public record LifecycleRules(List<StageRule> stages, List<String> seasonalRules, int seasonalActiveDays,
        LifecycleStage otherwise) {

    public LifecycleRules {
        stages = List.copyOf(stages);
        seasonalRules = List.copyOf(seasonalRules);
        Objects.requireNonNull(otherwise, "otherwise");
    }

    /**
     * One stage, the rule that selects it and the arguments given to the rule (none: its defaults); a negated
     * rule selects the customers the rule does not ("not lapsed within 60 days" is active).
     */
    public record StageRule(LifecycleStage stage, String rule, Map<String, Object> args, boolean negated) {
        public StageRule {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(rule, "rule");
            args = Map.copyOf(args);
        }

        public StageRule(LifecycleStage stage, String rule, Map<String, Object> args) {
            this(stage, rule, args, false);
        }
    }

    /**
     * The rules of the demo data model: new, reactivated, no order within a year (churned), not overdue within a
     * year (active), overdue within 180 days (cooling, the data model's at-risk rule), and whoever is left is
     * overdue for longer (lapsed). Overdue is measured against each customer's own usual gap between orders.
     */
    public static LifecycleRules defaults() {
        return new LifecycleRules(List.of(
                new StageRule(LifecycleStage.NEW, "new_customer", Map.of()),
                new StageRule(LifecycleStage.REACTIVATED, "reactivated_customer", Map.of()),
                new StageRule(LifecycleStage.CHURNED, "lapsed_customer", Map.of("days", 365)),
                new StageRule(LifecycleStage.ACTIVE, "at_risk_customer", Map.of("to_days", 365), true),
                new StageRule(LifecycleStage.COOLING, "at_risk_customer", Map.of())),
                List.of("seasonal_customer", "summer_buyer"), 365, LifecycleStage.LAPSED);
    }
}
