package io.promoagent.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.Shop;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.TestTools;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.ToolResult;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApprovedChangeSetTest {

    private final ToolContext marketer = ToolContext.of(Principal.of("mia", "marketer"), Shop.CLOCK);

    @Nested
    class Construction {

        @Test
        void cannotBeMadeOrExtendedOutsideTheApprovalPackage() {
            assertThat(Modifier.isFinal(ApprovedChangeSet.class.getModifiers())).isTrue();
            for (Constructor<?> c : ApprovedChangeSet.class.getDeclaredConstructors()) {
                assertThat(Modifier.isPublic(c.getModifiers()) || Modifier.isProtected(c.getModifiers()))
                        .as("constructor %s", c).isFalse();
            }
            for (Method m : ApprovedChangeSet.class.getDeclaredMethods()) {
                if (m.getReturnType() == ApprovedChangeSet.class) {
                    assertThat(Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers()))
                            .as("factory %s", m).isFalse();
                }
            }
        }

        @Test
        void refusesAGrantForAnotherChangeSet() {
            ChangeSet cs = proposal();
            ApprovalGrant other = new ApprovalGrant("A1", "another", "t", "ann", Instant.EPOCH);

            assertThatThrownBy(() -> ApprovedChangeSet.of(cs, other)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class RefusingGate {

        @Test
        void answersEveryChangeSetWithARefusedTicketAndRecordsNothing() {
            RefuseAllApprovalGate gate = new RefuseAllApprovalGate();
            ChangeSet cs = proposal();

            ApprovalTicket ticket = gate.submit(cs, marketer);

            assertThat(ticket.status()).isEqualTo(ApprovalStatus.REFUSED);
            assertThat(ticket.changeSetId()).isEqualTo(cs.id());
            assertThat(gate.find(ticket.approvalId())).isEmpty();
        }

        @Test
        void refusesToApproveRejectOrApply() {
            RefuseAllApprovalGate gate = new RefuseAllApprovalGate();
            Principal approver = Principal.of("ann", "approver");

            assertThatThrownBy(() -> gate.approve("A1", approver, "ok"))
                    .isInstanceOfSatisfying(ApprovalException.class,
                            e -> assertThat(e.code()).isEqualTo(ApprovalException.NO_APPROVAL_SERVICE));
            assertThatThrownBy(() -> gate.reject("A1", approver, "no")).isInstanceOf(ApprovalException.class);
            assertThatThrownBy(() -> gate.apply(new ApprovalGrant("A1", "C1", "t", "ann", Instant.EPOCH), marketer))
                    .isInstanceOf(ApprovalException.class);
        }

        @Test
        void aWriteCallThroughTheExecutorProposesButNeverApplies() {
            TestTools.NoteTool notes = new TestTools.NoteTool();
            try (ToolExecutor executor = ToolExecutor.builder(ToolRegistry.of(notes)).build()) {
                ToolResult result = executor.execute(ToolCall.of("create_note",
                        JsonNodeFactory.instance.objectNode().put("text", "hi")), marketer);

                assertThat(result.status()).isEqualTo(ToolResult.Status.PROPOSED);
                assertThat(result.proposal().get().ticket().status()).isEqualTo(ApprovalStatus.REFUSED);
                assertThat(notes.proposals).hasValue(1);
                assertThat(notes.applies).hasValue(0);
            }
        }
    }

    @Nested
    class TheSeam {

        /** A gate written in this package is the only code that can reach apply. */
        @Test
        void aGateInThisPackageCanApplyAnApprovedChangeSet() {
            TestTools.NoteTool notes = new TestTools.NoteTool();
            ChangeSet cs = notes.propose(ToolCall.of("create_note", JsonNodeFactory.instance.objectNode()
                    .put("text", "hi")), marketer);
            ApprovalGrant grant = new ApprovalGrant("A1", cs.id(), "token", "ann", Instant.EPOCH);

            ApplyResult applied = notes.apply(ApprovedChangeSet.of(cs, grant), marketer);

            assertThat(applied.changeSetId()).isEqualTo(cs.id());
            assertThat(applied.appliedCount()).isEqualTo(1);
            assertThat(notes.applies).hasValue(1);
        }
    }

    private ChangeSet proposal() {
        return new TestTools.NoteTool().propose(
                ToolCall.of("create_note", JsonNodeFactory.instance.objectNode().put("text", "hi")), marketer);
    }
}
