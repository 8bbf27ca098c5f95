package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.source.Row;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A rollback is a change set no tool proposed, so no proposal checked it: the promotion tools check their
 * rules (one code per promotion, the lifecycle) when they apply it, against the store as it is then
 * (finding 4 of issue 14). The store here, like the DynamoDB writer, does not guard codes itself.
 */
class CompensationInvariantsTest {

    final Demo demo = new Demo(new InMemoryAuditSink(), PromotionSettings.defaults(), false);
    final WriteTool create = (WriteTool) demo.tool(PromotionTools.CREATE);
    final WriteTool status = (WriteTool) demo.tool(PromotionTools.CHANGE_STATUS);

    ChangeSet applied(WriteTool tool, String json) {
        ChangeSet cs = tool.propose(Demo.call(tool.descriptor().name(), json), Demo.as(Demo.MIA));
        approveAndApply(demo.approvals.submit(cs, Demo.as(Demo.MIA)));
        return cs;
    }

    void approveAndApply(ApprovalTicket ticket) {
        demo.approvals.apply(demo.approvals.approve(ticket.approvalId(), Demo.ADA, "ok"), Demo.as(Demo.ADA));
    }

    /** Proposes, approves and applies the rollback of a change set; returns the compensating change set's id. */
    String rolledBack(String changeSetId) {
        ApprovalTicket undo = demo.approvals.proposeRollback(changeSetId, Demo.MIA);
        approveAndApply(undo);
        return undo.changeSetId();
    }

    @Nested
    class ARollbackOfARollback {

        @Test
        void doesNotRestoreADeletedPromotionWhoseCodeWasReused() {
            ChangeSet swap40 = applied(create, "{\"discount_type\":\"percent\",\"discount_value\":40,\"code\":\"SWAP40\"}");
            applied(create, "{\"discount_type\":\"percent\",\"discount_value\":10,\"code\":\"OTHER10\"}");
            String deletion = rolledBack(swap40.id());
            applied(create, "{\"discount_type\":\"percent\",\"discount_value\":90,\"code\":\"SWAP40\"}");
            ApprovalTicket restore = demo.approvals.proposeRollback(deletion, Demo.MIA);

            assertThatThrownBy(() -> approveAndApply(restore))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> {
                        assertThat(e.code()).isEqualTo(ApprovalException.STALE);
                        assertThat(e.getMessage()).contains("SWAP40", "held by promotion", "cannot share a code");
                    });
            assertThat(demo.promotionsWithCode("SWAP40")).singleElement()
                    .satisfies(r -> assertThat((java.math.BigDecimal) r.valueOrNull("discount_value")).isEqualByComparingTo("90"));
            assertThat(demo.approvals.find(restore.approvalId()).orElseThrow().message()).contains("cannot share a code");
        }

        @Test
        void restoresTheDeletedPromotionWhenItsCodeIsStillFree() {
            ChangeSet swap40 = applied(create, "{\"discount_type\":\"percent\",\"discount_value\":40,\"code\":\"SWAP40\"}");
            Row created = demo.promotionsWithCode("SWAP40").get(0);
            String deletion = rolledBack(swap40.id());
            assertThat(demo.promotionsWithCode("SWAP40")).isEmpty();

            rolledBack(deletion);

            assertThat(demo.promotionsWithCode("SWAP40")).containsExactly(created);
        }
    }

    @Nested
    class TheLifecycle {

        @Test
        void anExpiryIsNotRolledBackIntoAnActivePromotion() {
            ChangeSet expire = applied(status, "{\"code\":\"SUMMER25\",\"status\":\"expired\"}");
            ApprovalTicket undo = demo.approvals.proposeRollback(expire.id(), Demo.MIA);

            assertThatThrownBy(() -> approveAndApply(undo))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> {
                        assertThat(e.code()).isEqualTo(ApprovalException.STALE);
                        assertThat(e.getMessage()).contains("lifecycle", "expired to active");
                    });
            assertThat(demo.store.find("promotions", Map.of("id", "P0009")).orElseThrow().valueOrNull("status")).isEqualTo("expired");
        }

        @Test
        void aPauseIsRolledBackByResumingThePromotion() {
            ChangeSet pause = applied(status, "{\"code\":\"SUMMER25\",\"status\":\"paused\"}");

            rolledBack(pause.id());

            assertThat(demo.store.find("promotions", Map.of("id", "P0009"))).contains(Demo.promotion("SUMMER25"));
        }
    }
}
