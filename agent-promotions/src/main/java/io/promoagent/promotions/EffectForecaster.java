package io.promoagent.promotions;

import io.promoagent.promotions.insight.SeasonalIndices;
import io.promoagent.promotions.insight.CustomerInsights;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the history {@link EffectModel} learns from, through the query engine: each past promotion's audience
 * on its first day, the days it ran, its redemptions, its depth against its audience's average order, and
 * the uplift its control group measured.
 */
final class EffectForecaster {
    private final PromotionCatalogue catalogue;
    private final PromotionSettings settings;
    private final CustomerInsights seasonality;

    EffectForecaster(PromotionCatalogue catalogue, PromotionSettings settings) {
        this.catalogue = catalogue;
        this.settings = settings;
        this.seasonality = catalogue.insights();
    }

    /** The past promotions: started before today and having run (active, paused or expired). */
    List<EffectModel.Past> history(List<StoredPromotion> stored, LocalDate today) {
        List<Promotion> ran = stored.stream().map(StoredPromotion::promotion)
                .filter(p -> p.status().hasRun() && p.startsAt().isBefore(today)).toList();
        Map<String, List<Row>> orders = catalogue.ordersWithCodes(ran.stream().map(Promotion::code).toList());
        List<EffectModel.Past> history = new ArrayList<>();
        SeasonalIndices seasons = seasonality.seasonalIndices(Optional.empty());
        for (Promotion p : ran) {
            LocalDate last = p.endsAt().isBefore(today) ? p.endsAt() : today;
            long days = ChronoUnit.DAYS.between(p.startsAt(), last) + 1;
            long members = catalogue.audienceOnFirstDay(p).size();
            MeasuredUplift measured = UpliftMeasurement.measure(catalogue, p, today);
            Optional<Double> uplift = measured.isMeasured() ? Optional.of(measured.uplift().estimate()) : Optional.empty();
            history.add(new EffectModel.Past(p.code(), depth(p, averageOrder(p)), members, days,
                    orders.get(p.code()).size(), uplift, catalogue.isSteady(p.audience(), p.startsAt(), last),
                    season(seasons, p.startsAt())));
        }
        return history;
    }

    /** The prediction for a promotion not yet run, from every past promotion but itself. */
    Prediction predict(Promotion candidate, List<StoredPromotion> stored, LocalDate today, long audienceNow) {
        List<EffectModel.Past> history = history(stored, today).stream()
                .filter(p -> !p.code().equals(candidate.code())).toList();
        return EffectModel.predict(history, candidate(candidate, audienceNow, candidate.days()));
    }

    /** The model's question for a promotion of this shape, audience, length and start. */
    EffectModel.Candidate candidate(Promotion promotion, long members, long days) {
        PromotionCatalogue.AverageOrder aov = averageOrderOf(promotion);
        double average = aov.value().map(BigDecimal::doubleValue).orElse(0.0);
        return new EffectModel.Candidate(depth(promotion, average), members, days, average,
                discountPerRedemption(promotion, average),
                season(seasonality.seasonalIndices(Optional.empty()), promotion.startsAt()), aov.orders());
    }

    /** The seasonal index of the month a promotion starts in; 1 (an ordinary month) when there is no history. */
    private static double season(SeasonalIndices seasons, LocalDate start) {
        if (!seasons.byGroup().containsKey(SeasonalIndices.ALL)) {
            return 1;
        }
        double index = seasons.index(SeasonalIndices.ALL, start.getMonthValue());
        return index > 0 ? index : 1;
    }

    private double averageOrder(Promotion p) {
        return averageOrderOf(p).value().map(BigDecimal::doubleValue).orElse(0.0);
    }

    /** The audience's average completed order, or every customer's when the audience has none yet. */
    private PromotionCatalogue.AverageOrder averageOrderOf(Promotion p) {
        PromotionCatalogue.AverageOrder aov = catalogue.averageOrderValue(p.audience().filter(), p.minOrderTotal());
        if (aov.value().isEmpty()) {
            aov = catalogue.averageOrderValue(Optional.empty(), p.minOrderTotal());
        }
        return aov;
    }

    /** The discount as a share of the average order it applies to. */
    private double depth(Promotion p, double averageOrder) {
        if (averageOrder <= 0) {
            return 0;
        }
        return Math.min(1, discountPerRedemption(p, averageOrder) / averageOrder);
    }

    private double discountPerRedemption(Promotion p, double averageOrder) {
        return switch (p.discountType()) {
            case PERCENT -> averageOrder * p.discountValue().doubleValue() / 100;
            case FIXED -> Math.min(p.discountValue().doubleValue(), averageOrder);
            case FREE_SHIPPING -> settings.shippingCost().doubleValue();
        };
    }
}
