package io.promoagent.core.approval;

import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an approval service keeps about one change set: the change set, the hash that binds its
 * approval, where it stands, who decided, and what applying it did. Stores change it only by replacing a
 * record whose {@code revision} they still hold, so concurrent instances never both win.
 *
 * @param approvalId     the approval's id
 * @param changeSet      the change set exactly as proposed
 * @param hash           the {@link ChangeSetDigest} of the change set when it was proposed
 * @param affectedCount  the exact number of affected records previewed
 * @param policyVersion  the version of the approval policy it was proposed under
 * @param status         where it stands
 * @param expiresAt      when it can no longer be approved
 * @param decidedBy      who approved or rejected it
 * @param decidedAt      when
 * @param reason         the decision's reason, or why applying failed
 * @param tokenNonce     the nonce of the single grant issued, once approved
 * @param grantExpiresAt when that grant can no longer be used
 * @param result         what applying did, once applied
 * @param rollbackOf     the change set this one compensates, for a rollback
 * @param attempt        the write-ahead note of the apply under way, from {@code applying} on
 * @param revision       incremented on every change; the condition of every replace
 */
public record ApprovalRecord(
        String approvalId,
        ChangeSet changeSet,
        String hash,
        int affectedCount,
        String policyVersion,
        ApprovalStatus status,
        Instant expiresAt,
        Optional<String> decidedBy,
        Optional<Instant> decidedAt,
        Optional<String> reason,
        Optional<String> tokenNonce,
        Optional<Instant> grantExpiresAt,
        Optional<ApplyResult> result,
        Optional<String> rollbackOf,
        Optional<ApplyAttempt> attempt,
        long revision) {

    public ApprovalRecord {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(changeSet, "changeSet");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(policyVersion, "policyVersion");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(tokenNonce, "tokenNonce");
        Objects.requireNonNull(grantExpiresAt, "grantExpiresAt");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(rollbackOf, "rollbackOf");
        Objects.requireNonNull(attempt, "attempt");
    }

    /** A record with no apply under way. */
    public ApprovalRecord(String approvalId, ChangeSet changeSet, String hash, int affectedCount, String policyVersion,
                          ApprovalStatus status, Instant expiresAt, Optional<String> decidedBy, Optional<Instant> decidedAt,
                          Optional<String> reason, Optional<String> tokenNonce, Optional<Instant> grantExpiresAt,
                          Optional<ApplyResult> result, Optional<String> rollbackOf, long revision) {
        this(approvalId, changeSet, hash, affectedCount, policyVersion, status, expiresAt, decidedBy, decidedAt, reason,
                tokenNonce, grantExpiresAt, result, rollbackOf, Optional.empty(), revision);
    }

    static ApprovalRecord pending(String approvalId, ChangeSet changeSet, String hash, String policyVersion,
                                  Instant expiresAt, Optional<String> rollbackOf) {
        return new ApprovalRecord(approvalId, changeSet, hash, changeSet.affectedCount(), policyVersion,
                ApprovalStatus.PENDING, expiresAt, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), rollbackOf, Optional.empty(), 0);
    }

    ApprovalRecord decided(ApprovalStatus next, String by, Instant at, String why, Optional<String> nonce,
                           Optional<Instant> grantExpiry) {
        return new ApprovalRecord(approvalId, changeSet, hash, affectedCount, policyVersion, next, expiresAt,
                Optional.of(by), Optional.of(at), Optional.ofNullable(why), nonce, grantExpiry, result, rollbackOf,
                attempt, revision + 1);
    }

    ApprovalRecord withStatus(ApprovalStatus next, Optional<String> why) {
        return new ApprovalRecord(approvalId, changeSet, hash, affectedCount, policyVersion, next, expiresAt,
                decidedBy, decidedAt, why.isPresent() ? why : reason, tokenNonce, grantExpiresAt, result, rollbackOf,
                attempt, revision + 1);
    }

    /** This record's content as it was in {@code earlier}, at a revision after this one: a change taken back. */
    ApprovalRecord restoredAfter(ApprovalRecord current) {
        return new ApprovalRecord(approvalId, changeSet, hash, affectedCount, policyVersion, status, expiresAt, decidedBy,
                decidedAt, reason, tokenNonce, grantExpiresAt, result, rollbackOf, attempt, current.revision() + 1);
    }

    /** The record claimed for applying, with the write-ahead note of the attempt. */
    ApprovalRecord applying(ApplyAttempt next) {
        return new ApprovalRecord(approvalId, changeSet, hash, affectedCount, policyVersion, ApprovalStatus.APPLYING,
                expiresAt, decidedBy, decidedAt, reason, tokenNonce, grantExpiresAt, result, rollbackOf,
                Optional.of(next), revision + 1);
    }

    ApprovalRecord applied(ApplyResult applyResult) {
        return new ApprovalRecord(approvalId, changeSet, hash, affectedCount, policyVersion, ApprovalStatus.APPLIED,
                expiresAt, decidedBy, decidedAt, reason, tokenNonce, grantExpiresAt, Optional.of(applyResult),
                rollbackOf, attempt, revision + 1);
    }

    /** The ticket a caller sees for this record. */
    public ApprovalTicket ticket(String message) {
        return new ApprovalTicket(approvalId, changeSet.id(), status, Optional.of(expiresAt), message);
    }

    /**
     * The record's JSON form on one line, exact to the decimal, so that a store outside the process
     * (DynamoDB, a file) keeps a record that hashes to the same value when read back.
     */
    public String toJson() {
        return ApprovalRecordJson.write(this);
    }

    /**
     * Reads a record from the JSON form {@link #toJson()} writes.
     *
     * @throws ApprovalException when {@code json} is not an approval record
     */
    public static ApprovalRecord fromJson(String json) {
        return ApprovalRecordJson.read(json);
    }
}
