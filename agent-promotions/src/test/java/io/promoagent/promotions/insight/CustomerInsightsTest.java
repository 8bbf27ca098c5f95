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
import java.util.Set;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
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
    void customersWhoBecameAtRiskAreAtRiskNowAndWereNotYetOverdueThatManyDaysAgo() {
        // by hand: overdue when the days since the last order exceed 1.25 usual gaps (first to last order over the
        // gaps in it; 60 days for a single order); a customer who became at risk in the last 60 days was not yet
        // overdue 60 days ago, when the last order was 60 days younger
        LocalDate today = LocalDate.now(DemoShop.CLOCK);
        Map<String, LocalDate> first = new java.util.HashMap<>();
        for (var order : DATA.rows("orders")) {
            LocalDate day = LocalDate.parse(order.valueOrNull("order_date").toString().substring(0, 10));
            first.merge(order.valueOrNull("customer_id").toString(), day, (a, b) -> a.isBefore(b) ? a : b);
        }
        Set<String> atRisk = insights.membersOf("at_risk_customer");
        Set<String> expected = new java.util.TreeSet<>();
        for (var customer : DATA.rows("customers")) {
            String id = customer.valueOrNull("id").toString();
            if (!atRisk.contains(id)) {
                continue;
            }
            LocalDate last = LocalDate.parse(customer.valueOrNull("last_order_date").toString());
            long orders = ((Number) customer.valueOrNull("order_count")).longValue();
            double gap = orders < 2 ? 60 : (double) ChronoUnit.DAYS.between(first.get(id), last) / (orders - 1);
            if (ChronoUnit.DAYS.between(last, today) - 60 <= 1.25 * gap) {
                expected.add(id);
            }
        }

        Set<String> became = new java.util.TreeSet<>(insights.membersOf("became_at_risk", Map.of("days", 60)));

        assertThat(became).isEqualTo(expected).isNotEmpty();
        assertThat(atRisk).containsAll(became).hasSizeGreaterThan(became.size());
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
