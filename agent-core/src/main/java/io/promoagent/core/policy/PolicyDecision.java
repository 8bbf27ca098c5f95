package io.promoagent.core.policy;

import java.util.Objects;

/**
 * Whether a principal may use a tool, and if not, why (the reason is shown to the model and the person).
 *
 * @param allowed whether the call may go ahead
 * @param reason  why it may not; empty when allowed
 */
public record PolicyDecision(boolean allowed, String reason) {

    private static final PolicyDecision ALLOW = new PolicyDecision(true, "");

    public PolicyDecision {
        Objects.requireNonNull(reason, "reason");
    }

    public static PolicyDecision allow() {
        return ALLOW;
    }

    public static PolicyDecision deny(String reason) {
        return new PolicyDecision(false, reason);
    }
}
