package io.promoagent.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.approval.ApprovalServiceTest.MutableClock;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.InMemoryRecordStore;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An apply interrupted by a crash (the process dies between claiming the approval and recording the
 * outcome, before or after the write) is finished by {@link ApprovalService#recover}: exactly once, with its
 * before-images, audited.
 */
class ApprovalRecoveryTest {

    static final Principal MARKETER = Principal.of("mia", "marketer");
    static final Principal APPROVER = Principal.of("ada", "approver");
    static final DataModel MODEL = DataModel.builder().source("main", "memory")
            .entity(Entity.builder("products").source("main").key("id")
                    .field("id", FieldType.STRING).field("price", FieldType.NUMBER).field("version", FieldType.INTEGER).build())
            .build();

    /** What stops a process dead: not an exception the service could handle. */
    static final class Crash extends Error {
        private static final long serialVersionUID = 1L;
    }

    /** A write tool over a record writer, whose apply can be made to "crash" before or after its write. */
    static final class Prices implements WriteTool {
        final InMemoryRecordStore records;
        volatile boolean crashBeforeWrite;
        volatile boolean crashAfterWrite;

        Prices(InMemoryRecordStore records) {
            this.records = records;
        }

        @Override
        public ToolDescriptor descriptor() {
            ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
            schema.putObject("properties").putObject("price").put("type", "number");
            return ToolDescriptor.of("set_price", "Sets the price of p1.", schema, ToolEffect.WRITE, "price", "set");
        }

        @Override
        public ChangeSet propose(ToolCall call, ToolContext context) {
            JsonNode args = call.arguments();
            Row p1 = records.find("products", Map.of("id", "p1")).orElseThrow();
            Row after = Row.of(Map.of("id", "p1", "price", args.path("price").decimalValue()));
            return changeSet(call, context).summary("Set the price of p1")
                    .affected(List.of(AffectedRecord.update("products", Map.of("id", "p1"), p1, after,
                            RecordVersion.of(MODEL.requireEntity("products"), p1)))).build();
        }

        @Override
        public ApplyResult apply(ApprovedChangeSet approved, ToolContext context) {
            if (crashBeforeWrite) {
                throw new Crash();
            }
            List<AffectedRecord> done = records.write(approved.changeSet().affected(), approved.changeSet().id());
            if (crashAfterWrite) {
                throw new Crash();
            }
            return new ApplyResult(approved.changeSet().id(), done, "Applied");
        }
    }

    final MutableClock clock = new MutableClock(Instant.parse("2026-06-30T10:00:00Z"));
    final InMemoryApprovalStore store = new InMemoryApprovalStore();
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    InMemoryRecordStore records;
    Prices prices;

    @BeforeEach
    void setUp() {
        records = InMemoryRecordStore.builder(MODEL).rows("products",
                List.of(Row.of(Map.of("id", "p1", "price", new BigDecimal("10"), "version", BigDecimal.ONE)))).build();
        prices = new Prices(records);
    }

    /** An instance of the service, as a process (started again after a crash) makes one. */
    ApprovalService instance() {
        return ApprovalService.builder(ToolRegistry.of(prices), ApprovalServiceTest.KEY).store(store).audit(audit).clock(clock).build();
    }

    ApprovalGrant approved(String price) {
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("price", new BigDecimal(price));
        ChangeSet cs = prices.propose(ToolCall.of("set_price", args), ToolContext.of(MARKETER, clock));
        ApprovalTicket ticket = instance().submit(cs, ToolContext.of(MARKETER, clock));
        return instance().approve(ticket.approvalId(), APPROVER, "ok");
    }

    void crashWhileApplying(ApprovalGrant grant) {
        assertThatThrownBy(() -> instance().apply(grant, ToolContext.of(APPROVER, clock))).isInstanceOf(Crash.class);
        prices.crashBeforeWrite = false;
        prices.crashAfterWrite = false;
    }

    ApprovalRecord record(ApprovalGrant grant) {
        return store.find(grant.approvalId()).orElseThrow();
    }

    List<AuditEvent> applies() {
        return audit.events().stream().filter(e -> e.action() == AuditAction.APPLY).toList();
    }

    BigDecimal price() {
        return (BigDecimal) records.find("products", Map.of("id", "p1")).orElseThrow().valueOrNull("price");
    }

    @Test
    void anApplyThatCrashedAfterItsWriteIsCompletedWithTheBeforeImagesAndCanBeRolledBack() {
        ApprovalGrant grant = approved("12");
        prices.crashAfterWrite = true;
        crashWhileApplying(grant);
        assertThat(record(grant).status()).isEqualTo(ApprovalStatus.APPLYING);
        assertThat(record(grant).attempt()).hasValueSatisfying(a -> assertThat(a.appliedBy()).isEqualTo("ada"));

        assertThat(instance().recover(Duration.ZERO)).extracting(ApprovalRecord::status).containsExactly(ApprovalStatus.APPLIED);

        assertThat(records.writeCount()).isEqualTo(1);
        assertThat(record(grant).result().orElseThrow().applied()).singleElement()
                .satisfies(r -> assertThat(r.before().orElseThrow().valueOrNull("price")).isEqualTo(new BigDecimal("10")));
        assertThat(applies()).extracting(AuditEvent::outcome).containsExactly("applying", "applied");
        assertThat(applies().get(1).detail()).startsWith("recovered an interrupted apply");

        ApprovalTicket undo = instance().proposeRollback(grant.changeSetId(), MARKETER);
        instance().apply(instance().approve(undo.approvalId(), APPROVER, "undo"), ToolContext.of(APPROVER, clock));
        assertThat(price()).isEqualByComparingTo("10");
    }

    @Test
    void anApplyThatCrashedBeforeItsWriteIsWrittenOnceByTheRecovery() {
        ApprovalGrant grant = approved("13");
        prices.crashBeforeWrite = true;
        crashWhileApplying(grant);
        assertThat(records.writeCount()).isZero();

        instance().recover(Duration.ZERO);

        assertThat(record(grant).status()).isEqualTo(ApprovalStatus.APPLIED);
        assertThat(records.writeCount()).isEqualTo(1);
        assertThat(price()).isEqualByComparingTo("13");
    }

    @Test
    void aRecoveryWhoseWriteIsNoLongerPossibleFailsTheApprovalWithTheReasonAndAuditsIt() {
        ApprovalGrant grant = approved("14");
        prices.crashBeforeWrite = true;
        crashWhileApplying(grant);
        Row p1 = records.find("products", Map.of("id", "p1")).orElseThrow();
        records.write(List.of(AffectedRecord.update("products", Map.of("id", "p1"), p1,
                Row.of(Map.of("id", "p1", "price", new BigDecimal("20"))), "1")), "someone-else");

        instance().recover(Duration.ZERO);

        assertThat(record(grant).status()).isEqualTo(ApprovalStatus.FAILED);
        assertThat(record(grant).reason()).hasValueSatisfying(r -> assertThat(r).contains("recovered", "changed"));
        assertThat(applies()).extracting(AuditEvent::outcome).containsExactly("applying", "failed");
        assertThat(price()).isEqualByComparingTo("20");
    }

    @Test
    void anApprovalApprovedButNeverAppliedIsAppliedWhileItsGrantIsValidAndReleasedAfter() {
        ApprovalGrant applied = approved("15");
        clock.advance(Duration.ofMinutes(20));
        ApprovalGrant expired = approved("16");
        // the second was proposed after the first: only one can apply, and the first's grant is now expired
        instance().recover(Duration.ZERO);

        assertThat(record(applied).status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(record(applied).reason()).hasValueSatisfying(r -> assertThat(r).contains("never applied"));
        assertThat(record(expired).status()).isEqualTo(ApprovalStatus.APPLIED);
        assertThat(price()).isEqualByComparingTo("16");
        assertThat(applies()).extracting(AuditEvent::outcome).containsExactlyInAnyOrder("released", "applying", "applied");
    }

    @Test
    void onlyApprovalsStuckLongerThanTheTimeoutAreRecoveredAndListingRecoversThem() {
        ApprovalGrant grant = approved("17");
        prices.crashAfterWrite = true;
        crashWhileApplying(grant);

        assertThat(instance().recover(Duration.ofMinutes(5))).isEmpty();
        assertThat(record(grant).status()).isEqualTo(ApprovalStatus.APPLYING);

        clock.advance(Duration.ofMinutes(6));
        assertThat(instance().list()).extracting(ApprovalRecord::status).containsExactly(ApprovalStatus.APPLIED);
        assertThat(records.writeCount()).isEqualTo(1);
    }

    @Test
    void manyRecoverersAtOnceCompleteAnApplyOnce() throws Exception {
        ApprovalGrant grant = approved("18");
        prices.crashAfterWrite = true;
        crashWhileApplying(grant);

        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<List<ApprovalRecord>>> runs = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runs.add(pool.submit(() -> instance().recover(Duration.ZERO)));
            }
            for (Future<List<ApprovalRecord>> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(record(grant).status()).isEqualTo(ApprovalStatus.APPLIED);
        assertThat(records.writeCount()).isEqualTo(1);
        assertThat(applies()).extracting(AuditEvent::outcome).filteredOn("applied"::equals).hasSize(1);
    }
}
