package io.promoagent.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.StaleChangeException;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.WriteTool;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A tool whose apply finds that the world no longer allows exactly the approved change refuses with a
 * {@link StaleChangeException}: the approval service reports it as a {@code stale} refusal, audits it,
 * and marks the approval failed with the reason, never to be applied.
 */
class StaleApplyTest {

    static final Principal MARKETER = Principal.of("mia", "marketer");
    static final Principal APPROVER = Principal.of("ada", "approver");

    /** The price book, whose apply refuses as if a record changed after the approval service's re-check. */
    record RefusingPriceBook(PriceBook book) implements WriteTool {

        @Override
        public ToolDescriptor descriptor() {
            return book.descriptor();
        }

        @Override
        public ChangeSet propose(ToolCall call, ToolContext context) {
            return book.propose(call, context);
        }

        @Override
        public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
            throw new StaleChangeException("product p1 changed since the preview");
        }
    }

    @Test
    void aToolsStaleRefusalIsAuditedAndLeavesTheApprovalFailedWithTheReason() {
        RefusingPriceBook prices = new RefusingPriceBook(new PriceBook());
        prices.book.put("p1", "10");
        InMemoryAuditSink audit = new InMemoryAuditSink();
        ApprovalService approvals = ApprovalService.builder(ToolRegistry.of(prices),
                "stale-apply-test-signing-key-0123456789".getBytes(StandardCharsets.UTF_8)).audit(audit).build();
        ApprovalTicket ticket = approvals.submit(prices.propose(ToolCall.of("set_prices",
                JsonNodeFactory.instance.objectNode().put("price", 12).set("ids", JsonNodeFactory.instance.arrayNode().add("p1"))),
                ToolContext.of(MARKETER)), ToolContext.of(MARKETER));
        ApprovalGrant grant = approvals.approve(ticket.approvalId(), APPROVER, "ok");

        assertThatThrownBy(() -> approvals.apply(grant, ToolContext.of(APPROVER)))
                .isInstanceOfSatisfying(ApprovalException.class, e -> {
                    assertThat(e.code()).isEqualTo(ApprovalException.STALE);
                    assertThat(e.getMessage()).isEqualTo("product p1 changed since the preview");
                });
        assertThat(approvals.record(ticket.approvalId()).orElseThrow()).satisfies(r -> {
            assertThat(r.status()).isEqualTo(ApprovalStatus.FAILED);
            assertThat(r.reason()).contains("product p1 changed since the preview");
        });
        assertThat(audit.events()).extracting(AuditEvent::outcome).endsWith("applying", "refused:stale");
        assertThatThrownBy(() -> approvals.apply(grant, ToolContext.of(APPROVER))).isInstanceOf(ApprovalException.class);
    }
}
