package io.promoagent.promotions.insight;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.test.DataFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The analyses over the 60-customer demo export, through a real query engine. */
class CustomerInsightsTest {
    private static final DataModel MODEL = DemoShop.model();
    private static final DataFixture DATA = DataFixture.loadResources(MODEL, DemoShop.class, DemoShop.DATA);
    private final QueryEngine engine =
            QueryEngine.builder(MODEL).source(DATA.inMemorySource()).clock(DemoShop.CLOCK).build();
    private final CustomerInsights insights = CustomerInsights.of(MODEL, engine);

    @Test
    void everyCustomerGetsExactlyOneStage() {
        Map<String, LifecycleStage> stages = insights.stages(LifecycleRules.defaults());

        assertThat(stages).hasSize(DATA.rows("customers").size());
        assertThat(stages.values()).doesNotContainNull();
    }

    @Test
    void aThresholdGivenAsAnArgumentMovesCustomersBetweenStages() {
        Map<String, LifecycleStage> usual = insights.stages(LifecycleRules.defaults());
        List<LifecycleRules.StageRule> stricter = new ArrayList<>(LifecycleRules.defaults().stages());
        // Overdue after 0.5 of a customer's usual gap instead of 1.25: customers between the two become at risk.
        stricter.set(3, new LifecycleRules.StageRule(LifecycleStage.ACTIVE, "at_risk_customer",
                Map.of("to_days", 365, "factor", new java.math.BigDecimal("0.5")), true));
        stricter.set(4, new LifecycleRules.StageRule(LifecycleStage.COOLING, "at_risk_customer",
                Map.of("factor", new java.math.BigDecimal("0.5"))));
        LifecycleRules rules = new LifecycleRules(stricter, List.of(), 365, LifecycleStage.LAPSED);

        Map<String, LifecycleStage> strict = insights.stages(rules);

        long usualActive = usual.values().stream().filter(LifecycleStage.ACTIVE::equals).count();
        long strictActive = strict.values().stream().filter(LifecycleStage.ACTIVE::equals).count();
        assertThat(strictActive).isLessThan(usualActive);
        strict.forEach((id, stage) -> {
            if (stage == LifecycleStage.ACTIVE) {
                assertThat(usual.get(id)).isEqualTo(LifecycleStage.ACTIVE);
            }
        });
    }

    @Test
    void seasonalCustomersOrderedOnlyInTheFourthQuarter() {
        for (String id : insights.membersOf("seasonal_customer")) {
            assertThat(DATA.rows("orders")).filteredOn(order -> id.equals(order.valueOrNull("customer_id")))
                    .hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(order -> assertThat(order.valueOrNull("order_month").toString())
                            .matches("\\d{4}-1[0-2]"));
        }
    }

    @Test
    void theIndicesOfAllMonthsAverageOne() {
        SeasonalIndices indices = insights.seasonalIndices(Optional.empty());

        assertThat(indices.byGroup().get(SeasonalIndices.ALL)).hasSize(12);
        assertThat(indices.byGroup().get(SeasonalIndices.ALL).stream().mapToDouble(Double::doubleValue).average()
                .orElseThrow()).isCloseTo(1.0, Offset.offset(0.01));
        assertThat(indices.peakMonth(SeasonalIndices.ALL)).isBetween(1, 12);
    }
}
