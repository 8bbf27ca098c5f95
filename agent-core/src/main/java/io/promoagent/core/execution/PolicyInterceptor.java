package io.promoagent.core.execution;

import io.promoagent.core.policy.PolicyDecision;
import io.promoagent.core.policy.ToolPolicy;
import io.promoagent.core.tool.ToolResult;

/** Lets a call through only if the policy allows its principal to use its tool. */
final class PolicyInterceptor implements ToolInterceptor {

    private final ToolPolicy policy;

    PolicyInterceptor(ToolPolicy policy) {
        this.policy = policy;
    }

    @Override
    public ToolResult intercept(Chain chain) {
        PolicyDecision decision = policy.decide(chain.context().principal(), chain.tool().descriptor());
        if (decision == null || !decision.allowed()) {
            String why = decision == null || decision.reason().isBlank()
                    ? "'" + chain.context().principal().id() + "' may not use the tool '" + chain.call().tool() + "'"
                    : decision.reason();
            return ToolResult.denied(why);
        }
        return chain.proceed(chain.call());
    }
}
