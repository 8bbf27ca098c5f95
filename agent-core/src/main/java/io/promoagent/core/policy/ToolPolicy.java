package io.promoagent.core.policy;

import io.promoagent.core.security.Principal;
import io.promoagent.core.tool.ToolDescriptor;

/**
 * Decides whether a principal may use a tool; consulted for every call before the tool runs or proposes.
 *
 * <p>A denied call is audited and answered with a {@code denied} error; it never reaches the tool.
 */
@FunctionalInterface
public interface ToolPolicy {

    PolicyDecision decide(Principal principal, ToolDescriptor tool);

    /** Lets everyone use every tool: write tools still only propose, so nothing is written unapproved. */
    static ToolPolicy allowAll() {
        return (principal, tool) -> PolicyDecision.allow();
    }
}
