package io.promoagent.promotions;

import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.source.Row;
import io.promoagent.test.ApplyMatchesPreviewHarness;
import io.promoagent.test.RecordSnapshot;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * create_promotion, change_promotion_status and rollbacks (of a create, and of that rollback) under the test
 * kit's "change the world between propose and apply" harness. The store, like the DynamoDB writer, does not
 * guard codes itself. Each change runs twice: before the approval, and racing the apply.
 */
class PromotionsApplyMatchesPreviewTest {

    static Demo world() {
        return new Demo(new InMemoryAuditSink(), PromotionSettings.defaults(), false);
    }

    static Row stored(Demo demo, String id) {
        return demo.store.find("promotions", Map.of("id", id)).orElseThrow();
    }

    static void edit(Demo demo, String id, Consumer<Map<String, Object>> edit) {
        Row before = stored(demo, id);
        Map<String, Object> after = new LinkedHashMap<>(before.values());
        edit.accept(after);
        demo.store.write(List.of(AffectedRecord.update("promotions", Map.of("id", id), before, Row.of(after),
                RecordVersion.of(Demo.MODEL.requireEntity("promotions"), before))), "edit-" + id + "-" + System.nanoTime() % 1_000_000);
    }

    /** Another user of the store creates a copy of SUMMER25 with this id and code. */
    static void createRival(Demo demo, String id, String code) {
        Map<String, Object> row = new LinkedHashMap<>(Demo.promotion("SUMMER25").values());
        row.put("id", id);
        row.put("code", code);
        demo.store.write(List.of(AffectedRecord.create("promotions", Map.of("id", id), Row.of(row))), "rival-" + id);
    }

    static void delete(Demo demo, String id) {
        Row before = stored(demo, id);
        demo.store.write(List.of(AffectedRecord.delete("promotions", Map.of("id", id), before,
                RecordVersion.of(Demo.MODEL.requireEntity("promotions"), before))), "delete-" + id);
    }

    static ApplyMatchesPreviewHarness.Builder<Demo, RecordSnapshot> harness(String racingTool) {
        return ApplyMatchesPreviewHarness.<Demo, RecordSnapshot>builder(PromotionsApplyMatchesPreviewTest::world)
                .approvals(demo -> demo.approvals)
                .clock(demo -> Demo.CLOCK)
                .racing(demo -> demo.racing.get(racingTool))
                .observe(demo -> RecordSnapshot.of(Demo.MODEL, demo.store::rows, "promotions"))
                .expect((demo, previewed, before) -> before.applying(previewed));
    }

    static WriteTool tool(Demo demo, String name) {
        return (WriteTool) demo.tool(name);
    }

    /** Creates SWAP40 (P0013) through the approval service and returns its change set's id. */
    static String createdSwap40(Demo demo, ApplyMatchesPreviewHarness.Steps steps) {
        ChangeSet cs = tool(demo, PromotionTools.CREATE).propose(Demo.call(PromotionTools.CREATE,
                "{\"discount_type\":\"percent\",\"discount_value\":40,\"code\":\"SWAP40\",\"audience_rule\":\"vip\"}"), steps.requesterContext());
        steps.approveAndApply(steps.submit(cs));
        return cs.id();
    }

    @TestFactory
    Stream<DynamicTest> createPromotion() {
        return harness(PromotionTools.CREATE)
                .call(demo -> tool(demo, PromotionTools.CREATE), Demo.call(PromotionTools.CREATE,
                        "{\"discount_type\":\"percent\",\"discount_value\":40,\"code\":\"SWAP40\",\"audience_rule\":\"vip\"}"))
                .mustRefuse("another promotion took the code SWAP40", demo -> createRival(demo, "P0999", "SWAP40"))
                .mustRefuse("another promotion took the id P0013", demo -> createRival(demo, "P0013", "OTHER13"))
                .change("a promotion overlapping it was paused", demo -> edit(demo, "P0008", r -> r.put("status", "paused")))
                .mustApply("an unrelated promotion was renamed", demo -> edit(demo, "P0002", r -> r.put("name", "App Launch 2024")))
                .build().dynamicTests();
    }

    @TestFactory
    Stream<DynamicTest> changePromotionStatus() {
        return harness(PromotionTools.CHANGE_STATUS)
                .call(demo -> tool(demo, PromotionTools.CHANGE_STATUS),
                        Demo.call(PromotionTools.CHANGE_STATUS, "{\"code\":\"SUMMER25\",\"status\":\"paused\"}"))
                .mustRefuse("SUMMER25 was paused by someone else", demo -> edit(demo, "P0009", r -> r.put("status", "paused")))
                .mustRefuse("SUMMER25 was expired", demo -> edit(demo, "P0009", r -> r.put("status", "expired")))
                .mustRefuse("SUMMER25 was renamed", demo -> edit(demo, "P0009", r -> r.put("name", "Summer Sale (extended)")))
                .mustRefuse("SUMMER25 was redeemed once more", demo -> edit(demo, "P0009",
                        r -> r.put("redemptions", ((BigDecimal) r.get("redemptions")).add(BigDecimal.ONE))))
                .mustRefuse("SUMMER25 was deleted", demo -> delete(demo, "P0009"))
                .mustApply("another promotion was paused", demo -> edit(demo, "P0008", r -> r.put("status", "paused")))
                .mustApply("a new promotion was created", demo -> createRival(demo, "P0999", "RIVAL99"))
                .build().dynamicTests();
    }

    @TestFactory
    Stream<DynamicTest> rollbackOfACreate() {
        return harness(PromotionTools.CREATE)
                .propose((demo, steps) -> steps.approvals().proposeRollback(createdSwap40(demo, steps), steps.requester()))
                .mustRefuse("the created promotion was renamed since", demo -> edit(demo, "P0013", r -> r.put("name", "Swap Sale")))
                .mustRefuse("the created promotion was redeemed", demo -> edit(demo, "P0013",
                        r -> r.put("redemptions", BigDecimal.ONE)))
                .mustApply("another promotion was created", demo -> createRival(demo, "P0999", "RIVAL99"))
                .build().dynamicTests();
    }

    @TestFactory
    Stream<DynamicTest> rollbackOfARollback() {
        return harness(PromotionTools.CREATE)
                .propose((demo, steps) -> {
                    String swap40 = createdSwap40(demo, steps);
                    ApprovalTicket deletion = steps.approvals().proposeRollback(swap40, steps.requester());
                    steps.approveAndApply(deletion);
                    return steps.approvals().proposeRollback(deletion.changeSetId(), steps.requester());
                })
                .mustRefuse("the code SWAP40 was reused by a new promotion", demo -> createRival(demo, "P0100", "SWAP40"))
                .mustRefuse("the id P0013 was reused", demo -> createRival(demo, "P0013", "OTHER13"))
                .mustApply("another promotion was paused", demo -> edit(demo, "P0009", r -> r.put("status", "paused")))
                .build().dynamicTests();
    }
}
