package io.promoagent.example.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.example.demo.DemoTruth;
import io.promoagent.example.demo.LifecycleStage;
import io.promoagent.promotions.insight.CustomerInsights;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The data model's {@code became_at_risk} rule (at risk now, not yet {@code days} days ago) against the day the
 * generator planted each cooling customer's stage to begin (the day after their next order was due at their pace),
 * over several seeds and todays, for the last 30 days. The day is known only roughly from the orders: the rule
 * dates the change at 1.25 usual gaps after the last order, the simulation at the customer's current pace, which
 * drifts from their past gaps, and a single order tells nothing of it. So the bar is modest: the rule picks the
 * recent ones out of all at-risk customers at least twice as well as chance (the share of recent ones among them).
 */
class StageTransitionsAgainstPlantedTruthTest {

    private static final String[][] WORLDS = {
            {"42", "2026-06-30"}, {"42", "2026-12-06"}, {"7", "2026-06-30"}, {"1234", "2026-03-15"}, {"99", "2026-10-01"}};
    private static final int DAYS = 30;

    @Test
    void customersWhoBecameAtRiskInTheLast30DaysAreThosePlantedSo() {
        long hits = 0;
        long found = 0;
        long planted = 0;
        long atRiskTotal = 0;
        long recentAtRisk = 0;
        for (String[] w : WORLDS) {
            LocalDate today = LocalDate.parse(w[1]);
            PlantedWorld world = PlantedWorld.generate(Long.parseLong(w[0]), 2000, today);
            CustomerInsights insights = CustomerInsights.of(world.model(), world.engine());
            Set<String> became = insights.membersOf("became_at_risk", Map.of("days", DAYS));
            Set<String> truth = world.data().truth().customers().stream()
                    .filter(c -> c.stage() == LifecycleStage.COOLING && c.stageSince().isAfter(today.minusDays(DAYS)))
                    .map(DemoTruth.CustomerTruth::id).collect(Collectors.toSet());
            Set<String> atRisk = insights.membersOf("at_risk_customer");
            long h = became.stream().filter(truth::contains).count();
            System.out.printf("seed %s, today %s: became at risk in the last %d days: %d found, %d planted, "
                    + "precision %.3f, recall %.3f%n", w[0], w[1], DAYS, became.size(), truth.size(),
                    (double) h / became.size(), (double) h / truth.size());
            assertThat(atRisk).as("a customer who became at risk is at risk").containsAll(became);
            hits += h;
            found += became.size();
            planted += truth.size();
            atRiskTotal += atRisk.size();
            recentAtRisk += atRisk.stream().filter(truth::contains).count();
        }
        double chance = (double) recentAtRisk / atRiskTotal;
        System.out.printf("became at risk, over all: precision %.3f (chance %.3f), recall %.3f%n",
                (double) hits / found, chance, (double) hits / planted);
        assertThat((double) hits / found).as("pooled precision").isGreaterThanOrEqualTo(Math.max(0.3, 2 * chance));
        assertThat((double) hits / planted).as("pooled recall").isGreaterThanOrEqualTo(0.25);
    }
}
