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
