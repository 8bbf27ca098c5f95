package io.promoagent.core.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.AuditException;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The approval lifecycle, and the ways people and programs try to get around it. */
class ApprovalServiceTest {

    static final byte[] KEY = "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.UTF_8);
    static final Principal MARKETER = Principal.of("mia", "marketer");
    static final Principal APPROVER = Principal.of("ada", "approver");
    static final Principal OTHER_APPROVER = Principal.of("otto", "approver");
    static final Principal ANALYST = Principal.of("ann", "analyst");

    final MutableClock clock = new MutableClock(Instant.parse("2026-06-30T10:00:00Z"));
    final PriceBook prices = new PriceBook();
    final InMemoryApprovalStore store = new InMemoryApprovalStore();
    final InMemoryAuditSink audit = new InMemoryAuditSink();
    ApprovalService service;

    @BeforeEach
    void setUp() {
        prices.put("p1", "10.00");
        prices.put("p2", "20.00");
        service = newInstance();
    }

    ApprovalService newInstance() {
        return ApprovalService.builder(ToolRegistry.of(prices), KEY).store(store).audit(audit).clock(clock).build();
    }

    ToolContext as(Principal p) {
        return ToolContext.of(p, clock);
    }

    ApprovalTicket propose(String... ids) {
        ObjectNode args = JsonNodeFactory.instance.objectNode().put("price", new BigDecimal("9.99"));
        for (String id : ids) {
            args.withArray("ids").add(id);
        }
        ChangeSet cs = prices.propose(ToolCall.of("set_prices", args), as(MARKETER));
        return service.submit(cs, as(MARKETER));
    }

    List<String> outcomes() {
        return audit.events().stream().map(AuditEvent::outcome).toList();
    }

    @Test
    void anApproverAppliesAProposalExactlyOnce() {
        ApprovalTicket ticket = propose("p1", "p2");
        assertThat(ticket.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(prices.applies).hasValue(0);

        ApprovalGrant grant = service.approve(ticket.approvalId(), APPROVER, "fine");
        ApplyResult result = service.apply(grant, as(APPROVER));

        assertThat(result.appliedCount()).isEqualTo(2);
        assertThat(prices.rows.get("p1").valueOrNull("price")).isEqualTo(new BigDecimal("9.99"));
        assertThat(service.find(ticket.approvalId())).get().extracting(ApprovalTicket::status).isEqualTo(ApprovalStatus.APPLIED);
        assertThat(outcomes()).containsExactly("submitted", "approved", "applying", "applied");
    }

    @Test
    void aRejectedProposalCanNeverBeApplied() {
        ApprovalTicket ticket = propose("p1");
        service.reject(ticket.approvalId(), APPROVER, "too cheap");
        assertThatThrownBy(() -> service.approve(ticket.approvalId(), APPROVER, "changed my mind"))
                .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.NOT_PENDING));
        assertThat(prices.applies).hasValue(0);
    }

    @Test
    void aRejectionNeedsAReason() {
        ApprovalTicket ticket = propose("p1");
        assertThatThrownBy(() -> service.reject(ticket.approvalId(), APPROVER, " "))
                .isInstanceOf(ApprovalException.class);
    }

    @Nested
    class WhoMayDecide {

        @Test
        void theRequesterCannotApproveTheirOwnChangeEvenAsAnApprover() {
            Principal both = Principal.of("mia", "marketer", "approver");
            ApprovalTicket ticket = propose("p1");
            assertThatThrownBy(() -> service.approve(ticket.approvalId(), both, "mine"))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.SELF_APPROVAL));
            assertThat(outcomes()).containsExactly("submitted", "refused:self_approval");
        }

        @Test
        void aPrincipalWithoutTheApproverRoleCannotApprove() {
            ApprovalTicket ticket = propose("p1");
            for (Principal p : List.of(ANALYST, Principal.of("max", "marketer"))) {
                assertThatThrownBy(() -> service.approve(ticket.approvalId(), p, "ok"))
                        .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.NOT_AN_APPROVER));
            }
            assertThat(service.find(ticket.approvalId())).get().extracting(ApprovalTicket::status).isEqualTo(ApprovalStatus.PENDING);
        }

        @Test
        void anUnknownApprovalIdIsRefusedAndAudited() {
            assertThatThrownBy(() -> service.approve("no-such-id", APPROVER, "ok"))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.UNKNOWN_APPROVAL));
            assertThat(outcomes()).containsExactly("refused:unknown_approval");
        }
    }

    @Nested
    class Expiry {

        @Test
        void aProposalNotDecidedInTimeExpires() {
            ApprovalTicket ticket = propose("p1");
            clock.advance(Duration.ofMinutes(16));
            assertThatThrownBy(() -> service.approve(ticket.approvalId(), APPROVER, "late"))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.EXPIRED));
            assertThat(service.find(ticket.approvalId())).get().extracting(ApprovalTicket::status).isEqualTo(ApprovalStatus.EXPIRED);
        }

        @Test
        void aGrantNotUsedInTimeExpires() {
            ApprovalGrant grant = service.approve(propose("p1").approvalId(), APPROVER, "ok");
            clock.advance(Duration.ofMinutes(20));
            assertThatThrownBy(() -> service.apply(grant, as(APPROVER)))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.EXPIRED));
            assertThat(prices.applies).hasValue(0);
        }
    }

    @Nested
    class Tokens {

        @Test
        void aReplayedGrantIsRefused() {
            ApprovalGrant grant = service.approve(propose("p1").approvalId(), APPROVER, "ok");
            service.apply(grant, as(APPROVER));
            assertThatThrownBy(() -> service.apply(grant, as(APPROVER)))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.INVALID_TOKEN));
            assertThat(prices.applies).hasValue(1);
        }

        @Test
        void aForgedTokenIsRefused() {
            ApprovalGrant grant = service.approve(propose("p1").approvalId(), APPROVER, "ok");
            // a character inside the signature, where every bit counts: the last character of unpadded
            // base64 carries unused bits, so changing it alone may decode to the same signature
            String token = grant.token();
            int at = token.length() - 5;
            String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
            ApprovalGrant fake = new ApprovalGrant(grant.approvalId(), grant.changeSetId(), forged, grant.approvedBy(), grant.approvedAt());
            assertThatThrownBy(() -> service.apply(fake, as(APPROVER)))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.INVALID_TOKEN));
            assertThat(prices.applies).hasValue(0);
        }

        @Test
        void aTokenSignedWithAnotherKeyIsRefused() {
            ApprovalTicket ticket = propose("p1");
            ApprovalService other = ApprovalService.builder(ToolRegistry.of(prices), "another-key-another-key-another-key!".getBytes(StandardCharsets.UTF_8))
                    .store(store).clock(clock).build();
            ApprovalGrant grant = other.approve(ticket.approvalId(), APPROVER, "ok");
            assertThatThrownBy(() -> service.apply(grant, as(APPROVER)))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.INVALID_TOKEN));
        }

        @Test
        void aGrantForOneApprovalCannotApplyAnother() {
            ApprovalTicket first = propose("p1");
            ApprovalTicket second = propose("p2");
            ApprovalGrant grant = service.approve(first.approvalId(), APPROVER, "ok");
            service.approve(second.approvalId(), APPROVER, "ok");
            ApprovalGrant moved = new ApprovalGrant(second.approvalId(), second.changeSetId(), grant.token(), grant.approvedBy(), grant.approvedAt());
            assertThatThrownBy(() -> service.apply(moved, as(APPROVER)))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.INVALID_TOKEN));
            assertThat(prices.applies).hasValue(0);
        }

        @Test
        void keepsTheTokenOutOfToString() {
            ApprovalGrant grant = service.approve(propose("p1").approvalId(), APPROVER, "ok");
            assertThat(grant.toString()).doesNotContain(grant.token());
        }
    }

    @Nested
    class WhatWasApprovedIsWhatIsApplied {

        @Test
        void aStoredChangeSetAlteredAfterApprovalIsRefused() {
            ApprovalTicket ticket = propose("p1");
            ApprovalGrant grant = service.approve(ticket.approvalId(), APPROVER, "ok");
            ApprovalRecord r = store.find(ticket.approvalId()).orElseThrow();
            ObjectNode evil = JsonNodeFactory.instance.objectNode().put("price", 0);
            evil.withArray("ids").add("p1");
            ChangeSet altered = ChangeSet.builder().id(r.changeSet().id()).tool(r.changeSet().tool()).effect(r.changeSet().effect())
                    .arguments(evil).summary(r.changeSet().summary()).affected(r.changeSet().affected())
                    .requester(r.changeSet().requester()).createdAt(r.changeSet().createdAt()).build();
            store.overwrite(new ApprovalRecord(r.approvalId(), altered, r.hash(), r.affectedCount(), r.policyVersion(), r.status(),
                    r.expiresAt(), r.decidedBy(), r.decidedAt(), r.reason(), r.tokenNonce(), r.grantExpiresAt(), r.result(), r.rollbackOf(), r.revision()));

            assertThatThrownBy(() -> service.apply(grant, as(APPROVER)))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.TAMPERED));
            assertThat(prices.applies).hasValue(0);
            assertThat(prices.rows.get("p1").valueOrNull("price")).isEqualTo(new BigDecimal("10.00"));
        }

        @Test
        void aRecordChangedBetweenPreviewAndApplyIsRefused() {
            ApprovalTicket ticket = propose("p1");
            ApprovalGrant grant = service.approve(ticket.approvalId(), APPROVER, "ok");
            prices.put("p1", "11.00"); // someone edits p1: its version moves on

            assertThatThrownBy(() -> service.apply(grant, as(APPROVER)))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> {
                        assertThat(e.code()).isEqualTo(ApprovalException.STALE);
                        assertThat(e.getMessage()).contains("changed since the preview");
                    });
            assertThat(prices.rows.get("p1").valueOrNull("price")).isEqualTo(new BigDecimal("11.00"));
            assertThat(service.find(ticket.approvalId())).get().extracting(ApprovalTicket::status).isEqualTo(ApprovalStatus.FAILED);
        }

        @Test
        void moreAffectedRecordsThanPreviewedIsRefused() {
            // a proposal over a product that does not exist yet: creating it elsewhere turns the create into an update
            ApprovalTicket ticket = propose("p1", "p3");
            ApprovalGrant grant = service.approve(ticket.approvalId(), APPROVER, "ok");
            prices.put("p3", "5.00");
            assertThatThrownBy(() -> service.apply(grant, as(APPROVER)))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.STALE));
            assertThat(prices.applies).hasValue(0);
        }

        @Test
        void differentArgumentsGiveADifferentHash() {
            ApprovalTicket a = propose("p1");
            ApprovalTicket b = propose("p2");
            assertThat(store.find(a.approvalId()).orElseThrow().hash()).isNotEqualTo(store.find(b.approvalId()).orElseThrow().hash());
        }
    }

    @Test
    void twoInstancesApplyingAtOnceApplyOnce() throws Exception {
        ApprovalTicket ticket = propose("p1", "p2");
        ApprovalGrant grant = service.approve(ticket.approvalId(), APPROVER, "ok");
        ApprovalService other = newInstance();
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<String>> results = new ArrayList<>();
        for (ApprovalService s : List.of(service, other)) {
            results.add(pool.submit(() -> {
                start.await();
                try {
                    s.apply(grant, as(APPROVER));
                    return "applied";
                } catch (ApprovalException e) {
                    return e.code();
                }
            }));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> f : results) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        assertThat(outcomes).containsOnlyOnce("applied");
        assertThat(prices.applies).hasValue(1);
    }

    @Test
    void nothingIsProposedOrApprovedWhenTheAuditTrailCannotBeWritten() {
        ApprovalService noAudit = ApprovalService.builder(ToolRegistry.of(prices), KEY).store(store).clock(clock)
                .audit(e -> {
                    throw new AuditException("audit store down");
                }).build();
        ChangeSet cs = prices.propose(ToolCall.of("set_prices",
                JsonNodeFactory.instance.objectNode().put("price", 1).set("ids", JsonNodeFactory.instance.arrayNode().add("p1"))), as(MARKETER));
        assertThatThrownBy(() -> noAudit.submit(cs, as(MARKETER)))
                .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo("audit_unavailable"));
        assertThat(store.findByChangeSet(cs.id())).isEmpty();

        ApprovalTicket ticket = propose("p1");
        assertThatThrownBy(() -> noAudit.approve(ticket.approvalId(), APPROVER, "ok"))
                .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo("audit_unavailable"));
        assertThat(store.find(ticket.approvalId()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Nested
    class Rollback {

        @Test
        void restoresTheExactPriorRecordsAfterItsOwnApproval() {
            ApprovalTicket ticket = propose("p1", "p3");
            service.apply(service.approve(ticket.approvalId(), APPROVER, "ok"), as(APPROVER));

            ApprovalTicket undo = service.proposeRollback(ticket.changeSetId(), MARKETER);
            assertThat(undo.status()).isEqualTo(ApprovalStatus.PENDING);
            assertThat(prices.rows).containsKey("p3");
            service.apply(service.approve(undo.approvalId(), APPROVER, "undo"), as(APPROVER));

            assertThat(prices.rows.get("p1").valueOrNull("price")).isEqualTo(new BigDecimal("10.00"));
            assertThat(prices.rows).doesNotContainKey("p3");
        }

        @Test
        void reportsAConflictAndOverwritesNothingAfterALaterEdit() {
            ApprovalTicket ticket = propose("p1");
            service.apply(service.approve(ticket.approvalId(), APPROVER, "ok"), as(APPROVER));
            prices.put("p1", "12.00");

            ApprovalTicket undo = service.proposeRollback(ticket.changeSetId(), MARKETER);
            ApprovalGrant grant = service.approve(undo.approvalId(), APPROVER, "undo");
            assertThatThrownBy(() -> service.apply(grant, as(APPROVER)))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> {
                        assertThat(e.code()).isEqualTo(ApprovalException.APPLY_FAILED);
                        assertThat(e.getMessage()).contains("changed since the preview");
                    });
            assertThat(prices.rows.get("p1").valueOrNull("price")).isEqualTo(new BigDecimal("12.00"));
        }

        @Test
        void refusesToRollBackWhatWasNotApplied() {
            ApprovalTicket ticket = propose("p1");
            assertThatThrownBy(() -> service.proposeRollback(ticket.changeSetId(), MARKETER))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.NOT_REVERSIBLE));
        }

        @Test
        void auditsEveryRefusedRollback() {
            ApprovalTicket ticket = propose("p1");
            assertThatThrownBy(() -> service.proposeRollback(ticket.changeSetId(), MARKETER)).isInstanceOf(ApprovalException.class);
            assertThatThrownBy(() -> service.proposeRollback("no-such-change-set", MARKETER)).isInstanceOf(ApprovalException.class);

            assertThat(audit.events()).filteredOn(e -> e.action() == AuditAction.ROLLBACK)
                    .extracting(AuditEvent::outcome, AuditEvent::principal)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("refused:" + ApprovalException.NOT_REVERSIBLE, "mia"),
                            org.assertj.core.groups.Tuple.tuple("refused:" + ApprovalException.UNKNOWN_APPROVAL, "mia"));
        }
    }

    @Nested
    class Races {

        @Test
        void manyApproversAtOnceRecordOneApprovedDecision() throws Exception {
            ApprovalTicket ticket = propose("p1");
            int approvers = 16;
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(approvers);
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(approvers);
            List<java.util.concurrent.Future<?>> tries = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < approvers; i++) {
                    Principal approver = Principal.of("approver-" + i, "approver");
                    tries.add(pool.submit(() -> {
                        start.await();
                        return service.approve(ticket.approvalId(), approver, "ok");
                    }));
                }
                int granted = 0;
                for (var t : tries) {
                    try {
                        t.get();
                        granted++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(ApprovalException.class);
                    }
                }
                assertThat(granted).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(outcomes()).filteredOn("approved"::equals).hasSize(1);
        }

        @Test
        void aDecisionWhoseAuditFailsIsTakenBack() {
            ApprovalTicket ticket = propose("p1");
            ApprovalService noAudit = ApprovalService.builder(ToolRegistry.of(prices), KEY).store(store).clock(clock)
                    .audit(e -> {
                        throw new io.promoagent.core.audit.AuditException("down");
                    }).build();

            assertThatThrownBy(() -> noAudit.approve(ticket.approvalId(), APPROVER, "ok")).isInstanceOf(ApprovalException.class);

            assertThat(store.find(ticket.approvalId()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
            service.apply(service.approve(ticket.approvalId(), APPROVER, "ok"), as(APPROVER));
            assertThat(prices.applies).hasValue(1);
        }

        @Test
        void aRejectionWithoutAReasonIsAuditedAsRefused() {
            ApprovalTicket ticket = propose("p1");
            assertThatThrownBy(() -> service.reject(ticket.approvalId(), APPROVER, " ")).isInstanceOf(ApprovalException.class);
            assertThat(outcomes()).contains("refused:" + ApprovalException.REASON_REQUIRED);
        }
    }

    /** A clock tests move forward. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
