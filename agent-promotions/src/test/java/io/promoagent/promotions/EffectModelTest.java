package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.tool.WriteTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The prediction model: honest when history is thin, and right where the history follows its shape. */
class EffectModelTest {
    private static final EffectModel.Candidate TWENTY_PERCENT = new EffectModel.Candidate(0.2, 1000, 30, 60, 12, 1.0, 500);

    @Test
    void withoutHistoryItSaysWhatCannotBePredictedAndGivesNoNumber() {
        Prediction p = EffectModel.predict(List.of(), TWENTY_PERCENT);

        assertThat(p.redemptions()).isEmpty();
        assertThat(p.incrementalOrders()).isEmpty();
        assertThat(p.returnOnDiscount()).isEmpty();
        assertThat(p.notes()).anyMatch(n -> n.startsWith("redemptions cannot be predicted: 0 past promotions"))
                .anyMatch(n -> n.contains("0 past promotions have a control group"));
        assertThat(p.summary()).startsWith("; no prediction: redemptions cannot be predicted");
    }

    @Test
    void aHistoryThatFollowsTheResponseCurveIsPredictedInsideItsInterval() {
        SplittableRandom random = new SplittableRandom(7);
        List<EffectModel.Past> history = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double depth = 0.05 + 0.3 * random.nextDouble();
            long days = 10 + random.nextInt(50);
            double x = EffectModel.Past.response(depth);
            long redemptions = Math.round(1000 * 0.1 * x * Math.pow(days / 30.0, 0.5) * (0.9 + 0.2 * random.nextDouble()));
            history.add(new EffectModel.Past("P" + i, depth, 1000, days, redemptions,
                    Optional.of(0.2 * x + 0.01 * (random.nextDouble() - 0.5)), true, 1.0));
        }
        Prediction p = EffectModel.predict(history, TWENTY_PERCENT);

        double x = EffectModel.Past.response(0.2);
        assertThat(p.redemptions()).get().satisfies(r -> assertThat(r.covers(100 * x)).isTrue());
        assertThat(p.incrementalOrders()).get().satisfies(r -> assertThat(r.covers(1000 * 0.2 * x)).isTrue());
        assertThat(p.learnedFrom()).hasSize(12);
        assertThat(p.notes()).isEmpty();
    }

    @Test
    void tooFewOrdersToPriceAnOrderLeaveOutRevenueCostAndReturnAndSayWhy() {
        List<EffectModel.Past> history = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            double depth = 0.05 * (i + 1);
            history.add(new EffectModel.Past("P" + i, depth, 1000, 30, 20 + 10L * i,
                    Optional.of(0.2 * EffectModel.Past.response(depth)), true, 1.0));
        }
        EffectModel.Candidate thin = new EffectModel.Candidate(0.2, 1000, 30, 60, 12, 1.0,
                EffectModel.MIN_ORDER_HISTORY - 1);

        Prediction p = EffectModel.predict(history, thin);

        assertThat(p.redemptions()).isPresent();
        assertThat(p.incrementalOrders()).isPresent();
        assertThat(p.incrementalRevenue()).isEmpty();
        assertThat(p.discountCost()).isEmpty();
        assertThat(p.returnOnDiscount()).isEmpty();
        assertThat(p.notes()).containsExactly("revenue, cost and return cannot be predicted: the average order rests on "
                + "29 completed orders, and at least 30 are needed");
        assertThat(EffectModel.predict(history, TWENTY_PERCENT).returnOnDiscount()).isPresent();
    }

    @Test
    void createPromotionShowsThePredictionAndWhatItLearnedFrom() {
        Demo demo = new Demo(new InMemoryAuditSink());
        WriteTool create = (WriteTool) demo.tool(PromotionTools.CREATE);
        ChangeSet proposal = create.propose(Demo.call(PromotionTools.CREATE,
                "{\"discount_type\":\"percent\",\"discount_value\":20,\"audience_rule\":\"vip\"}"), Demo.as(Demo.MIA));

        JsonNode prediction = proposal.preview().get("prediction");
        assertThat(prediction.get("interval").asText()).isEqualTo("80%");
        assertThat(prediction.get("learned_from")).isNotEmpty();
        // Every figure is either predicted with an interval or explained in a note.
        if (!prediction.has("incremental_orders")) {
            assertThat(prediction.get("notes").toString()).contains("cannot be predicted");
        } else {
            JsonNode orders = prediction.get("incremental_orders");
            assertThat(orders.get("low").asDouble()).isLessThanOrEqualTo(orders.get("high").asDouble());
        }
        assertThat(proposal.summary()).containsAnyOf("; predicted ", "; no prediction: ");
    }
}
