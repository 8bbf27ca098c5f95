package io.promoagent.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.approval.ApprovalRecoveryTest.Crash;
import io.promoagent.core.approval.ApprovalRecoveryTest.Prices;
import io.promoagent.core.approval.ApprovalServiceTest.MutableClock;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditException;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditStore;
import io.promoagent.core.audit.AuditVerifier;
import io.promoagent.core.audit.ChainedAuditSink;
import io.promoagent.core.audit.InMemoryAuditStore;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.InMemoryRecordStore;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A process killed at every single step of an approval and its apply, and again at every step of the
 * recovery that follows, then started once more: what {@code kill -9} does to {@code serve} at random, done
 * here at each point in turn. Every durable step (a store's create or replace, an audit append, the tool's
 * write) can be cut short just before it or just after it took effect. After the last start, whatever the
 * two cuts were: the approval is settled (never approved or applying), the write happened once if it is
 * applied and not at all otherwise, the decision and the applied change have exactly one audit record each
 * ({@code approved}, {@code applied}), and the chain verifies.
 */
class CrashAtEveryStepTest {

    /** Where a process dies: the n-th durable step it takes, before or after that step took effect. */
    static final class Kill {
        private final int at;
        private final boolean afterEffect;
        private int steps;

        Kill(int at, boolean afterEffect) {
            this.at = at;
            this.afterEffect = afterEffect;
        }

        static Kill never() {
            return new Kill(Integer.MAX_VALUE, false);
        }

        /** Runs one durable step, dying before or after it when it is the chosen one. */
        <T> T step(Supplier<T> effect) {
            steps++;
            if (steps == at && !afterEffect) {
                throw new Crash();
            }
            T result = effect.get();
            if (steps == at) {
                throw new Crash();
            }
            return result;
        }

        int steps() {
            return steps;
        }
    }

    /** The approvals as a process sees them: every create and replace is a durable step. */
    record KilledApprovals(ApprovalStore store, Kill kill) implements ApprovalStore {
        @Override
        public void create(ApprovalRecord record) {
            kill.step(() -> {
                store.create(record);
                return null;
            });
        }

        @Override
        public Optional<ApprovalRecord> find(String approvalId) {
            return store.find(approvalId);
        }

        @Override
        public Optional<ApprovalRecord> findByChangeSet(String changeSetId) {
            return store.findByChangeSet(changeSetId);
        }

        @Override
        public boolean replace(ApprovalRecord expected, ApprovalRecord next) {
            return kill.step(() -> store.replace(expected, next));
        }

        @Override
        public List<ApprovalRecord> list() {
            return store.list();
        }
    }

    /** The audit chain as a process sees it: every append is a durable step. */
    record KilledAudit(AuditStore store, Kill kill) implements AuditStore {
        @Override
        public void append(AuditRecord record) {
            kill.step(() -> {
                store.append(record);
                return null;
            });
        }

        @Override
        public Optional<AuditRecord> head() {
            return store.head();
        }

        @Override
        public List<AuditRecord> read(long fromSequence, int limit) {
            return store.read(fromSequence, limit);
        }
    }

    /** The tool, whose write is a durable step too. */
    record KilledPrices(Prices prices, Kill kill) implements WriteTool {
        @Override
        public ToolDescriptor descriptor() {
            return prices.descriptor();
        }

        @Override
        public ChangeSet propose(ToolCall call, ToolContext context) {
            return prices.propose(call, context);
        }

        @Override
        public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
            return kill.step(() -> prices.apply(approved, context));
        }
    }

    /** What lasts across processes: the approvals, the audit chain and the records. */
    final MutableClock clock = new MutableClock(Instant.parse("2026-06-30T10:00:00Z"));
    final InMemoryApprovalStore approvals = new InMemoryApprovalStore();
    final InMemoryAuditStore chain = new InMemoryAuditStore();
    final InMemoryRecordStore records = InMemoryRecordStore.builder(ApprovalRecoveryTest.MODEL).rows("products",
            List.of(Row.of(Map.of("id", "p1", "price", new BigDecimal("10"), "version", BigDecimal.ONE)))).build();

    /** A process: its own service and chained sink over what lasts, dying as {@code kill} says. */
    ApprovalService process(Kill kill) {
        return ApprovalService.builder(ToolRegistry.of(new KilledPrices(new Prices(records), kill)), ApprovalServiceTest.KEY)
                .store(new KilledApprovals(approvals, kill)).audit(new ChainedAuditSink(new KilledAudit(chain, kill)))
                .clock(clock).build();
    }

    /** The steps of a proposal approved and applied, and of a recovery, when nothing dies. */
    static Stream<Arguments> kills() {
        CrashAtEveryStepTest probe = new CrashAtEveryStepTest();
        Kill counted = Kill.never();
        String approvalId = probe.propose();
        probe.approveAndApply(probe.process(counted), approvalId);
        int steps = counted.steps();
        List<Arguments> kills = new ArrayList<>();
        for (int first = 1; first <= steps; first++) {
            for (boolean firstAfter : new boolean[] {false, true}) {
                // the recovery takes at most as many steps as the approval and apply did
                for (int second = 0; second <= steps; second++) {
                    kills.add(Arguments.of(first, firstAfter, second, second % 2 == 1));
                }
            }
        }
        return kills.stream();
    }

    String propose() {
        ChangeSet cs = new Prices(records).propose(ToolCall.of("set_price",
                JsonNodeFactory.instance.objectNode().put("price", new BigDecimal("12"))), ToolContext.of(ApprovalRecoveryTest.MARKETER, clock));
        return process(Kill.never()).submit(cs, ToolContext.of(ApprovalRecoveryTest.MARKETER, clock)).approvalId();
    }

    void approveAndApply(ApprovalService service, String approvalId) {
        ApprovalGrant grant = service.approve(approvalId, ApprovalRecoveryTest.APPROVER, "ok");
        service.apply(grant, ToolContext.of(ApprovalRecoveryTest.APPROVER, clock));
    }

    @ParameterizedTest(name = "killed at step {0} (after its effect: {1}), its recovery killed at step {2} (after: {3})")
    @MethodSource("kills")
    void everyAppliedChangeIsWrittenOnceAndAuditedOnceWhereverTheProcessesDie(int first, boolean firstAfter, int second,
                                                                               boolean secondAfter) {
        String approvalId = propose();
        int writesBefore = (int) records.writeCount();

        assertThatThrownBy(() -> approveAndApply(process(new Kill(first, firstAfter)), approvalId)).isInstanceOf(Crash.class);
        clock.advance(Duration.ofSeconds(1));
        if (second > 0) {
            try {
                process(new Kill(second, secondAfter)).recover(Duration.ZERO);
            } catch (Crash killedAgain) {
                // the recovery was cut short too; the next start finishes it
            }
            clock.advance(Duration.ofSeconds(1));
        }
        process(Kill.never()).recover(Duration.ZERO);

        ApprovalRecord after = approvals.find(approvalId).orElseThrow();
        assertThat(after.status()).as("settled").isIn(ApprovalStatus.PENDING, ApprovalStatus.APPLIED);
        boolean applied = after.status() == ApprovalStatus.APPLIED;
        assertThat(records.writeCount() - writesBefore).as("writes").isEqualTo(applied ? 1 : 0);
        assertThat(price()).isEqualByComparingTo(applied ? "12" : "10");
        List<AuditRecord> audit = chain.read(1, Integer.MAX_VALUE);
        assertThat(audit).filteredOn(r -> r.action() == AuditAction.APPLY && r.outcome().equals("applied")
                && r.approvalId().equals(Optional.of(approvalId))).as("'applied' records").hasSize(applied ? 1 : 0);
        assertThat(audit).filteredOn(r -> r.action() == AuditAction.DECISION && r.outcome().equals("approved")
                && r.approvalId().equals(Optional.of(approvalId))).as("'approved' decisions").hasSize(applied ? 1 : 0);
        assertThat(AuditVerifier.verify(chain).valid()).isTrue();
        if (applied) {
            assertThat(after.result()).as("outcome and before-images").isPresent();
        }
    }

    @Test
    void aStartUpThatCannotReadTheAuditFailsRatherThanLeaveAnAppliedChangeUnaudited() {
        Kill counted = Kill.never();
        CrashAtEveryStepTest probe = new CrashAtEveryStepTest();
        probe.approveAndApply(probe.process(counted), probe.propose());
        String approvalId = propose();
        // the last step of an apply is appending its 'applied' record: die just before it
        assertThatThrownBy(() -> approveAndApply(process(new Kill(counted.steps(), false)), approvalId)).isInstanceOf(Crash.class);
        assertThat(approvals.find(approvalId).orElseThrow().status()).isEqualTo(ApprovalStatus.APPLIED);
        ApprovalService unreadable = ApprovalService.builder(ToolRegistry.of(new Prices(records)), ApprovalServiceTest.KEY)
                .store(approvals).audit(new ChainedAuditSink(new UnreadableAudit(chain))).clock(clock).build();

        assertThatThrownBy(() -> unreadable.recover(Duration.ZERO)).isInstanceOf(ApprovalException.class)
                .hasMessageContaining("cannot be read");

        process(Kill.never()).recover(Duration.ZERO);
        assertThat(chain.read(1, Integer.MAX_VALUE)).filteredOn(r -> r.outcome().equals("applied")
                && r.approvalId().equals(Optional.of(approvalId))).singleElement()
                .satisfies(r -> assertThat(r.detail()).startsWith("recorded after a restart"));
    }

    /** An audit store that appends but cannot be read back (a table the process may not query). */
    record UnreadableAudit(AuditStore store) implements AuditStore {
        @Override
        public void append(AuditRecord record) {
            store.append(record);
        }

        @Override
        public Optional<AuditRecord> head() {
            return store.head();
        }

        @Override
        public List<AuditRecord> read(long fromSequence, int limit) {
            throw new AuditException("no permission to read the audit");
        }
    }

    BigDecimal price() {
        return (BigDecimal) records.find("products", Map.of("id", "p1")).orElseThrow().valueOrNull("price");
    }
}
