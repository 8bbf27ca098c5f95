package io.promoagent.core.approval;

import java.util.List;
import java.util.Optional;

/**
 * Where approvals are kept: memory for one process, DynamoDB when many instances (Lambda functions) share
 * them. Every change is a conditional replace, so that an approval is applied exactly once even when two
 * instances race.
 */
public interface ApprovalStore {

    /**
     * Stores a new record.
     *
     * @throws ApprovalException when a record with its id exists
     */
    void create(ApprovalRecord record);

    Optional<ApprovalRecord> find(String approvalId);

    /** The approval of a change set, if it was submitted. */
    Optional<ApprovalRecord> findByChangeSet(String changeSetId);

    /**
     * Replaces {@code expected} by {@code next} only if the stored record still has {@code expected}'s
     * revision; returns whether it did.
     */
    boolean replace(ApprovalRecord expected, ApprovalRecord next);

    /** Every record, oldest first. */
    List<ApprovalRecord> list();
}
