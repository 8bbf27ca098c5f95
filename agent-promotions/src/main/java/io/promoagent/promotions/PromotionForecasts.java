package io.promoagent.promotions;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Predictions of promotions' effects, as {@code create_promotion} shows them, and their check against the
 * past: each past promotion predicted from the others only (leave one out) next to what it did.
 */
public final class PromotionForecasts {
    private final PromotionCatalogue catalogue;
    private final EffectForecaster forecaster;
    private final Clock clock;

    private PromotionForecasts(PromotionCatalogue catalogue, EffectForecaster forecaster, Clock clock) {
        this.catalogue = catalogue;
        this.forecaster = forecaster;
        this.clock = clock;
    }

    public static PromotionForecasts of(DataModel model, QueryEngine engine, Clock clock, PromotionSettings settings) {
        PromotionCatalogue catalogue = new PromotionCatalogue(model, engine);
        return new PromotionForecasts(catalogue, new EffectForecaster(catalogue, settings), clock);
    }

    /**
     * One past promotion, predicted from the others, and what it did.
     *
     * @param members        its audience on its first day
     * @param redemptions    the orders that carried its code
     * @param measuredUplift the uplift its control group measured, when it has one big enough
     */
    public record BacktestCase(String code, Prediction predicted, long members, long days, long redemptions,
            Optional<Double> measuredUplift) {

        /** The predicted uplift (incremental orders per member), when the model could predict one. */
        public Optional<Prediction.Range> predictedUplift() {
            return predicted.incrementalOrders().map(o -> new Prediction.Range(o.low() / members, o.base() / members,
                    o.high() / members));
        }
    }

    /** Every past promotion predicted from all the others. */
    public List<BacktestCase> leaveOneOut() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<StoredPromotion> stored = catalogue.all();
        Map<String, Promotion> byCode = stored.stream()
                .collect(Collectors.toMap(StoredPromotion::code, StoredPromotion::promotion, (a, b) -> a));
        List<EffectModel.Past> history = forecaster.history(stored, today);
        Map<String, EffectModel.Past> pastByCode =
                history.stream().collect(Collectors.toMap(EffectModel.Past::code, Function.identity()));
        List<BacktestCase> cases = new ArrayList<>();
        for (EffectModel.Past past : history) {
            if (past.members() == 0) {
                continue;
            }
            List<EffectModel.Past> others = history.stream().filter(p -> !p.code().equals(past.code())).toList();
            EffectModel.Candidate candidate = forecaster.candidate(byCode.get(past.code()), past.members(), past.days());
            Prediction predicted = EffectModel.predict(others, candidate);
            if (!past.steadyAudience()) {
                // Its own redemptions per member are undefined (see EffectModel), so there is nothing to compare.
                predicted = new Prediction(Optional.empty(), predicted.incrementalOrders(),
                        predicted.incrementalRevenue(), Optional.empty(), Optional.empty(),
                        predicted.learnedFrom(), predicted.upliftLearnedFrom(), List.of("its audience changed while it "
                        + "ran, so its redemptions per member are not compared"));
            }
            cases.add(new BacktestCase(past.code(), predicted, past.members(), past.days(),
                    pastByCode.get(past.code()).redemptions(), past.uplift()));
        }
        return cases;
    }
}
