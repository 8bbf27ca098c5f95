package io.promoagent.example.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.email.EmailMessage;
import io.promoagent.email.EmailTransport;
import io.promoagent.email.SendReceipt;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --data-dir} keeps its e-mail outbox in the folder's database, so that a send cut short by a
 * crash is finished after the restart without sending anything twice: the messages that had left are not
 * sent again, the one in the transport's hands when the process died is marked uncertain (it may have
 * left) and not sent again either, and only those never handed to the transport are sent by the recovery.
 */
class DurableOutboxTest {

    static final LocalDate NOW = LocalDate.of(2026, 6, 30);
    static final String SEND = "email all reachable VIP customers about the VIP25 promotion";
    /** The process dies when the second message is handed to the transport: one has left, one may have. */
    static final int KILLED_AT = 2;

    @TempDir
    Path folder;

    /** What stops a process dead in the middle of a send: an Error, which nothing on the way handles. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** The demo's transport, with the process dying when the {@code at}-th message is handed to it. */
    record DyingTransport(EmailTransport transport, int at, AtomicInteger handed) implements EmailTransport {
        @Override
        public String name() {
            return transport.name();
        }

        @Override
        public SendReceipt send(EmailMessage message) {
            if (handed.incrementAndGet() == at) {
                throw new Killed();
            }
            return transport.send(message);
        }
    }

    @Test
    void aSendCutShortByACrashIsFinishedAfterTheRestartWithoutSendingAnyMessageTwice() {
        EngineOptions options = EngineOptions.demo(42, 120, NOW).withDataDir(folder);
        String approvalId;
        int recipients;
        List<String> sentBeforeTheCrash;
        try (PromotionEngine first = EngineAssembly.assemble(options, Optional.empty(), Clock.systemUTC(),
                t -> new DyingTransport(t, KILLED_AT, new AtomicInteger()))) {
            Reply proposal = first.ask(DemoUsers.MARKETER, "s1", SEND, p -> { });
            ApprovalBlock block = proposal.blocks(ApprovalBlock.class).get(0);
            approvalId = block.approvalId();
            recipients = block.affectedCount();
            assertThat(recipients).as("recipients of the send").isGreaterThan(KILLED_AT);

            assertThatThrownBy(() -> first.approve(DemoUsers.APPROVER, approvalId, "ok")).isInstanceOf(Killed.class);

            sentBeforeTheCrash = addresses(first.outbox());
            assertThat(sentBeforeTheCrash).hasSize(KILLED_AT - 1);
            assertThat(approval(first, approvalId).status()).isEqualTo(ApprovalStatus.APPLYING);
        }

        try (PromotionEngine second = PromotionEngine.start(options)) {
            ApprovalRecord after = approval(second, approvalId);
            assertThat(after.status()).isEqualTo(ApprovalStatus.APPLIED);
            List<String> sentByTheRecovery = addresses(second.outbox());
            assertThat(sentByTheRecovery).as("sent again after the restart").hasSize(recipients - KILLED_AT)
                    .doesNotContainAnyElementsOf(sentBeforeTheCrash).doesNotHaveDuplicates();
            assertThat(after.result().orElseThrow().summary()).contains("Sent " + (recipients - 1) + " of " + recipients,
                    "1 may have been sent before a restart");
            assertThat(second.auditRecords(1, Integer.MAX_VALUE)).filteredOn(r -> r.outcome().equals("applied")
                    && r.approvalId().equals(Optional.of(approvalId))).hasSize(1);
        }

        try (PromotionEngine third = PromotionEngine.start(options)) {
            assertThat(third.outbox()).as("a later start sends nothing").isEmpty();
            assertThat(approval(third, approvalId).status()).isEqualTo(ApprovalStatus.APPLIED);
        }
    }

    private static ApprovalRecord approval(PromotionEngine engine, String approvalId) {
        return engine.approvals().stream().filter(a -> a.approvalId().equals(approvalId)).findFirst().orElseThrow();
    }

    private static List<String> addresses(List<EmailMessage> messages) {
        return messages.stream().map(m -> m.to().address()).toList();
    }
}
