package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.reply.Reply;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.demo.DemoDataGenerator;
import io.promoagent.example.server.ApiViews;
import io.promoagent.example.server.ServerMessages;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A prediction without a pending approval, what-ifs compared side by side, and "create it" through
 * {@code promo-agent ask} with the offline planner over the demo data; what the terminal prints of each, and
 * the approval card of the proposal made from a prediction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PredictThroughAskTest {

    static final LocalDate NOW = LocalDate.of(2026, 12, 6);

    private PromotionEngine engine;

    @BeforeAll
    void start() {
        engine = PromotionEngine.start(EngineOptions.demo(DemoDataGenerator.DEFAULT_SEED, 800, NOW));
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    private Reply ask(String session, String request) {
        Reply reply = engine.ask(DemoUsers.MARKETER, session, request, p -> { });
        assertThat(reply.usage().modelCalls()).as(request).isZero();
        return reply;
    }

    /** The reply as the page receives it over the WebSocket. */
    private static JsonNode json(Reply reply) throws Exception {
        JsonNode message = new ObjectMapper().readTree(ServerMessages.reply("r1", reply));
        assertThat(message.path("type").asText()).isEqualTo("reply");
        return message.path("reply");
    }

    private static JsonNode block(JsonNode reply, String type) {
        for (JsonNode b : reply.path("blocks")) {
            if (b.path("type").asText().equals(type)) {
                return b;
            }
        }
        throw new AssertionError("no " + type + " block in " + reply);
    }

    private long pending() {
        return engine.approvals().stream().filter(a -> a.status() == ApprovalStatus.PENDING).count();
    }

    private long proposalsAudited() {
        return engine.auditRecords(1, Integer.MAX_VALUE).stream().filter(r -> r.action() == AuditAction.PROPOSAL).count();
    }

    @Test
    void aPredictionProposesNothingAndCreateItProposesWhatWasPredicted() throws Exception {
        long pendingBefore = pending();
        long proposalsBefore = proposalsAudited();

        Reply predicted = ask("dry-run", "predict how a 20% VIP discount would perform");
        JsonNode preview = block(json(predicted), "preview");
        assertThat(preview.path("tool").asText()).isEqualTo("predict_promotion");
        assertThat(preview.path("proposes").asText()).isEqualTo("create_promotion");
        assertThat(preview.path("preview").path("prediction").path("interval").asText()).isEqualTo("80%");
        assertThat(pending()).isEqualTo(pendingBefore);
        assertThat(proposalsAudited()).as("no 'proposed' audit record").isEqualTo(proposalsBefore);
        String printed = ReplyText.render(predicted);
        System.out.println(printed);
        assertThat(printed).contains("A prediction only: nothing was proposed")
                .containsPattern("Prediction: -?\\d+ to \\d+ redemptions \\(80 % interval\\), most likely \\d+");

        Reply whatIf = ask("dry-run", "what if 15% instead");
        JsonNode table = block(json(whatIf), "table");
        assertThat(table.path("entity").asText()).isEqualTo("alternatives");
        assertThat(table.path("rows").get(0).path("alternative").asText()).isEqualTo("as predicted");
        assertThat(table.path("rows").get(1).path("discount_value").asText()).isEqualTo("15");
        assertThat(table.path("labels").path("prediction.redemptions").asText())
                .isEqualTo("redemptions (prediction, 80% interval)");
        String compared = ReplyText.render(whatIf);
        System.out.println(compared);
        // on its side: one line per figure, the two alternatives across
        assertThat(compared).containsPattern("(?m)^discount value +20 +15 *$")
                .containsPattern("(?m)^redemptions \\(prediction, 80% interval\\) +[-0-9.]+ \\(.*\\) +[-0-9.]+ \\(.*\\) *$");
        assertThat(pending()).isEqualTo(pendingBefore);

        Reply created = ask("dry-run", "create it");
        JsonNode approval = block(json(created), "approval");
        assertThat(approval.path("status").asText()).isEqualTo("pending");
        assertThat(approval.path("arguments").path("discount_value").asDouble()).isEqualTo(15.0);
        assertThat(approval.path("arguments").path("audience_rule").asText()).isEqualTo("vip");
        assertThat(pending()).isEqualTo(pendingBefore + 1);
        assertThat(proposalsAudited()).as("the proposal is audited").isGreaterThan(proposalsBefore);

        // the approver's card, as `promo-agent approvals show` prints it, says the prediction in words
        ApprovalRecord record = engine.approval(approval.path("approvalId").asText()).orElseThrow();
        String card = ApprovalCardText.render(new ObjectMapper().readTree(ApiViews.approval(record, true)), false);
        System.out.println(card);
        assertThat(card).containsPattern("Prediction: -?\\d+ to \\d+ redemptions \\(80 % interval\\), most likely \\d+")
                .containsPattern("Prediction: \\$[-0-9,.]+ to \\$[0-9,.]+ discount cost \\(80 % interval\\)")
                .contains("Learned from ");
    }

    @Test
    void onlyReachableVipsNarrowsThePredictedAudienceToBothRules() throws Exception {
        long pendingBefore = pending();
        JsonNode first = block(json(ask("reach", "predict how a 20% VIP discount would perform")), "preview");
        JsonNode reply = json(ask("reach", "what if only reachable VIPs"));
        JsonNode second = block(reply, "preview");
        JsonNode filter = second.path("arguments").path("audience_filter");
        assertThat(filter.path("type").asText()).isEqualTo("and");
        assertThat(filter.path("operands").findValuesAsText("rule")).containsExactlyInAnyOrder("vip", "reachable");
        assertThat(second.path("arguments").has("audience_rule")).isFalse();
        long vips = first.path("preview").path("impact").path("audience").path("size").asLong();
        assertThat(second.path("preview").path("impact").path("audience").path("size").asLong())
                .as("the audience is the reachable VIPs").isPositive().isLessThan(vips);
        JsonNode table = block(reply, "table");
        assertThat(table.path("columns").toString()).contains("audience_filter");
        assertThat(pending()).isEqualTo(pendingBefore);
    }

    @Test
    void aWhatIfAfterAProposalComparesTwoProposals() throws Exception {
        ask("proposal", "create a 25% discount for VIP customers");
        JsonNode reply = json(ask("proposal", "how about premium customers"));
        JsonNode table = block(reply, "table");
        assertThat(table.path("rows").get(0).path("audience_rule").asText()).isEqualTo("vip");
        assertThat(table.path("rows").get(1).path("audience_rule").asText()).isEqualTo("premium");
        assertThat(table.path("rows").get(0).path("alternative").asText()).startsWith("as proposed (");
        assertThat(reply.path("text").asText()).contains("Both are proposals awaiting approval");
    }
}
