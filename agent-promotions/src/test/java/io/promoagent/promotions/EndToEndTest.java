package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.audit.AuditVerifier;
import io.promoagent.core.audit.ChainedAuditSink;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.audit.InMemoryAuditStore;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.LlmOrchestrator;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.policy.RolePolicy;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.test.ReplyAssert;
import io.promoagent.test.ScriptedChatModel;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The prototype's promotion requests through the LLM orchestrator, with a scripted model standing in for the LLM. */
class EndToEndTest {

    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final InMemoryAuditStore chain = new InMemoryAuditStore();
    final ChainedAuditSink chained = new ChainedAuditSink(chain);
    final Demo demo = new Demo(event -> {
        audit.record(event);
        chained.record(event);
    });
    final ToolExecutor executor = ToolExecutor.builder(ToolRegistry.builder().register(QueryTool.of(demo.engine))
                    .registerAll(demo.tools).build())
            .approvalGate(demo.approvals).policy(RolePolicy.defaults())
            .auditSink(event -> {
                audit.record(event);
                chained.record(event);
            })
            .build();

    @AfterEach
    void close() {
        executor.close();
    }

    Reply ask(ScriptedChatModel model, String text) {
        return LlmOrchestrator.builder().chatModel(model).tools(executor).dataModel(Demo.MODEL).clock(Demo.CLOCK).build()
                .handle(AgentRequest.of(text, Demo.MIA));
    }

    static String lastToolResult(ChatRequest request) {
        List<ToolExecutionResultMessage> results = request.messages().stream()
                .filter(ToolExecutionResultMessage.class::isInstance).map(ToolExecutionResultMessage.class::cast).toList();
        return results.get(results.size() - 1).text();
    }

    @Nested
    class Create25PercentVipDiscount {

        final ScriptedChatModel model = ScriptedChatModel.builder()
                .thenCallTool("create_promotion", CreatePromotionToolTest.VIP_25)
                .thenAnswer("I have proposed a 25% VIP discount; it awaits approval.")
                .build();
        final Reply reply = ask(model, "Create 25% VIP discount");
        final ApprovalBlock block = reply.blocks(ApprovalBlock.class).get(0);

        @Test
        void answersWithAnApprovalBlockCarryingTheEstimateAndWritesNothing() {
            ReplyAssert.assertThat(reply).hasNoWrites(audit)
                    .hasApprovalFor("create_promotion").isPending().withEffect(ToolEffect.WRITE).withAffectedCount(1)
                    .withArgument("/discount_value", 25).withArgument("/audience_rule", "vip")
                    .withSummaryContaining("25% off for VIP customers");
            assertThat(block.preview().at("/impact/audience/size").asLong()).isEqualTo(CreatePromotionToolTest.vips());
            assertThat(block.preview().at("/impact/redemptions/base").isNumber()).isTrue();
            assertThat(demo.store.writeCount()).isZero();
            model.assertAllTurnsUsed();
        }

        @Test
        void theModelLearnsThatItAwaitsApprovalButNotTheSummary() {
            String toModel = lastToolResult(model.requests().get(1));

            assertThat(toModel).contains("awaiting_approval", block.approvalId()).doesNotContain("25% off for VIP customers");
        }

        @Test
        void onlyAnApproverCanLetItThroughAndARollbackTakesItAwayWithTheAuditChainIntact() {
            String code = block.preview().at("/promotion/code").asText();
            assertThatThrownBy(() -> demo.approvals.approve(block.approvalId(), Demo.MAX, "ok"))
                    .isInstanceOf(ApprovalException.class);

            demo.approvals.apply(demo.approvals.approve(block.approvalId(), Demo.ADA, "ok"), Demo.as(Demo.ADA));
            assertThat(demo.promotionsWithCode(code)).hasSize(1);

            ApprovalTicket undo = demo.approvals.proposeRollback(block.changeSetId(), Demo.ADA);
            demo.approvals.apply(demo.approvals.approve(undo.approvalId(), Demo.OTTO, "undo"), Demo.as(Demo.OTTO));
            assertThat(demo.promotionsWithCode(code)).isEmpty();

            assertThat(AuditVerifier.verify(chain).valid()).isTrue();
            assertThat(chain.size()).isGreaterThanOrEqualTo(7);
        }
    }

    @Test
    void aHundredAndFiftyPercentDiscountGoesBackToTheModelAsAnErrorAndNothingIsProposed() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .thenCallTool("create_promotion", "{\"discount_type\":\"percent\",\"discount_value\":150}")
                .thenAnswer("Percent discounts lie between 1 and 100.")
                .build();

        Reply reply = ask(model, "create a 150% discount");

        ReplyAssert.assertThat(reply).hasNoApprovals().hasNoWrites(audit);
        assertThat(lastToolResult(model.requests().get(1))).contains("percent discounts lie between 1 and 100");
        assertThat(demo.promotions()).hasSize(12);
    }

    @Test
    void pausingSummer25AsksForApprovalOfOneUpdate() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .thenCallTool("change_promotion_status", "{\"code\":\"SUMMER25\",\"status\":\"paused\"}")
                .thenAnswer("The pause awaits approval.")
                .build();

        Reply reply = ask(model, "pause the SUMMER25 promotion");

        ReplyAssert.assertThat(reply).hasNoWrites(audit).hasApprovalFor("change_promotion_status").isPending()
                .withAffectedCount(1).withSummaryContaining("Pause SUMMER25");
        assertThat(Promotion.fromRow(demo.promotionsWithCode("SUMMER25").get(0)).status()).isEqualTo(PromotionStatus.ACTIVE);
    }

    @Test
    void theModelCanAskHowAPromotionPerformed() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .thenCallTool("promotion_performance", "{\"code\":\"SUMMER25\"}")
                .thenAnswer("Here is how SUMMER25 did.")
                .build();

        Reply reply = ask(model, "how did SUMMER25 perform?");

        ReplyAssert.assertThat(reply).hasNoErrors().hasTable("promotions").withRowCount(1);
    }
}
