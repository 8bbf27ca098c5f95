package io.promoagent.promotions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.reply.PreviewBlock;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolResult;

/**
 * {@code predict_promotion}: the dry run of {@code create_promotion}. It reads the same arguments the same way
 * and returns the same preview (audience, impact estimate, prediction with its intervals), but proposes
 * nothing: no approval is pending and no change set is audited as proposed. Proposing it is a call to
 * {@code create_promotion} with the same arguments.
 */
final class PredictPromotionTool implements ReadTool {

    static final String NAME = "predict_promotion";

    private final CreatePromotionTool create;
    private final ToolDescriptor descriptor;

    PredictPromotionTool(CreatePromotionTool create) {
        this.create = create;
        this.descriptor = new ToolDescriptor(NAME, "Predicts what " + CreatePromotionTool.NAME + " with the same"
                + " arguments would do (audience, redemptions, incremental orders and revenue, cost, return) without"
                + " proposing anything.", create.descriptor().parameters(), ToolEffect.READ,
                java.util.List.of());
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult execute(ToolCall call, ToolContext context) {
        CreatePromotionTool.Draft draft = create.draft(call, context);
        String summary = "dry run, nothing proposed: promotion " + draft.summary();
        // what a model may see: the figures and why some are missing; the preview holds nothing more private
        ObjectNode forModel = JsonValues.F.objectNode();
        forModel.put("status", "dry_run");
        forModel.put("note", "Nothing was proposed or created. To create it, call " + CreatePromotionTool.NAME
                + " with the same arguments.");
        forModel.set("impact", draft.preview().get("impact"));
        forModel.set("prediction", draft.preview().get("prediction"));
        return ToolResult.ok(summary, forModel,
                new PreviewBlock(NAME, CreatePromotionTool.NAME, summary, call.arguments(), draft.preview()));
    }
}
