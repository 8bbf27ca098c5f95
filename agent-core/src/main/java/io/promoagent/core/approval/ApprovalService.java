package io.promoagent.core.approval;

import java.util.HashSet;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.ChainedAuditSink;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.promoagent.core.internal.telemetry.AgentTelemetry;
import io.promoagent.core.internal.telemetry.ApprovalLinks;
import io.promoagent.core.internal.telemetry.AuditTrace;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.core.AgentErrorCode;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.AuditException;
import io.promoagent.core.audit.AuditSink;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.StaleChangeException;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.promoagent.schema.model.DataModel;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The approval gate that lets changes through: it stores each proposed change set with the hash that
 * binds its approval, lets only an approver who is not the requester approve it, issues a signed,
 * single-use grant, and applies the change set exactly once after checking that nothing about it
 * changed. Every decision, apply and refusal is audited first; if the audit cannot be written, nothing
 * happens.
 *
 * <p>Stateless between calls: with a shared {@link ApprovalStore} and the same signing key, any number of
 * instances serve the same approvals, and conditional replaces make each apply happen once.
 */
public final class ApprovalService implements ApprovalGate {

    /** The role that may approve, unless configured otherwise. */
    public static final String APPROVER_ROLE = "approver";

    private final ApprovalStore store;
    private final ApprovableTools tools;
    private final AuditSink audit;
    private final ApprovalTokens tokens;
    private final Clock clock;
    private final Duration expiry;
    private final Duration grantTtl;
    private final Set<String> approverRoles;
    private final String policyVersion;
    private final AgentTelemetry telemetry;
    private final ApprovalLinks links = new ApprovalLinks();
    private final Duration recoverAfter;
    private final ApprovalRecovery recovery;
    private final ApprovalNotifier notifier;
    private final Optional<ChangeSetSources> sources;

    private ApprovalService(Builder b) {
        this.store = b.store;
        this.tools = b.tools;
        this.audit = b.audit;
        this.tokens = new ApprovalTokens(b.signingKey);
        this.clock = b.clock;
        this.expiry = b.expiry;
        this.grantTtl = b.grantTtl;
        this.approverRoles = Set.copyOf(b.approverRoles);
        this.policyVersion = b.policyVersion;
        this.telemetry = AgentTelemetry.of(b.openTelemetry);
        this.recoverAfter = b.recoverAfter;
        this.recovery = new ApprovalRecovery(this, store, tools, tokens, clock);
        this.notifier = b.notifier;
        this.sources = b.model.map(ChangeSetSources::new);
    }

    public static Builder builder(ApprovableTools tools, byte[] signingKey) {
        return new Builder(tools, signingKey);
    }

    @Override
    public ApprovalTicket submit(ChangeSet changeSet, ToolContext context) {
        return submit(changeSet, context.principal(), Optional.empty());
    }

    /** Stores a proposal after auditing it, so that no change can wait for approval unaudited. */
    private ApprovalTicket submit(ChangeSet changeSet, Principal requester, Optional<String> rollbackOf) {
        try {
            ApprovableTools.ApprovableTool tool = tools.writeTool(changeSet.tool());
            if (tool.crossSourceSafety().isEmpty()) {
                sources.ifPresent(s -> s.checkOneSource(changeSet));
            }
        } catch (ApprovalException e) {
            auditQuietly(new AuditEvent(clock.instant(), AuditAction.PROPOSAL, requester.id(), "change_set", changeSet.id(),
                    changeSet.tool(), Optional.of(changeSet.effect()), changeSet.arguments(), "refused:" + e.code(),
                    Optional.of(changeSet.id()), Optional.empty(), changeSet.affectedCount(), e.getMessage()));
            throw e;
        }
        ApprovalRecord record = ApprovalRecord.pending(UUID.randomUUID().toString(), changeSet,
                ChangeSetDigest.of(changeSet, policyVersion), policyVersion, clock.instant().plus(expiry), rollbackOf);
        audit(AuditAction.PROPOSAL, requester, record, "submitted", "");
        store.create(record);
        links.proposed(record.approvalId());
        try {
            notifier.proposed(record);
        } catch (RuntimeException e) {
            // the proposal stands: a notice that cannot be sent is the notifier's to record
        }
        return record.ticket("awaits a person with the " + String.join(" or ", approverRoles) + " role");
    }

    @Override
    public Optional<ApprovalTicket> find(String approvalId) {
        return store.find(approvalId).map(r -> r.ticket(r.reason().orElse("")));
    }

    /** The stored record of an approval, for views of the change set, its preview and result. */
    public Optional<ApprovalRecord> record(String approvalId) {
        return store.find(approvalId);
    }

    /**
     * The whole approval id meant by {@code idOrPrefix}: an id, or a prefix of at least 8 characters that
     * starts exactly one approval's id (as pages and terminals show them cut). An id no approval has is
     * returned as it is, for the decision to refuse it as unknown.
     *
     * @throws ApprovalException {@code id_too_short} for a shorter prefix, {@code ambiguous_id} for one that
     *                           starts several ids
     */
    public String approvalId(String idOrPrefix) {
        return IdPrefix.resolve(idOrPrefix, store.find(idOrPrefix), store::list, ApprovalRecord::approvalId, "approval");
    }

    /**
     * The whole change set id meant by {@code idOrPrefix}, as {@link #approvalId} finds an approval's.
     *
     * @throws ApprovalException {@code id_too_short} or {@code ambiguous_id}
     */
    public String changeSetId(String idOrPrefix) {
        return IdPrefix.resolve(idOrPrefix, store.findByChangeSet(idOrPrefix), store::list, r -> r.changeSet().id(),
                "change set");
    }

    /** The approval of a change set. */
    public Optional<ApprovalRecord> recordOfChangeSet(String changeSetId) {
        return store.findByChangeSet(changeSetId);
    }

    /**
     * Every approval, oldest first, after recovering those left approved or applying for longer than the
     * recovery timeout ({@link #recover}), so that what an approver sees is never stuck for long.
     */
    public List<ApprovalRecord> list() {
        recover(recoverAfter);
        return store.list();
    }

    @Override
    public ApprovalGrant approve(String approvalId, Principal approver, String reason) {
        return traced("approve", approvalId, "approved", () -> approveNow(approvalId, approver, reason));
    }

    private ApprovalGrant approveNow(String approvalId, Principal approver, String reason) {
        ApprovalRecord record = decidable(approvalId, approver, "approve");
        describe("approve", record);
        Instant now = clock.instant();
        String nonce = ApprovalTokens.newNonce();
        Instant grantExpiry = now.plus(grantTtl);
        String token = tokens.issue(new ApprovalTokens.Claims(approvalId, record.changeSet().id(), record.hash(),
                approver.id(), nonce, grantExpiry));
        ApprovalRecord next = record.decided(ApprovalStatus.APPROVED, approver.id(), now, reason, Optional.of(nonce),
                Optional.of(grantExpiry));
        decide(record, next, approver, "approved", reason);
        return new ApprovalGrant(approvalId, record.changeSet().id(), token, approver.id(), now);
    }

    @Override
    public ApprovalTicket reject(String approvalId, Principal approver, String reason) {
        return traced("reject", approvalId, "rejected", () -> rejectNow(approvalId, approver, reason));
    }

    private ApprovalTicket rejectNow(String approvalId, Principal approver, String reason) {
        ApprovalRecord record = decidable(approvalId, approver, "reject");
        describe("reject", record);
        if (reason == null || reason.isBlank()) {
            throw refused(approver, record, ApprovalException.REASON_REQUIRED, "a rejection needs a reason");
        }
        ApprovalRecord next = record.decided(ApprovalStatus.REJECTED, approver.id(), clock.instant(), reason,
                Optional.empty(), Optional.empty());
        decide(record, next, approver, "rejected", reason);
        return next.ticket("rejected by " + approver.id() + ": " + reason);
    }

    /**
     * Stores a decision, then audits it: of many approvers deciding at once only the one whose conditional
     * replace wins records a decision (the others are audited as refused). The grant or ticket is handed out
     * only after the audit, and if the audit cannot be written the decision is taken back, so no decision
     * takes effect unaudited.
     */
    private void decide(ApprovalRecord record, ApprovalRecord next, Principal approver, String outcome, String reason) {
        if (!store.replace(record, next)) {
            throw refused(approver, record, ApprovalException.NOT_PENDING, "approval " + record.approvalId()
                    + " was decided by someone else meanwhile");
        }
        try {
            audit(AuditAction.DECISION, approver, record, outcome, reason);
        } catch (ApprovalException e) {
            store.replace(next, record.restoredAfter(next));
            throw e;
        }
    }

    @Override
    public ApplyResult apply(ApprovalGrant grant, ToolContext context) {
        return traced("apply", grant.approvalId(), null, () -> {
            ApplyResult result = applyNow(grant, context);
            Span.current().setAttribute(AgentTelemetry.AFFECTED, (long) result.appliedCount());
            return result;
        });
    }

    private ApplyResult applyNow(ApprovalGrant grant, ToolContext context) {
        Principal actor = context.principal();
        ApprovalRecord record = store.find(grant.approvalId()).orElseThrow(() -> refusedUnknown(actor, grant.approvalId()));
        describe("apply", record);
        ApprovalTokens.Claims claims = tokens.verify(grant.token()).orElseThrow(() ->
                refused(actor, record, ApprovalException.INVALID_TOKEN, "the grant's token is not one this service signed"));
        if (!claims.approvalId().equals(record.approvalId()) || !claims.changeSetId().equals(record.changeSet().id())
                || !claims.changeSetId().equals(grant.changeSetId())) {
            throw refused(actor, record, ApprovalException.INVALID_TOKEN, "the grant's token is for another approval");
        }
        if (record.status() != ApprovalStatus.APPROVED || record.tokenNonce().filter(claims.nonce()::equals).isEmpty()) {
            throw refused(actor, record, ApprovalException.INVALID_TOKEN,
                    "the grant was already used or the approval is " + record.status().jsonName());
        }
        if (!clock.instant().isBefore(claims.expiresAt())) {
            throw refused(actor, record, ApprovalException.EXPIRED, "the grant expired at " + claims.expiresAt());
        }
        String now = ChangeSetDigest.of(record.changeSet(), record.policyVersion());
        if (!now.equals(record.hash()) || !claims.hash().equals(record.hash())) {
            fail(record, "the stored change set no longer matches what was approved");
            throw refused(actor, record, ApprovalException.TAMPERED, "the stored change set no longer matches what was approved");
        }
        ApprovableTools.ApprovableTool tool = tools.writeTool(record.changeSet().tool());
        Optional<String> stale = record.rollbackOf().isPresent() ? Optional.empty() : staleness(tool, record);
        if (stale.isPresent()) {
            fail(record, stale.get());
            throw refused(actor, record, ApprovalException.STALE, stale.get());
        }
        audit(AuditAction.APPLY, actor, record, "applying", "");
        // Write-ahead: who applies and since when is stored before the write, beside the change set whose
        // records carry the before-images and versions the write is conditioned on, so that recover() can
        // finish an apply a crash interrupted.
        ApprovalRecord applying = record.applying(new ApplyAttempt(actor.id(), context.sessionId(), clock.instant()));
        if (!store.replace(record, applying)) {
            throw refused(actor, record, ApprovalException.INVALID_TOKEN, "the approval is already being applied elsewhere");
        }
        return write(tool, applying, grant, context, "");
    }

    /**
     * Applies a claimed approval through its tool and records the outcome. The tool's write carries the
     * change set's idempotency token, so a second call for the same approval (a recovery after a crash)
     * writes nothing twice: it completes the first call's write or performs it.
     */
    ApplyResult write(ApprovableTools.ApprovableTool tool, ApprovalRecord applying, ApprovalGrant grant,
                              ToolContext context, String how) {
        Principal actor = context.principal();
        ApplyResult result;
        try {
            result = tool.apply(ApprovedChangeSet.of(applying.changeSet(), grant), context);
        } catch (StaleChangeException e) {
            // the tool refused before doing anything: the world no longer allows exactly what was approved
            store.replace(applying, applying.withStatus(ApprovalStatus.FAILED, Optional.of(how + e.getMessage())));
            throw refused(actor, applying, ApprovalException.STALE, String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            if (store.replace(applying, applying.withStatus(ApprovalStatus.FAILED, Optional.of(how + e.getMessage())))) {
                auditQuietly(AuditAction.APPLY, actor, applying, "failed", how + e.getMessage());
            }
            throw new ApprovalException(ApprovalException.APPLY_FAILED, "applying change set " + applying.changeSet().id()
                    + " failed; nothing more will be tried: " + e.getMessage());
        }
        // Recorded and audited by whoever wins the replace (here and above): if a recovery took the approval
        // over meanwhile, it writes with the same token, gets this same result, and records it once.
        if (store.replace(applying, applying.applied(result))) {
            auditQuietly(AuditAction.APPLY, actor, applying, "applied", how + result.summary());
        }
        return result;
    }

    /**
     * Finishes what a crashed or stalled process left half done: every approval {@code applying} or
     * {@code approved} for longer than {@code olderThan}. An applying one is taken over (a conditional
     * replace, so one recoverer wins) and applied again with the same idempotency token: if the first write
     * happened the writer returns what it wrote and the approval is completed with it (outcome and
     * before-images recorded, audited); if not, the write happens now, or fails and the approval is failed
     * with the reason. An approved one whose grant is still valid is applied as its approver would have; one
     * whose grant expired is released as expired. Call it with {@link Duration#ZERO} at start-up when no
     * other process shares the store; {@link #list()} calls it with the configured timeout. At start-up it
     * also audits every decision and applied change whose audit record a crash cut off, when the audit sink
     * is a {@link ChainedAuditSink} whose chain it can read.
     *
     * @return the approvals it settled, as they are now
     * @throws ApprovalException {@code audit_unavailable} when, at start-up, the audit trail cannot be read or
     *                           appended to
     */
    public List<ApprovalRecord> recover(Duration olderThan) {
        List<ApprovalRecord> settled = recovery.recover(olderThan);
        if (olderThan.isZero()) {
            auditWhatACrashCutOff();
        }
        return settled;
    }

    /**
     * A decision and the outcome of an apply are each stored, then audited (the approvals and the audit live
     * in different stores, which no transaction spans); a process that dies between the two leaves a
     * decided approval with no {@code approved} or {@code rejected} record, or an applied one with no
     * {@code applied} record. At start-up ({@code recover(Duration.ZERO)}), when the audit sink's store can
     * be read (a {@link ChainedAuditSink}), each such approval gets its missing record, its detail saying it
     * was recorded after a restart, so every decision and every applied change is audited once. When the
     * chain cannot be read or a record cannot be appended, this fails ({@link ApprovalException}
     * {@code audit_unavailable}) rather than start with a decision or change missing from the audit.
     */
    private void auditWhatACrashCutOff() {
        if (!(audit instanceof ChainedAuditSink chained)) {
            return;
        }
        List<ApprovalRecord> decided = store.list().stream().filter(r -> r.decidedBy().isPresent()).toList();
        if (decided.isEmpty()) {
            return;
        }
        Set<String> decisions = new HashSet<>();
        Set<String> applies = new HashSet<>();
        try {
            long from = 0;
            for (List<AuditRecord> page = chained.store().read(from, 1_000); !page.isEmpty();
                 page = chained.store().read(from, 1_000)) {
                for (AuditRecord r : page) {
                    if (r.action() == AuditAction.DECISION && (r.outcome().equals("approved") || r.outcome().equals("rejected"))) {
                        r.approvalId().ifPresent(decisions::add);
                    } else if (r.action() == AuditAction.APPLY && r.outcome().equals("applied")) {
                        r.approvalId().ifPresent(applies::add);
                    }
                    from = r.sequence() + 1;
                }
            }
        } catch (AuditException e) {
            throw new ApprovalException(AgentErrorCode.AUDIT_UNAVAILABLE.code(), "the audit trail cannot be read, so"
                    + " decisions and applied changes whose audit record a crash cut off cannot be found: " + e.getMessage());
        }
        for (ApprovalRecord r : decided) {
            Principal approver = Principal.of(r.decidedBy().get());
            if (!decisions.contains(r.approvalId())) {
                audit(AuditAction.DECISION, approver, r, r.status() == ApprovalStatus.REJECTED ? "rejected" : "approved",
                        "recorded after a restart: " + r.reason().orElse(""));
            }
            if (r.status() == ApprovalStatus.APPLIED && r.result().isPresent() && !applies.contains(r.approvalId())) {
                String who = r.attempt().map(ApplyAttempt::appliedBy).orElse(approver.id());
                audit(AuditAction.APPLY, Principal.of(who), r, "applied", "recorded after a restart: " + r.result().get().summary());
            }
        }
    }

    /**
     * Proposes the rollback of an applied change set: a compensating change set built from the
     * before-images, submitted for approval like any other change. Applying it is conditional on the records
     * still being as the change left them.
     *
     * @throws ApprovalException when the change set was not applied or cannot be reversed (a send)
     */
    public ApprovalTicket proposeRollback(String changeSetId, Principal requester) {
        Optional<ApprovalRecord> found = store.findByChangeSet(changeSetId);
        if (found.isEmpty()) {
            auditQuietly(new AuditEvent(clock.instant(), AuditAction.ROLLBACK, requester.id(), "change_set", changeSetId, "",
                    Optional.empty(), JsonNodeFactory.instance.objectNode(), "refused:" + ApprovalException.UNKNOWN_APPROVAL,
                    Optional.of(changeSetId), Optional.empty(), 0, "no approval of this change set"));
            throw new ApprovalException(ApprovalException.UNKNOWN_APPROVAL, "no approval of change set " + changeSetId);
        }
        ApprovalRecord original = found.get();
        if (original.status() != ApprovalStatus.APPLIED || original.result().isEmpty()) {
            throw refusedRollback(requester, original, new ApprovalException(ApprovalException.NOT_REVERSIBLE, "change set "
                    + changeSetId + " is " + original.status().jsonName() + ", not applied"));
        }
        ChangeSet compensation;
        try {
            compensation = Compensation.of(original.changeSet(), original.result().get(), requester.id(), clock.instant());
        } catch (ApprovalException e) {
            throw refusedRollback(requester, original, e);
        }
        auditQuietly(AuditAction.ROLLBACK, requester, original, "proposed", "compensating change set " + compensation.id());
        return submit(compensation, requester, Optional.of(changeSetId));
    }

    /** Audits a refused rollback: a refusal changes nothing, but who tried what is part of the trail. */
    private ApprovalException refusedRollback(Principal requester, ApprovalRecord original, ApprovalException e) {
        auditQuietly(AuditAction.ROLLBACK, requester, original, "refused:" + e.code(), e.getMessage());
        return e;
    }

    private ApprovalRecord decidable(String approvalId, Principal approver, String verb) {
        ApprovalRecord record = store.find(approvalId).orElseThrow(() -> refusedUnknown(approver, approvalId));
        if (record.status() != ApprovalStatus.PENDING) {
            throw refused(approver, record, ApprovalException.NOT_PENDING, "approval " + approvalId + " is "
                    + record.status().jsonName() + "; only a pending approval can be decided");
        }
        if (!clock.instant().isBefore(record.expiresAt())) {
            store.replace(record, record.withStatus(ApprovalStatus.EXPIRED, Optional.of("expired at " + record.expiresAt())));
            throw refused(approver, record, ApprovalException.EXPIRED, "approval " + approvalId + " expired at " + record.expiresAt());
        }
        if (approver.roles().stream().noneMatch(approverRoles::contains)) {
            throw refused(approver, record, ApprovalException.NOT_AN_APPROVER, approver.id() + " may not " + verb
                    + " changes: that needs the " + String.join(" or ", approverRoles) + " role");
        }
        if (approver.id().equals(record.changeSet().requester())) {
            throw refused(approver, record, ApprovalException.SELF_APPROVAL, approver.id()
                    + " proposed this change and cannot " + verb + " it; another approver must");
        }
        return record;
    }

    /** Why the affected records are no longer the approved ones, by proposing the same call again. */
    private Optional<String> staleness(ApprovableTools.ApprovableTool tool, ApprovalRecord record) {
        ChangeSet approved = record.changeSet();
        ToolContext context = new ToolContext(Principal.of(approved.requester()), "approval:" + record.approvalId(),
                "recheck:" + record.approvalId(), clock);
        ChangeSet fresh;
        try {
            fresh = tool.propose("recheck-" + record.approvalId(), approved.arguments(), context);
        } catch (RuntimeException e) {
            return Optional.of("the change can no longer be worked out: " + e.getMessage());
        }
        if (fresh.affectedCount() != record.affectedCount()) {
            return Optional.of(record.affectedCount() + " records were approved, " + fresh.affectedCount()
                    + " would be affected now");
        }
        for (int i = 0; i < fresh.affected().size(); i++) {
            AffectedRecord a = approved.affected().get(i);
            AffectedRecord f = fresh.affected().get(i);
            if (!a.entity().equals(f.entity()) || !a.key().equals(f.key()) || a.operation() != f.operation()
                    || !a.version().equals(f.version())) {
                return Optional.of("record " + a.key() + " of " + a.entity() + " changed since the preview");
            }
        }
        return Optional.empty();
    }

    private void fail(ApprovalRecord record, String why) {
        store.replace(record, record.withStatus(ApprovalStatus.FAILED, Optional.of(why)));
    }

    private ApprovalException refusedUnknown(Principal actor, String approvalId) {
        auditQuietly(new AuditEvent(clock.instant(), AuditAction.DECISION, actor.id(), "approval", approvalId, "",
                Optional.empty(), JsonNodeFactory.instance.objectNode(), "refused:" + ApprovalException.UNKNOWN_APPROVAL,
                Optional.empty(), Optional.of(approvalId), 0, "no approval with this id"));
        return new ApprovalException(ApprovalException.UNKNOWN_APPROVAL, "no approval has the id " + approvalId);
    }

    private ApprovalException refused(Principal actor, ApprovalRecord record, String code, String message) {
        auditQuietly(AuditAction.DECISION, actor, record, "refused:" + code, message);
        return new ApprovalException(code, message);
    }

    /** Audits before acting: if the record cannot be written, the action does not happen. */
    /**
     * Runs a decision or an apply in its span, linked to the span of the tool call that proposed the change
     * (when this instance saw it): the approval and change set ids, the tool and its effect, the outcome and
     * the audit record's sequence; no principal, argument or value.
     */
    private <T> T traced(String operation, String approvalId, String decision, Supplier<T> body) {
        SpanBuilder builder = telemetry.span(operation, SpanKind.INTERNAL).setAttribute(AgentTelemetry.APPROVAL_ID, approvalId);
        links.proposal(approvalId).ifPresent(builder::addLink);
        Span span = builder.startSpan();
        try (Scope ignored = span.makeCurrent()) {
            T result = body.get();
            if (decision != null) {
                span.setAttribute(AgentTelemetry.DECISION, decision);
            }
            return result;
        } catch (ApprovalException e) {
            AgentTelemetry.fail(span, e.code());
            throw e;
        } catch (RuntimeException e) {
            AgentTelemetry.fail(span, e.getClass().getName());
            throw e;
        } finally {
            span.end();
        }
    }

    private static void describe(String operation, ApprovalRecord record) {
        ChangeSet cs = record.changeSet();
        Span.current().updateName(operation + " " + cs.tool())
                .setAttribute(AgentTelemetry.CHANGE_SET_ID, cs.id())
                .setAttribute(AgentTelemetry.TOOL_NAME, cs.tool())
                .setAttribute(AgentTelemetry.TOOL_EFFECT, cs.effect().name().toLowerCase(Locale.ROOT))
                .setAttribute(AgentTelemetry.AFFECTED, (long) record.affectedCount());
    }

    private void audit(AuditAction action, Principal actor, ApprovalRecord record, String outcome, String detail) {
        try {
            AuditTrace.record(audit, event(action, actor, record, outcome, detail));
        } catch (AuditException e) {
            throw new ApprovalException(AgentErrorCode.AUDIT_UNAVAILABLE.code(), "the audit trail cannot be written, so nothing was done: "
                    + e.getMessage());
        }
    }

    void auditQuietly(AuditAction action, Principal actor, ApprovalRecord record, String outcome, String detail) {
        auditQuietly(event(action, actor, record, outcome, detail));
    }

    private void auditQuietly(AuditEvent event) {
        try {
            AuditTrace.record(audit, event);
        } catch (AuditException e) {
            // a refusal or an outcome already decided cannot be undone; the caller still gets the error
        }
    }

    private AuditEvent event(AuditAction action, Principal actor, ApprovalRecord record, String outcome, String detail) {
        ChangeSet cs = record.changeSet();
        return new AuditEvent(clock.instant(), action, actor.id(), "approval", record.approvalId(), cs.tool(),
                Optional.of(cs.effect()), cs.arguments(), outcome, Optional.of(cs.id()), Optional.of(record.approvalId()),
                record.affectedCount(), detail == null ? "" : detail);
    }

    /** Configures an {@link ApprovalService}. */
    public static final class Builder {
        private final ApprovableTools tools;
        private final byte[] signingKey;
        private ApprovalStore store = new InMemoryApprovalStore();
        private AuditSink audit = AuditSink.none();
        private Clock clock = Clock.systemUTC();
        private Duration expiry = Duration.ofMinutes(15);
        private Duration grantTtl = Duration.ofMinutes(15);
        private Set<String> approverRoles = Set.of(APPROVER_ROLE, "admin");
        private String policyVersion = "1";
        private OpenTelemetry openTelemetry = OpenTelemetry.noop();

        /**
         * Where the spans of decisions and applies go, linked to the tool calls that proposed them; none by
         * default ({@link OpenTelemetry#noop()}).
         */
        public Builder openTelemetry(OpenTelemetry telemetry) {
            this.openTelemetry = Objects.requireNonNull(telemetry, "openTelemetry");
            return this;
        }
        private Duration recoverAfter = Duration.ofMinutes(5);
        private ApprovalNotifier notifier = ApprovalNotifier.none();
        private Optional<DataModel> model = Optional.empty();

        /**
         * The data model whose sources the records of a change set live in: a change set that writes records
         * of more than one source is then refused at proposal, unless its tool declares how it makes that
         * safe ({@code WriteTool.crossSourceSafety}). Without it, change sets are not checked by source.
         */
        public Builder dataModel(DataModel dataModel) {
            this.model = Optional.of(Objects.requireNonNull(dataModel, "dataModel"));
            return this;
        }

        /**
         * Who is told of each new proposal (approval requests by e-mail or webhook); no one by default. The
         * notifier is called once per proposal, after the proposal is stored and audited.
         */
        public Builder notifier(ApprovalNotifier newNotifier) {
            this.notifier = Objects.requireNonNull(newNotifier, "notifier");
            return this;
        }

        private Builder(ApprovableTools tools, byte[] signingKey) {
            this.tools = Objects.requireNonNull(tools, "tools");
            this.signingKey = Objects.requireNonNull(signingKey, "signingKey").clone();
        }

        public Builder store(ApprovalStore newStore) {
            this.store = Objects.requireNonNull(newStore, "store");
            return this;
        }

        /** Where decisions and applies are recorded; use a hash-chained sink in production. */
        public Builder audit(AuditSink sink) {
            this.audit = Objects.requireNonNull(sink, "audit");
            return this;
        }

        public Builder clock(Clock newClock) {
            this.clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /** How long a proposal may wait for a decision (default 15 minutes). */
        public Builder expiry(Duration duration) {
            this.expiry = positive(duration);
            return this;
        }

        /** How long a grant may wait to be applied (default 15 minutes). */
        public Builder grantTtl(Duration duration) {
            this.grantTtl = positive(duration);
            return this;
        }

        /** The roles any one of which lets a principal approve (default approver, admin). */
        public Builder approverRoles(String... roles) {
            if (roles.length == 0) {
                throw new IllegalArgumentException("at least one role must be able to approve");
            }
            this.approverRoles = Set.of(roles);
            return this;
        }

        /** Part of every hash: changing the policy invalidates approvals given under the old one. */
        public Builder policyVersion(String version) {
            this.policyVersion = Objects.requireNonNull(version, "policyVersion");
            return this;
        }

        /**
         * How long an approval may stay approved or applying before {@link ApprovalService#list()} takes it
         * for interrupted and recovers it (default 5 minutes): longer than any apply takes.
         */
        public Builder recoverAfter(Duration duration) {
            this.recoverAfter = positive(duration);
            return this;
        }

        public ApprovalService build() {
            return new ApprovalService(this);
        }

        private static Duration positive(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a duration must be positive, not " + d);
            }
            return d;
        }
    }
}
