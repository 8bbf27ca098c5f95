package io.promoagent.example.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.example.demo.DemoTruth;
import io.promoagent.promotions.insight.CustomerInsights;
import io.promoagent.promotions.insight.LifecycleRules;
import io.promoagent.promotions.insight.LifecycleStage;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The data model's lifecycle rules against the stages the generator planted from the behaviour it simulated
 * (who is still buying and at which pace, which it never writes into the data), over several seeds and todays:
 * the stage agrees for at least 85 % of customers in each, and the at-risk VIPs are the planted cooling VIPs with
 * precision and recall of at least 0.8 over all of them (at least 0.7 in each: a data set plants about 20).
 */
class LifecycleAgainstPlantedTruthTest {

    private static final String[][] WORLDS = {
            {"42", "2026-06-30"}, {"42", "2026-12-06"}, {"7", "2026-06-30"}, {"1234", "2026-03-15"}, {"99", "2026-10-01"}};

    @Test
    void stagesAndAtRiskVipsAgreeWithThePlantedTruthOverSeveralSeeds() {
        long hits = 0;
        long found = 0;
        long plantedTotal = 0;
        for (String[] w : WORLDS) {
            long seed = Long.parseLong(w[0]);
            PlantedWorld world = PlantedWorld.generate(seed, 2000, LocalDate.parse(w[1]));
            CustomerInsights insights = CustomerInsights.of(world.model(), world.engine());
            Map<String, String> planted = world.data().truth().customers().stream()
                    .collect(Collectors.toMap(DemoTruth.CustomerTruth::id, c -> c.stage().wireName()));

            Map<String, LifecycleStage> stages = insights.stages(LifecycleRules.defaults());
            Map<String, Integer> confusion = new TreeMap<>();
            stages.forEach((id, stage) -> confusion.merge(planted.get(id) + "->" + stage.wireName(), 1, Integer::sum));
            long agree = stages.entrySet().stream()
                    .filter(e -> e.getValue().wireName().equals(planted.get(e.getKey()))).count();
            double agreement = (double) agree / planted.size();

            Set<String> vips = insights.membersOf("vip");
            Set<String> atRiskVips = insights.membersOf("at_risk_customer").stream().filter(vips::contains)
                    .collect(Collectors.toSet());
            Set<String> cooling = vips.stream().filter(id -> planted.get(id).equals("cooling")).collect(Collectors.toSet());
            long h = atRiskVips.stream().filter(cooling::contains).count();
            double precision = (double) h / atRiskVips.size();
            double recall = (double) h / cooling.size();
            hits += h;
            found += atRiskVips.size();
            plantedTotal += cooling.size();

            System.out.printf("seed %d, today %s: stage agreement %.3f; at-risk VIPs %d found, %d planted cooling, "
                    + "precision %.3f, recall %.3f%n  planted->found %s%n", seed, w[1], agreement, atRiskVips.size(),
                    cooling.size(), precision, recall, confusion);
            assertThat(agreement).as("stage agreement, seed %d", seed).isGreaterThanOrEqualTo(0.85);
            assertThat(precision).as("precision of at-risk VIPs, seed %d", seed).isGreaterThanOrEqualTo(0.7);
            assertThat(recall).as("recall of at-risk VIPs, seed %d", seed).isGreaterThanOrEqualTo(0.7);
            assertThat(stages.values()).as("every stage occurs").contains(LifecycleStage.values());
        }
        System.out.printf("at-risk VIPs over all: precision %.3f, recall %.3f%n", (double) hits / found,
                (double) hits / plantedTotal);
        assertThat((double) hits / found).as("pooled precision").isGreaterThanOrEqualTo(0.8);
        assertThat((double) hits / plantedTotal).as("pooled recall").isGreaterThanOrEqualTo(0.8);
    }
}
