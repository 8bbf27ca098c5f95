package io.promoagent.example.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.example.demo.DemoTruth;
import io.promoagent.promotions.PromotionTools;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code promotion_performance}'s measured uplift is honest: over 20 generated data sets, its 95 % interval
 * covers the uplift the generator planted for at least 90 % of the promotions with a control group.
 */
class MeasuredUpliftCoverageTest {

    @Test
    void theNinetyFivePercentIntervalCoversThePlantedUpliftForAtLeastNinetyPercentOfPromotions() {
        SplittableRandom seeds = new SplittableRandom(18);
        int measured = 0;
        int covered = 0;
        for (int i = 0; i < 20; i++) {
            long seed = seeds.nextLong();
            PlantedWorld world = PlantedWorld.generate(seed, 2000, LocalDate.of(2026, 6, 30));
            ToolResult result = world.read(PromotionTools.PERFORMANCE, "{}");
            Map<String, Map<String, Object>> rows = ((TableBlock) result.blocks().get(0)).rows().stream()
                    .collect(Collectors.toMap(row -> (String) row.get("code"), Function.identity()));
            for (DemoTruth.PromotionTruth truth : world.data().truth().promotions()) {
                if (truth.controlShare().isEmpty()) {
                    assertThat(rows.get(truth.code())).doesNotContainKey("uplift");
                    continue;
                }
                Map<String, Object> row = rows.get(truth.code());
                assertThat(row).as("seed %d %s", seed, truth.code()).containsKeys("uplift_low", "uplift_high");
                double low = ((BigDecimal) row.get("uplift_low")).doubleValue();
                double high = ((BigDecimal) row.get("uplift_high")).doubleValue();
                assertThat(((BigDecimal) row.get("treated_members")).intValue()
                        + ((BigDecimal) row.get("control_members")).intValue())
                        .as("seed %d %s members", seed, truth.code()).isEqualTo(truth.members());
                measured++;
                boolean covers = low - 0.00005 <= truth.trueUplift() && truth.trueUplift() <= high + 0.00005;
                if (covers) {
                    covered++;
                } else {
                    System.out.printf("seed %d %s: planted %.4f outside [%.4f, %.4f]%n", seed, truth.code(),
                            truth.trueUplift(), low, high);
                }
            }
        }
        double coverage = (double) covered / measured;
        System.out.printf("measured uplift: 95%% intervals cover the planted uplift for %d of %d promotions (%.3f)%n",
                covered, measured, coverage);
        assertThat(measured).isGreaterThanOrEqualTo(80);
        assertThat(coverage).isGreaterThanOrEqualTo(0.9);
    }
}
