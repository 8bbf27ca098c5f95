package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalGrant;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ToolError;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.source.Row;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ChangePromotionStatusToolTest {

    final Demo demo = new Demo(new InMemoryAuditSink());
    final WriteTool change = (WriteTool) demo.tool(PromotionTools.CHANGE_STATUS);

    ChangeSet propose(String json) {
        return change.propose(Demo.call(PromotionTools.CHANGE_STATUS, json), Demo.as(Demo.MIA));
    }

    ToolError refusal(String json) {
        try {
            propose(json);
        } catch (InvalidArgumentsException e) {
            assertThat(e.errors()).hasSize(1);
            return e.errors().get(0);
        }
        throw new AssertionError("the change was proposed");
    }

    Row stored(String id) {
        return demo.store.find("promotions", Map.of("id", id)).orElseThrow();
    }

    @Nested
    class PausingSummer25 {

        final ChangeSet cs = propose("{\"code\":\"SUMMER25\",\"status\":\"paused\"}");

        @Test
        void proposesOneUpdateOfTheStatusWithTheBeforeImageAndVersion() {
            Row before = Demo.promotion("SUMMER25");

            assertThat(cs.affected()).singleElement().satisfies(r -> {
                assertThat(r.operation()).isEqualTo(AffectedRecord.Operation.UPDATE);
                assertThat(r.key()).isEqualTo(Map.of("id", "P0009"));
                assertThat(r.before()).contains(before);
                assertThat(r.version()).contains(RecordVersion.of(Demo.MODEL.requireEntity("promotions"), before));
                Map<String, Object> expected = new java.util.LinkedHashMap<>(before.values());
                expected.put("status", "paused");
                assertThat(r.after()).contains(Row.of(expected));
            });
            assertThat(cs.summary()).isEqualTo("Pause SUMMER25 (Summer Sale): active → paused");
            assertThat(cs.preview().get("effect").asText()).contains("no longer redeem SUMMER25");
            assertThat(stored("P0009").valueOrNull("status")).isEqualTo("active");
        }

        @Test
        void onceApprovedThePromotionIsPausedAndARollbackResumesIt() {
            ApprovalTicket ticket = demo.approvals.submit(cs, Demo.as(Demo.MIA));
            demo.approvals.apply(demo.approvals.approve(ticket.approvalId(), Demo.ADA, "ok"), Demo.as(Demo.ADA));

            assertThat(stored("P0009").valueOrNull("status")).isEqualTo("paused");

            ApprovalTicket undo = demo.approvals.proposeRollback(cs.id(), Demo.MIA);
            demo.approvals.apply(demo.approvals.approve(undo.approvalId(), Demo.ADA, "undo"), Demo.as(Demo.ADA));
            assertThat(stored("P0009")).isEqualTo(Demo.promotion("SUMMER25"));
        }

        @Test
        void aPromotionChangedSinceThePreviewIsNotOverwritten() {
            ApprovalTicket ticket = demo.approvals.submit(cs, Demo.as(Demo.MIA));
            Row current = stored("P0009");
            Map<String, Object> edited = new java.util.LinkedHashMap<>(current.values());
            edited.put("name", "Summer Sale (extended)");
            demo.store.write(List.of(AffectedRecord.update("promotions", Map.of("id", "P0009"), current, Row.of(edited),
                    RecordVersion.of(Demo.MODEL.requireEntity("promotions"), current))), "edit");
            ApprovalGrant grant = demo.approvals.approve(ticket.approvalId(), Demo.ADA, "ok");

            assertThatThrownBy(() -> demo.approvals.apply(grant, Demo.as(Demo.ADA)))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.STALE));
            assertThat(stored("P0009").valueOrNull("status")).isEqualTo("active");
        }
    }

    @Nested
    class TheLifecycle {

        @Test
        void anExpiredPromotionCannotBecomeActiveAgain() {
            ToolError e = refusal("{\"code\":\"BLACKFRIDAY30\",\"status\":\"active\"}");

            assertThat(e.code()).isEqualTo("illegal_transition");
            assertThat(e.path()).isEqualTo("$.status");
            assertThat(e.message()).contains("BLACKFRIDAY30 cannot go from expired to active", "create a new promotion");
        }

        @Test
        void aPausedPromotionCanBeResumedById() {
            ChangeSet cs = propose("{\"id\":\"P0005\",\"status\":\"active\"}");

            assertThat(cs.summary()).startsWith("Resume FREESHIP50");
        }

        @Test
        void aDraftCannotBePausedAndSaysWhatItCanBecome() {
            ToolError e = refusal("{\"code\":\"LOYALTY50\",\"status\":\"paused\"}");

            assertThat(e.message()).contains("never run");
            assertThat(e.suggestions()).containsExactlyInAnyOrder("scheduled", "active");
        }

        @Test
        void aScheduledPromotionCanBeCancelledByExpiringIt() {
            assertThat(propose("{\"code\":\"HOLIDAY20\",\"status\":\"expired\"}").summary()).startsWith("Expire HOLIDAY20");
        }

        @Test
        void aPromotionAlreadyInTheStatusIsRefused() {
            assertThat(refusal("{\"code\":\"SUMMER25\",\"status\":\"active\"}").message()).contains("already active");
        }
    }

    @Nested
    class BadInput {

        @Test
        void anUnknownCodeIsRefusedWithTheClosestCodes() {
            ToolError e = refusal("{\"code\":\"SUMMER52\",\"status\":\"paused\"}");

            assertThat(e.code()).isEqualTo("unknown_promotion");
            assertThat(e.suggestions()).contains("SUMMER25");
        }

        @Test
        void namesThePromotionByCodeOrId() {
            assertThat(refusal("{\"status\":\"paused\"}").path()).isEqualTo("$.code");
            assertThat(refusal("{\"code\":\"SUMMER25\",\"id\":\"P0001\",\"status\":\"paused\"}").message())
                    .contains("belongs to P0009");
        }

        @Test
        void draftIsNotAStatusToMoveTo() {
            assertThat(refusal("{\"code\":\"SUMMER25\",\"status\":\"draft\"}").message()).contains("cannot go back to draft");
        }
    }
}
