package io.promoagent.core.approval;

import java.util.Locale;

/** Where the approval of a change set stands. */
public enum ApprovalStatus {
    /** Waiting for an approver. */
    PENDING,
    /** Approved; not yet applied (one a crash left so is applied or released by {@link ApprovalService#recover}). */
    APPROVED,
    /** Rejected by an approver; it will never be applied. */
    REJECTED,
    /**
     * Claimed by one instance that is applying it now; no other instance can. One left so by a crash is
     * finished by {@link ApprovalService#recover}.
     */
    APPLYING,
    /** Applied, exactly once. */
    APPLIED,
    /** Applying failed (a record changed since the proposal, a store refused); nothing more happens to it. */
    FAILED,
    /** Not decided in time; it will never be applied. */
    EXPIRED,
    /** The gate would not take it (no approval service is configured); it will never be applied. */
    REFUSED;

    /** Whether an approver can still decide. */
    public boolean isOpen() {
        return this == PENDING;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
