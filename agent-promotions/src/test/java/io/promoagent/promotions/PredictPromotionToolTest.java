package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.reply.PreviewBlock;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolError;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.source.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code predict_promotion}, the dry run of {@code create_promotion}: the same arguments read the same way, the
 * same preview, and nothing proposed, pending or audited as proposed.
 */
class PredictPromotionToolTest {

    static final String VIP20 = "{\"discount_type\":\"percent\",\"discount_value\":20,\"audience_rule\":\"vip\"}";

    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final Demo demo = new Demo(audit);
    final ReadTool predict = (ReadTool) demo.tool(PromotionTools.PREDICT);
    final WriteTool create = (WriteTool) demo.tool(PromotionTools.CREATE);

    ToolResult run(String json) {
        return predict.execute(Demo.call(PromotionTools.PREDICT, json), Demo.as(Demo.MIA));
    }

    @Test
    void itIsAReadWithCreatePromotionsArguments() {
        assertThat(predict.descriptor().effect()).isEqualTo(ToolEffect.READ);
        assertThat(predict.descriptor().parameters()).isEqualTo(create.descriptor().parameters());
    }

    @Test
    void itShowsTheProposalsPreviewAndProposesNothing() {
        int promotionsBefore = demo.promotions().size();

        ToolResult result = run(VIP20);
        ChangeSet proposal = create.propose(Demo.call(PromotionTools.CREATE, VIP20), Demo.as(Demo.MIA));

        assertThat(result.status()).isEqualTo(ToolResult.Status.OK);
        assertThat(result.proposal()).isEmpty();
        PreviewBlock block = (PreviewBlock) result.blocks().get(0);
        assertThat(block.tool()).isEqualTo(PromotionTools.PREDICT);
        assertThat(block.proposes()).isEqualTo(PromotionTools.CREATE);
        assertThat(block.preview()).isEqualTo(proposal.preview());
        assertThat(block.summary()).isEqualTo("dry run, nothing proposed: promotion "
                + proposal.summary().substring("Create promotion ".length()));
        assertThat(result.forModel().path("status").asText()).isEqualTo("dry_run");
        assertThat(result.forModel().path("prediction")).isEqualTo(proposal.preview().path("prediction"));
        assertThat(demo.promotions()).hasSize(promotionsBefore);
    }

    @Test
    void throughTheExecutorItLeavesNoApprovalAndNoProposalRecord() {
        try (ToolExecutor executor = ToolExecutor.builder(demo.registry).auditSink(audit).approvalGate(demo.approvals)
                .build()) {
            ToolResult result = executor.execute(ToolCall.of(PromotionTools.PREDICT, Demo.json(VIP20)), Demo.as(Demo.MIA));

            assertThat(result.status()).isEqualTo(ToolResult.Status.OK);
            assertThat(demo.approvals.list()).isEmpty();
            assertThat(audit.events()).noneMatch(r -> r.action() == AuditAction.PROPOSAL)
                    .anyMatch(r -> r.action() == AuditAction.TOOL_CALL && r.tool().equals(PromotionTools.PREDICT));
        }
    }

    @Test
    void badArgumentsAreRefusedAsCreatePromotionRefusesThem() {
        for (String bad : List.of(
                "{\"discount_type\":\"percent\",\"discount_value\":20,\"control_share\":0.9}",
                "{\"discount_type\":\"percent\",\"discount_value\":20,\"control_share\":0.001}",
                "{\"discount_type\":\"percent\",\"discount_value\":150}",
                "{\"discount_type\":\"percent\",\"discount_value\":20,\"audience_rule\":\"vipp\"}")) {
            List<ToolError> predicted = errors(() -> run(bad));
            List<ToolError> proposed = errors(() -> create.propose(Demo.call(PromotionTools.CREATE, bad), Demo.as(Demo.MIA)));
            assertThat(predicted).as(bad).isNotEmpty().isEqualTo(proposed);
        }
        assertThat(errors(() -> run("{\"discount_type\":\"percent\",\"discount_value\":20,\"control_share\":0.9}")).get(0)
                .message()).contains("a control share lies between 0.02 and 0.5 of the audience, not 0.9");
    }

    @Test
    void everyFigureIsPredictedWithAnIntervalOrSaidToBeUnpredictable() {
        JsonNode prediction = ((PreviewBlock) run(VIP20).blocks().get(0)).preview().path("prediction");
        for (String figure : List.of("redemptions", "incremental_orders", "incremental_revenue", "discount_cost",
                "return_on_discount")) {
            if (prediction.has(figure)) {
                assertThat(prediction.path(figure).path("low").asDouble()).as(figure)
                        .isLessThanOrEqualTo(prediction.path(figure).path("base").asDouble());
                assertThat(prediction.path(figure).path("base").asDouble()).as(figure)
                        .isLessThanOrEqualTo(prediction.path(figure).path("high").asDouble());
            } else {
                assertThat(prediction.path("notes").toString()).as(figure).contains("cannot be predicted");
            }
        }
    }

    @Test
    void aPromotionWithoutAControlGroupIsSaidToHaveNoMeasurableEffect() {
        Row uncontrolled = demo.promotions().stream()
                .filter(p -> p.valueOrNull("control_share") == null && !"draft".equals(p.valueOrNull("status"))
                        && !"scheduled".equals(p.valueOrNull("status")))
                .findFirst().orElseThrow();
        String code = (String) uncontrolled.valueOrNull("code");
        ReadTool performance = (ReadTool) demo.tool(PromotionTools.PERFORMANCE);

        ToolResult result = performance.execute(Demo.call(PromotionTools.PERFORMANCE, "{\"code\":\"" + code + "\"}"),
                Demo.as(Demo.MIA));

        assertThat(result.summary()).contains(code + " has no control group, so what it caused cannot be told apart from"
                + " what its audience would have bought anyway");
        assertThat(result.forModel().path("notes").toString()).contains("no control group");
    }

    private static List<ToolError> errors(Runnable call) {
        try {
            call.run();
        } catch (InvalidArgumentsException e) {
            return e.errors();
        }
        throw new AssertionError("the call was accepted");
    }
}
