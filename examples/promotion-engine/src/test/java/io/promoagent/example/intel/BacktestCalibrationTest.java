package io.promoagent.example.intel;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.example.demo.DemoTruth;
import io.promoagent.promotions.Prediction;
import io.promoagent.promotions.PromotionForecasts;
import io.promoagent.promotions.PromotionSettings;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The prediction model's 80 % intervals are calibrated, not just wide: over leave-one-out backtests of ten
 * generated data sets, the intervals of redemptions (against what happened) and of uplift (against the planted
 * truth) together cover between 70 % and 90 %, as {@code bench backtest} counts {@code coverage80}.
 */
class BacktestCalibrationTest {

    @Test
    void eightyPercentIntervalsCoverBetweenSeventyAndNinetyPercentOfPastPromotions() {
        SplittableRandom seeds = new SplittableRandom(80);
        int redemptionCases = 0;
        int redemptionsCovered = 0;
        int upliftCases = 0;
        int upliftCovered = 0;
        for (int i = 0; i < 10; i++) {
            long seed = seeds.nextLong();
            PlantedWorld world = PlantedWorld.generate(seed, 2000, LocalDate.of(2026, 6, 30));
            Map<String, DemoTruth.PromotionTruth> truth = world.data().truth().promotions().stream()
                    .collect(Collectors.toMap(DemoTruth.PromotionTruth::code, Function.identity()));
            List<PromotionForecasts.BacktestCase> cases = PromotionForecasts.of(world.model(), world.engine(),
                    world.clock(), PromotionSettings.defaults()).leaveOneOut();
            for (PromotionForecasts.BacktestCase c : cases) {
                if (c.predicted().redemptions().isPresent()) {
                    Prediction.Range r = c.predicted().redemptions().get();
                    redemptionCases++;
                    if (r.covers(c.redemptions())) {
                        redemptionsCovered++;
                    } else {
                        System.out.printf("seed %d %s: %d redemptions outside [%.1f, %.1f]%n", seed, c.code(),
                                c.redemptions(), r.low(), r.high());
                    }
                }
                if (c.predictedUplift().isPresent() && truth.containsKey(c.code())) {
                    upliftCases++;
                    if (c.predictedUplift().get().covers(truth.get(c.code()).trueUplift())) {
                        upliftCovered++;
                    }
                }
            }
        }
        double redemptionCoverage = (double) redemptionsCovered / redemptionCases;
        double upliftCoverage = (double) upliftCovered / upliftCases;
        System.out.printf("backtest: redemptions %d/%d covered (%.3f); uplift %d/%d covered (%.3f)%n",
                redemptionsCovered, redemptionCases, redemptionCoverage, upliftCovered, upliftCases, upliftCoverage);
        double coverage = (double) (redemptionsCovered + upliftCovered) / (redemptionCases + upliftCases);
        System.out.printf("backtest coverage80 over both: %.3f%n", coverage);
        assertThat(coverage).isBetween(0.7, 0.9);
        assertThat(redemptionCoverage).isBetween(0.6, 0.95);
        assertThat(upliftCoverage).isBetween(0.6, 0.95);
    }
}
