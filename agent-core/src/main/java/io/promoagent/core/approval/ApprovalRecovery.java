package io.promoagent.core.approval;

import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How {@link ApprovalService#recover} finishes approvals a crash left approved or applying: an applying one
 * is taken over and written again with its idempotency token (the writer completes or performs the one
 * write), an approved one is applied while its grant is valid and released once it has expired.
 */
final class ApprovalRecovery {

    private final ApprovalService service;
    private final ApprovalStore store;
    private final ApprovableTools tools;
    private final ApprovalTokens tokens;
    private final Clock clock;

    ApprovalRecovery(ApprovalService service, ApprovalStore store, ApprovableTools tools, ApprovalTokens tokens, Clock clock) {
        this.service = service;
        this.store = store;
        this.tools = tools;
        this.tokens = tokens;
        this.clock = clock;
    }

    List<ApprovalRecord> recover(Duration olderThan) {
        Instant now = clock.instant();
        List<ApprovalRecord> settled = new ArrayList<>();
        for (ApprovalRecord r : store.list()) {
            if (r.status() != ApprovalStatus.APPLYING && r.status() != ApprovalStatus.APPROVED) {
                continue;
            }
            Instant since = r.attempt().map(ApplyAttempt::startedAt).or(r::decidedAt).orElse(now);
            if (now.isBefore(since.plus(olderThan))) {
                continue;
            }
            try {
                if (r.status() == ApprovalStatus.APPLYING) {
                    recoverApplying(r, now);
                } else {
                    recoverApproved(r, now);
                }
            } catch (ApprovalException e) {
                // settled as failed or refused, and audited, by the path that threw
            } catch (RuntimeException e) {
                // the store could not be read or written: the approval stays as it is for the next recovery
            }
            store.find(r.approvalId()).filter(after -> after.revision() != r.revision()).ifPresent(settled::add);
        }
        return List.copyOf(settled);
    }

    private void recoverApplying(ApprovalRecord record, Instant now) {
        ApplyAttempt was = record.attempt().orElse(new ApplyAttempt(record.decidedBy().orElse("unknown"), "recovery", now));
        ApprovalRecord claimed = record.applying(new ApplyAttempt(was.appliedBy(), was.sessionId(), now));
        if (!store.replace(record, claimed)) {
            return; // another process is recovering it, or the apply finished meanwhile
        }
        ToolContext context = new ToolContext(Principal.of(was.appliedBy()), was.sessionId(), "recover:" + record.approvalId(), clock);
        ApprovableTools.ApprovableTool tool;
        try {
            tool = tools.writeTool(record.changeSet().tool());
        } catch (ApprovalException e) {
            store.replace(claimed, claimed.withStatus(ApprovalStatus.FAILED, Optional.of("recovery: " + e.getMessage())));
            service.auditQuietly(AuditAction.APPLY, context.principal(), record, "failed", "recovery: " + e.getMessage());
            return;
        }
        service.write(tool, claimed, grantOf(record), context, "recovered an interrupted apply: ");
    }

    private void recoverApproved(ApprovalRecord record, Instant now) {
        String approver = record.decidedBy().orElse("unknown");
        if (record.grantExpiresAt().map(now::isBefore).orElse(false)) {
            service.apply(grantOf(record), new ToolContext(Principal.of(approver), "recovery", "recover:" + record.approvalId(), clock));
            return;
        }
        String why = "approved by " + approver + " but never applied, and the grant expired at "
                + record.grantExpiresAt().map(Instant::toString).orElse("?") + "; propose the change again";
        if (store.replace(record, record.withStatus(ApprovalStatus.EXPIRED, Optional.of(why)))) {
            service.auditQuietly(AuditAction.APPLY, Principal.of(approver), record, "released", why);
        }
    }

    /** The grant the approval's approver was given: tokens are a function of their claims, so it is the same one. */
    private ApprovalGrant grantOf(ApprovalRecord r) {
        String approver = r.decidedBy().orElseThrow();
        String token = tokens.issue(new ApprovalTokens.Claims(r.approvalId(), r.changeSet().id(), r.hash(), approver,
                r.tokenNonce().orElseThrow(), r.grantExpiresAt().orElseThrow()));
        return new ApprovalGrant(r.approvalId(), r.changeSet().id(), token, approver, r.decidedAt().orElseThrow());
    }
}
