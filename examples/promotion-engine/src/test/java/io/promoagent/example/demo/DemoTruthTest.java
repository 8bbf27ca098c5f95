package io.promoagent.example.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.promotions.Holdout;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The planted truth agrees with the data it caused, for several seeds. */
class DemoTruthTest {
    private static final LocalDate NOW = LocalDate.of(2026, 6, 30);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 7, -3, 20260630})
    void seasonalCustomersOrderOnlyInTheirSeasonAndHaveAtLeastThreeOrders(long seed) {
        DemoData data = DemoDataGenerator.generate(seed, 800, NOW);
        Map<String, List<Order>> orders = data.orders().stream().collect(Collectors.groupingBy(Order::customerId));

        for (DemoTruth.CustomerTruth customer : data.truth().customers()) {
            if (customer.cohort() != Cohort.YEAR_ROUND) {
                assertThat(orders.get(customer.id())).as(customer.id()).hasSizeGreaterThanOrEqualTo(3)
                        .allMatch(order -> customer.cohort().buysOn(order.orderDate()));
            }
        }
        assertThat(data.truth().customers()).filteredOn(customer -> customer.cohort() == Cohort.Q4_ONLY)
                .hasSizeBetween(20, 80);
        assertThat(data.truth().customers().stream().map(DemoTruth.CustomerTruth::stage).distinct())
                .containsExactlyInAnyOrder(LifecycleStage.values());
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {42, 7, -3, 20260630})
    void heldOutCustomersNeverRedeemAndTheControlGroupIsAboutItsShare(long seed) {
        DemoData data = DemoDataGenerator.generate(seed, 800, NOW);
        Map<String, Promotion> promotions =
                data.promotions().stream().collect(Collectors.toMap(Promotion::code, Function.identity()));

        for (Order order : data.orders()) {
            order.promotionCode().map(promotions::get).flatMap(Promotion::controlShare).ifPresent(share ->
                    assertThat(Holdout.inControl(order.promotionCode().get(), order.customerId(),
                            share.doubleValue())).as(order.id()).isFalse());
        }
        for (DemoTruth.PromotionTruth truth : data.truth().promotions()) {
            truth.controlShare().ifPresentOrElse(
                    share -> assertThat((double) truth.control() / truth.members())
                            .as(truth.code()).isBetween(share - 0.08, share + 0.08),
                    () -> assertThat(truth.control()).isZero());
            assertThat(truth.trueUplift()).isBetween(0.0, 0.9);
        }
    }

    @Test
    void promotionsThatMoveNobodyHaveNoUpliftAndTheOthersHaveSome() {
        DemoData data = DemoDataGenerator.generate(42, 2000, NOW);
        Map<String, DemoTruth.PromotionTruth> truths = data.truth().promotions().stream()
                .collect(Collectors.toMap(DemoTruth.PromotionTruth::code, Function.identity()));

        assertThat(truths.get("FREESHIP50").trueUplift()).isZero();
        assertThat(truths.get("FREESHIP50").incremental()).isZero();
        assertThat(truths.get("SUMMER25").trueUplift()).isGreaterThan(0.05);
        assertThat(truths.get("SUMMER25").incremental()).isPositive();
        // Only promotions that have run have a truth; the draft and the scheduled ones have not.
        assertThat(truths).doesNotContainKeys("LOYALTY50", "BACK2SCHOOL15");
    }
}
