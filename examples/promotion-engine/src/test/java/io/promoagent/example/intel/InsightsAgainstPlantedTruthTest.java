package io.promoagent.example.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.example.demo.Cohort;
import io.promoagent.example.demo.DemoTruth;
import io.promoagent.promotions.insight.CustomerInsights;
import io.promoagent.promotions.insight.LifecycleRules;
import io.promoagent.promotions.insight.LifecycleStage;
import io.promoagent.promotions.insight.SeasonalIndices;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The analyses find what the generator planted in the default demo data set (seed 42, 2,000 customers). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InsightsAgainstPlantedTruthTest {
    private PlantedWorld world;
    private CustomerInsights insights;

    @BeforeAll
    void generate() {
        world = PlantedWorld.generate(42, 2000, LocalDate.of(2026, 6, 30));
        insights = CustomerInsights.of(world.model(), world.engine());
    }

    @Test
    void theQ4OnlyCohortIsFoundWithPrecisionAndRecallOfAtLeastNinetyPercent() {
        assertCohortFound("seasonal_customer", Cohort.Q4_ONLY);
    }

    @Test
    void theSummerCohortIsFoundWithPrecisionAndRecallOfAtLeastNinetyPercent() {
        assertCohortFound("summer_buyer", Cohort.SUMMER);
    }

    private void assertCohortFound(String rule, Cohort cohort) {
        Set<String> found = insights.membersOf(rule);
        Set<String> planted = world.data().truth().customers().stream().filter(c -> c.cohort() == cohort)
                .map(DemoTruth.CustomerTruth::id).collect(Collectors.toSet());
        long hits = found.stream().filter(planted::contains).count();
        double precision = (double) hits / found.size();
        double recall = (double) hits / planted.size();
        System.out.printf("%s: %d found, %d planted, precision %.3f, recall %.3f%n", rule, found.size(),
                planted.size(), precision, recall);
        assertThat(precision).as("precision of " + rule).isGreaterThanOrEqualTo(0.9);
        assertThat(recall).as("recall of " + rule).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theLifecycleStageAgreesWithThePlantedStageForAtLeast85PercentOfCustomers() {
        Map<String, LifecycleStage> stages = insights.stages(LifecycleRules.defaults());
        long agree = world.data().truth().customers().stream()
                .filter(c -> stages.get(c.id()).wireName().equals(c.stage().wireName())).count();
        double agreement = (double) agree / world.data().truth().customers().size();
        System.out.printf("lifecycle stage agreement: %.3f%n", agreement);
        assertThat(agreement).isGreaterThanOrEqualTo(0.85);
        assertThat(stages.values()).contains(LifecycleStage.values());
    }

    @Test
    void theSeasonalIndicesShowTheFourthQuarterPeakAndTheSummerBuyers() {
        SeasonalIndices indices = insights.seasonalIndices(Optional.of("customer.segment"));

        assertThat(indices.monthsObserved()).isEqualTo(22);
        assertThat(indices.index(SeasonalIndices.ALL, 11)).isGreaterThan(1.1);
        assertThat(indices.index(SeasonalIndices.ALL, 2)).isLessThan(1.0);
        assertThat(indices.byGroup()).containsKeys("VIP", "Premium", "Regular");
        double mean = indices.byGroup().get(SeasonalIndices.ALL).stream().mapToDouble(Double::doubleValue)
                .average().orElseThrow();
        assertThat(mean).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
    }
}
