package io.promoagent.core.approval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.reply.ReplyJson;
import org.junit.jupiter.api.Test;

/** The card reads the previews the shipped tools write, and says their figures as people read them. */
class ApprovalCardTest {

    static JsonNode json(String text) throws Exception {
        return ReplyJson.mapper().readTree(text);
    }

    @Test
    void aPromotionsImpactEstimateGivesAudienceRangesMoneyAndShare() throws Exception {
        JsonNode preview = json("""
                {"impact": {"audience": {"size": 1290, "reachable": 970},
                            "redemptions": {"low": 9, "base": 14, "high": 22, "rate_per_customer_per_30_days": {"base": 0.0136}},
                            "cost": {"low": 1220.5, "base": 2350, "high": 4560.125, "budget": 5000, "base_share_of_budget": 0.4700}},
                 "warnings": ["SUMMER25: stacks"]}""");

        ApprovalCard card = ApprovalCard.of("Create promotion VIP25", 1, preview, "$");

        assertThat(card.lines()).containsExactly(
                "Create promotion VIP25",
                "Audience: 1,290 customers, 970 reachable by e-mail",
                "Predicted redemptions: 14 (likely 9 to 22)",
                "Predicted cost: $2,350.00 (likely $1,220.50 to $4,560.13) of a $5,000.00 budget (47%)",
                "Warning: SUMMER25: stacks");
    }

    @Test
    void aPredictionIsSaidAsARangeWithItsIntervalAndWhatItCouldNotPredict() throws Exception {
        JsonNode preview = json("""
                {"prediction": {"interval": "80%",
                                "redemptions": {"low": 12, "base": 19, "high": 30},
                                "incremental_orders": {"low": -2.4, "base": 6.2, "high": 14.9},
                                "discount_cost": {"low": 310.5, "base": 480, "high": 1210.25},
                                "learned_from": ["SUMMER25", "SPRING20", "APP10"],
                                "uplift_learned_from": ["SUMMER25", "SPRING20"],
                                "notes": ["revenue, cost and return cannot be predicted: the average order rests on 12 completed orders, and at least 30 are needed"]}}""");

        ApprovalCard card = ApprovalCard.of("Create promotion VIP20", 1, preview, "$");

        assertThat(card.figures()).containsExactly(
                "Prediction: 12 to 30 redemptions (80 % interval), most likely 19",
                "Prediction: -2 to 15 incremental orders caused by the offer (80 % interval), most likely 6",
                "Prediction: $310.50 to $1,210.25 discount cost (80 % interval), most likely $480.00",
                "Learned from 3 past promotions, the effect from 2 control groups",
                "Not predicted: revenue, cost and return cannot be predicted: the average order rests on 12 completed"
                        + " orders, and at least 30 are needed");
    }

    @Test
    void withNoHistoryThePredictionIsOnlyWhatCannotBePredicted() throws Exception {
        JsonNode preview = json("""
                {"prediction": {"interval": "80%", "learned_from": [], "uplift_learned_from": [],
                                "notes": ["redemptions cannot be predicted: 0 past promotions with a fixed audience, and at least 5 are needed"]}}""");

        assertThat(ApprovalCard.of("Create promotion X", 1, preview, "$").figures()).containsExactly(
                "Not predicted: redemptions cannot be predicted: 0 past promotions with a fixed audience, and at least 5"
                        + " are needed");
    }

    @Test
    void aSendGivesRecipientsWhoWasLeftOutAndWhoAlreadyReceivedIt() throws Exception {
        JsonNode preview = json("""
                {"recipients": 8, "skippedTotal": 3, "skipped": {"not_opted_in": 2, "bounced": 1},
                 "promotion": "VIP25", "alreadyReceived": 3, "sample": {"to": "john@example.com"}}""");

        ApprovalCard card = ApprovalCard.of("Send \u201c25% off\u201d to 8 recipients", 8, preview, "\u20ac");

        assertThat(card.counts()).containsExactly("Recipients: 8 customers; 3 left out (2 not opted in, 1 bounced)",
                "3 already received an e-mail about it and are left out; resend to them? (propose the send again with resend)");
        assertThat(card.figures()).isEmpty();
        assertThat(String.join("\n", card.lines())).doesNotContain("john@example.com");
    }

    @Test
    void aStatusChangeAndAnUnknownPreviewFallBackToWhatIsKnown() throws Exception {
        assertThat(ApprovalCard.of("Pause SUMMER25", 1, json("{\"from\": \"active\", \"to\": \"paused\"}"), "$").counts())
                .containsExactly("Status: active \u2192 paused");
        assertThat(ApprovalCard.of("Something", 3, json("{}"), "$").lines()).containsExactly("Something", "Affects 3 records");
    }
}
