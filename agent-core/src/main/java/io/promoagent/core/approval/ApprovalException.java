package io.promoagent.core.approval;

import io.promoagent.schema.AgentException;
import java.util.Objects;

/**
 * An approval step that was refused or could not be done: an unknown approval, a missing role,
 * self-approval, a used or expired token, a change set that no longer matches, no approval service.
 */
public class ApprovalException extends AgentException {

    private static final long serialVersionUID = 1L;

    /** No approval service is configured: nothing can be approved or applied. */
    public static final String NO_APPROVAL_SERVICE = "no_approval_service";
    /** No approval has the given id. */
    public static final String UNKNOWN_APPROVAL = "unknown_approval";

    /** The approval was already decided, applied, or is being applied. */
    public static final String NOT_PENDING = "not_pending";
    /** The approval, or its grant, expired. */
    public static final String EXPIRED = "expired";
    /** The principal lacks the role that approving needs. */
    public static final String NOT_AN_APPROVER = "not_an_approver";
    /** The requester tried to approve their own change. */
    public static final String SELF_APPROVAL = "self_approval";
    /** The grant's token is forged, altered, for another approval, or already used. */
    public static final String INVALID_TOKEN = "invalid_token";
    /** The stored change set no longer hashes to what was approved. */
    public static final String TAMPERED = "tampered";
    /** The affected records changed between the preview and the apply. */
    public static final String STALE = "stale";
    /** Applying failed after the checks passed; the reason says why. */
    public static final String APPLY_FAILED = "apply_failed";
    /** The change cannot be rolled back (nothing applied, a send, records changed since). */
    public static final String NOT_REVERSIBLE = "not_reversible";
    /** A rejection was made without a reason. */
    public static final String REASON_REQUIRED = "reason_required";
    /** The change set names a tool that reads only, so there is nothing to approve. */
    public static final String NOT_A_WRITE_TOOL = "not_a_write_tool";
    /** A store already holds an approval with this id. */
    public static final String DUPLICATE_APPROVAL = "duplicate_approval";
    /** A stored approval cannot be read back. */
    public static final String CORRUPT_RECORD = "corrupt_record";
    /** An id prefix that starts more than one approval's (or change set's) id. */
    public static final String AMBIGUOUS_ID = "ambiguous_id";
    /** An id prefix shorter than 8 characters that is not a whole id. */
    public static final String ID_TOO_SHORT = "id_too_short";
    /** A change set writes records of more than one source and its tool does not say how that is made safe. */
    public static final String CROSS_SOURCE = "cross_source_write";
    // an unknown tool and an unusable audit trail use the shared codes AgentErrorCode.UNKNOWN_TOOL and
    // AgentErrorCode.AUDIT_UNAVAILABLE, so a caller sees one code per failure whichever path reports it

    private final String code;

    /**
     * @param code    a stable code a caller can branch on ({@code unknown_approval})
     * @param message why, in one sentence
     */
    public ApprovalException(String code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }
}
