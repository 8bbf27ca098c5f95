package io.promoagent.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.schema.json.QueryJson;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A process that dies while it queues the messages of an approved send leaves some of them in the outbox:
 * the recovery that applies the send again queues the rest and sends every message once.
 */
class InterruptedQueueTest {

    /** What stops a process dead: an Error, which nothing on the way handles. */
    static final class Killed extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** An outbox store in which the process dies when it adds the {@code at}-th entry, until revived. */
    static final class DyingStore implements OutboxStore {
        private final OutboxStore store = new InMemoryOutboxStore();
        private final int at;
        private int added;
        private boolean revived;

        DyingStore(int at) {
            this.at = at;
        }

        void revive() {
            revived = true;
        }

        @Override
        public boolean addIfAbsent(OutboxEntry entry) {
            if (!revived && ++added == at) {
                throw new Killed();
            }
            return store.addIfAbsent(entry);
        }

        @Override
        public Optional<OutboxEntry> find(String key) {
            return store.find(key);
        }

        @Override
        public boolean replace(OutboxEntry expected, OutboxEntry next) {
            return store.replace(expected, next);
        }

        @Override
        public List<OutboxEntry> forApproval(String approvalId) {
            return store.forApproval(approvalId);
        }

        @Override
        public List<OutboxEntry> all() {
            return store.all();
        }
    }

    @Test
    void aSendWhoseQueueingWasCutShortQueuesTheRestWhenRecoveredAndSendsEachMessageOnce() {
        DyingStore outbox = new DyingStore(2);
        Mailroom room = new Mailroom(outbox);
        ChangeSet cs = room.tool.propose(ToolCall.of("send_email", QueryJson.parse("{\"audience_rule\":\"vip\",\"promotion_code\":\"VIP25\"}")),
                ToolContext.of(Mailroom.MARKETER, room.clock));
        assertThat(cs.affectedCount()).isGreaterThanOrEqualTo(2);
        ApprovalTicket ticket = room.approvals.submit(cs, ToolContext.of(Mailroom.MARKETER, room.clock));

        assertThatThrownBy(() -> room.approvals.apply(room.approvals.approve(ticket.approvalId(), Mailroom.APPROVER, "ok"),
                ToolContext.of(Mailroom.APPROVER, room.clock))).isInstanceOf(Killed.class);
        assertThat(outbox.forApproval(ticket.approvalId())).hasSize(1);
        assertThat(room.transport.sent()).isEmpty();

        outbox.revive();
        room.approvals.recover(Duration.ZERO);

        assertThat(room.approvals.record(ticket.approvalId()).orElseThrow().status()).isEqualTo(ApprovalStatus.APPLIED);
        assertThat(room.transport.sent()).extracting(m -> m.to().address()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(cs.affected().stream()
                        .map(a -> String.valueOf(a.after().orElseThrow().valueOrNull(BoundMessage.ADDRESS))).toList());
    }
}
