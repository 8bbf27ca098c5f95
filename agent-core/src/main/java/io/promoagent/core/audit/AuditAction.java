package io.promoagent.core.audit;

import java.util.Locale;

/** What an audit record is about. */
public enum AuditAction {
    /** A tool call, whatever its outcome (read, refused, invalid, failed). */
    TOOL_CALL,
    /** A write or send call that produced a change set for approval. */
    PROPOSAL,
    /** An approval or rejection. */
    DECISION,
    /** An approved change set applied. */
    APPLY,
    /** A rollback of an applied change set. */
    ROLLBACK,
    /** An approval request sent to approvers (e-mail, webhook), or one that could not be sent. */
    NOTIFICATION,
    /**
     * A read over budget: held for a person's confirmation, confirmed, run once confirmed, or expired
     * (the outcome says which).
     */
    READ_HOLD,
    /**
     * What a read would read, shown to a person before and instead of running it ("explain ...", the page's
     * explain button): the query, and its estimate in the detail.
     */
    READ_EXPLAINED;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
