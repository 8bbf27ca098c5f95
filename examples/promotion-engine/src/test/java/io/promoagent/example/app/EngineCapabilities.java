package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Block;
import io.promoagent.core.reply.ErrorBlock;
import io.promoagent.core.reply.MetricBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.security.Principal;
import io.promoagent.core.ToolEffect;
import io.promoagent.email.EmailMessage;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The prototype's capabilities (issue 7), checked the same way whichever orchestrator turns the requests
 * into tool calls: each subclass says how a request reaches the engine. One engine (DynamoDB Local loaded
 * with the demo data) serves all the tests of a subclass, so each test leaves the data as it found it
 * (a created promotion is rolled back) and looks only at what it added to the outbox and the approvals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EngineCapabilities {

    static final Principal ANALYST = DemoUsers.ANALYST;
    static final Principal MARKETER = DemoUsers.MARKETER;
    static final Principal APPROVER = DemoUsers.APPROVER;

    final DemoFacts facts = new DemoFacts();
    PromotionEngine engine;

    abstract PromotionEngine start();

    /** "Show VIP customers", asked by the analyst. */
    abstract Reply showVipCustomers();

    /** "Create 25% VIP discount", asked by the marketer. */
    abstract Reply createVipDiscount();

    /** "Email john@example.com about new promotion", asked by the marketer. */
    abstract Reply emailJohnByAddress();

    /** "email all reachable VIP customers about the VIP25 promotion", asked by the marketer. */
    abstract Reply emailReachableVips();

    /** The stored promotion with this code, read through the agent's query tool. */
    abstract Optional<Map<String, Object>> promotionWithCode(String code);

    @BeforeAll
    void startEngine() {
        engine = start();
    }

    @AfterAll
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void showVipCustomersAnswersWithATableOfExactlyTheVipCustomers() {
        Reply reply = showVipCustomers();

        assertThat(reply.blocks(ErrorBlock.class)).isEmpty();
        TableBlock table = single(reply, TableBlock.class);
        assertThat(table.entity()).isEqualTo("customers");
        assertThat(table.rows()).extracting(r -> r.get("id")).containsExactlyInAnyOrderElementsOf(facts.vipIds());
        assertThat(table.total()).isEqualTo(facts.vipIds().size());
        assertThat(reply.blocks(ApprovalBlock.class)).isEmpty();
    }

    @Test
    void aVipDiscountWaitsForAnApproverWithItsImpactEstimateAndARollbackRemovesIt() {
        int approvalsBefore = engine.approvals().size();
        Reply reply = createVipDiscount();

        ApprovalBlock proposal = single(reply, ApprovalBlock.class);
        assertThat(proposal.tool()).isEqualTo("create_promotion");
        assertThat(proposal.effect()).isEqualTo(ToolEffect.WRITE);
        assertThat(proposal.status()).isEqualTo("pending");
        assertThat(proposal.affectedCount()).isEqualTo(1);
        JsonNode promotion = proposal.preview().path("promotion");
        String code = promotion.path("code").asText();
        assertThat(promotion.path("discount_type").asText()).isEqualTo("percent");
        assertThat(promotion.path("discount_value").decimalValue()).isEqualByComparingTo("25");
        assertThat(promotion.path("audience_rule").asText()).isEqualTo("vip");
        JsonNode impact = proposal.preview().path("impact");
        assertThat(impact.at("/audience/size").asInt()).isEqualTo(facts.vips().size());
        assertThat(impact.at("/audience/reachable").asInt()).isEqualTo(facts.reachableVipAddresses().size());
        JsonNode redemptions = impact.path("redemptions");
        assertThat(redemptions.path("low").asInt()).isLessThanOrEqualTo(redemptions.path("base").asInt());
        assertThat(redemptions.path("base").asInt()).isLessThanOrEqualTo(redemptions.path("high").asInt());
        assertThat(redemptions.path("method").asText()).isNotBlank();
        assertThat(impact.path("cost").isObject()).as("the expected cost in %s", impact).isTrue();
        assertThat(proposal.summary()).contains(code, facts.vips().size() + " customers in the audience");

        // nothing is written before approval, and a marketer cannot approve
        assertThat(promotionWithCode(code)).isEmpty();
        assertThat(engine.approvals()).hasSize(approvalsBefore + 1);
        assertThat(status(proposal)).isEqualTo(ApprovalStatus.PENDING);
        Reply byMarketer = engine.approve(MARKETER, proposal.approvalId(), "looks good");
        assertThat(single(byMarketer, ErrorBlock.class).code()).isEqualTo(ApprovalException.NOT_AN_APPROVER);
        assertThat(status(proposal)).isEqualTo(ApprovalStatus.PENDING);
        assertThat(promotionWithCode(code)).isEmpty();

        // the approver approves: the promotion exists as previewed
        Reply approved = engine.approve(APPROVER, proposal.approvalId(), "within budget");
        assertThat(approved.blocks(ErrorBlock.class)).isEmpty();
        assertThat(single(approved, MetricBlock.class).value()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(status(proposal)).isEqualTo(ApprovalStatus.APPLIED);
        Map<String, Object> stored = promotionWithCode(code).orElseThrow();
        assertThat(stored).containsEntry("id", promotion.path("id").asText()).containsEntry("status", "active")
                .containsEntry("audience_rule", "vip");
        assertThat((BigDecimal) stored.get("discount_value")).isEqualByComparingTo("25");

        // rolling back is proposed like any change, and removes the promotion once approved
        Reply rollback = engine.rollback(MARKETER, proposal.changeSetId());
        ApprovalBlock undo = single(rollback, ApprovalBlock.class);
        assertThat(undo.status()).isEqualTo("pending");
        assertThat(undo.affectedCount()).isEqualTo(1);
        assertThat(promotionWithCode(code)).as("before the rollback is approved").isPresent();
        Reply undone = engine.approve(APPROVER, undo.approvalId(), "undo the test promotion");
        assertThat(undone.blocks(ErrorBlock.class)).isEmpty();
        assertThat(promotionWithCode(code)).isEmpty();
        ApprovalRecord undoRecord = engine.approvals().stream().filter(r -> r.approvalId().equals(undo.approvalId()))
                .findFirst().orElseThrow();
        assertThat(undoRecord.status()).isEqualTo(ApprovalStatus.APPLIED);
        assertThat(undoRecord.rollbackOf()).contains(proposal.changeSetId());

        assertThat(engine.verifyAudit().valid()).as("%s", engine.verifyAudit()).isTrue();
    }

    @Test
    void anEmailToJohnWaitsForApprovalWithTheRenderedMessageAndIsSentOnceWithUnsubscribeHeaders() {
        int sentBefore = engine.outbox().size();
        Reply reply = emailJohnByAddress();

        ApprovalBlock proposal = single(reply, ApprovalBlock.class);
        assertThat(proposal.tool()).isEqualTo("send_email");
        assertThat(proposal.effect()).isEqualTo(ToolEffect.SEND);
        assertThat(proposal.affectedCount()).isEqualTo(1);
        JsonNode preview = proposal.preview();
        assertThat(preview.path("recipients").asInt()).isEqualTo(1);
        assertThat(preview.path("promotion").asText()).isEqualTo(facts.newestActivePromotionCode());
        JsonNode sample = preview.path("sample");
        assertThat(sample.path("to").asText()).contains(DemoFacts.JOHN_SMITH);
        assertThat(sample.path("subject").asText()).isNotBlank();
        assertThat(sample.path("text").asText()).contains(facts.johnSmith().firstName());
        assertThat(sample.path("html").asText()).isNotBlank();
        assertThat(sample.at("/headers/List-Unsubscribe").asText()).isNotBlank();

        // nothing is sent before approval
        assertThat(engine.outbox()).hasSize(sentBefore);
        assertThat(status(proposal)).isEqualTo(ApprovalStatus.PENDING);

        assertThat(engine.approve(APPROVER, proposal.approvalId(), "ok").blocks(ErrorBlock.class)).isEmpty();
        List<EmailMessage> sent = sentSince(sentBefore);
        assertThat(sent).singleElement().satisfies(m -> {
            assertThat(m.to().address()).isEqualTo(DemoFacts.JOHN_SMITH);
            assertThat(m.subject()).isEqualTo(sample.path("subject").asText());
            assertThat(m.headers().get("List-Unsubscribe")).startsWith("<https://").endsWith(">");
            assertThat(m.headers()).containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        });

        // approving again is refused and sends nothing more
        assertThat(engine.approve(APPROVER, proposal.approvalId(), "again").blocks(ErrorBlock.class)).isNotEmpty();
        assertThat(engine.outbox()).hasSize(sentBefore + 1);
    }

    @Test
    void anEmailToTheReachableVipsCountsWhoIsSkippedAndReachesEachReachableVipOnce() {
        assertThat(facts.unreachableVipsByReason()).as("the data has VIPs who opted out and whose mail bounced")
                .containsKeys("not_opted_in", "bounced");
        int sentBefore = engine.outbox().size();
        Reply reply = emailReachableVips();

        ApprovalBlock proposal = single(reply, ApprovalBlock.class);
        assertThat(proposal.tool()).isEqualTo("send_email");
        assertThat(proposal.affectedCount()).isEqualTo(facts.reachableVipAddresses().size());
        JsonNode preview = proposal.preview();
        assertThat(preview.path("recipients").asInt()).isEqualTo(facts.reachableVipAddresses().size());
        assertThat(preview.path("promotion").asText()).isEqualTo("VIP25");
        Map<String, Integer> skipped = new TreeMap<>();
        preview.path("skipped").properties().forEach(e -> skipped.put(e.getKey(), e.getValue().asInt()));
        assertThat(skipped).isEqualTo(facts.unreachableVipsByReason());
        assertThat(preview.path("skippedTotal").asInt()).isEqualTo(facts.vips().size() - facts.reachableVipAddresses().size());

        assertThat(engine.outbox()).hasSize(sentBefore);
        assertThat(engine.approve(APPROVER, proposal.approvalId(), "ok").blocks(ErrorBlock.class)).isEmpty();
        assertThat(sentSince(sentBefore)).extracting(m -> m.to().address())
                .containsExactlyInAnyOrderElementsOf(facts.reachableVipAddresses());
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    static <T extends Block> T single(Reply reply, Class<T> kind) {
        List<T> found = reply.blocks(kind);
        assertThat(found).as("the %s blocks of the reply %s", kind.getSimpleName(), reply).hasSize(1);
        return found.get(0);
    }

    ApprovalStatus status(ApprovalBlock block) {
        return engine.approvals().stream().filter(r -> r.approvalId().equals(block.approvalId())).findFirst()
                .orElseThrow().status();
    }

    List<EmailMessage> sentSince(int before) {
        List<EmailMessage> all = engine.outbox();
        return List.copyOf(all.subList(before, all.size()));
    }

    /** Asserts that nothing was proposed, applied or sent since the counts were taken. */
    void assertNothingWritten(int approvalsBefore, int sentBefore, Reply reply) {
        assertThat(reply.blocks(ApprovalBlock.class)).isEmpty();
        assertThat(engine.approvals()).hasSize(approvalsBefore);
        assertThat(engine.outbox()).hasSize(sentBefore);
    }
}
