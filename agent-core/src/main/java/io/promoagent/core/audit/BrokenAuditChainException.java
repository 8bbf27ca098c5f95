package io.promoagent.core.audit;

import java.util.Objects;

/**
 * An audit store that refuses to open because the chain it holds does not verify: appending to it would
 * hide the damage behind fresh, valid links.
 */
public class BrokenAuditChainException extends AuditException {

    private static final long serialVersionUID = 1L;

    private final transient AuditVerification verification;

    public BrokenAuditChainException(String message, AuditVerification verification) {
        super(message + ": " + verification);
        this.verification = Objects.requireNonNull(verification, "verification");
    }

    /** What the verifier found. */
    public AuditVerification verification() {
        return verification;
    }
}
