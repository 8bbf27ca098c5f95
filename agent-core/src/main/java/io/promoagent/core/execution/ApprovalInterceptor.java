package io.promoagent.core.execution;

import io.promoagent.core.AgentErrorCode;
import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalGate;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.tool.Proposal;
import io.promoagent.core.tool.ToolCall;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.core.tool.WriteTool;
import java.util.ArrayList;
import java.util.List;

/**
 * The approval gate: a write or send call never runs; its tool proposes a change set, the gate takes it,
 * and the call's result is the approval ticket. Read calls pass through.
 *
 * <p>The change set is checked against the call before it is submitted, so that an approval always binds
 * to what was actually asked: the same tool, effect, arguments and requester.
 */
final class ApprovalInterceptor implements ToolInterceptor {

    private final ApprovalGate gate;

    ApprovalInterceptor(ApprovalGate gate) {
        this.gate = gate;
    }

    @Override
    public ToolResult intercept(Chain chain) {
        if (!(chain.tool() instanceof WriteTool writer)) {
            return chain.proceed(chain.call());
        }
        ToolCall call = chain.call();
        ToolContext context = chain.context();
        ChangeSet changeSet;
        try {
            changeSet = writer.propose(call, context);
        } catch (RuntimeException e) {
            return Failures.toResult(call.tool(), e);
        }
        List<String> mismatches = mismatches(writer, call, context, changeSet);
        if (!mismatches.isEmpty()) {
            return ToolResult.failed(AgentErrorCode.TOOL_FAILED, "tool '" + call.tool()
                    + "' proposed a change set that does not match its call: " + String.join("; ", mismatches));
        }
        ApprovalTicket ticket;
        try {
            ticket = gate.submit(changeSet, context);
        } catch (ApprovalException e) {
            return ToolResult.failed(AgentErrorCode.APPROVAL_UNAVAILABLE, e.getMessage());
        } catch (RuntimeException e) {
            return Failures.toResult(call.tool(), e);
        }
        if (ticket == null || !ticket.changeSetId().equals(changeSet.id())) {
            return ToolResult.failed(AgentErrorCode.APPROVAL_UNAVAILABLE,
                    "the approval gate did not return a ticket for the change set");
        }
        return ToolResult.proposed(new Proposal(changeSet, ticket));
    }

    private static List<String> mismatches(WriteTool tool, ToolCall call, ToolContext context, ChangeSet changeSet) {
        List<String> m = new ArrayList<>();
        if (changeSet == null) {
            m.add("it is null");
            return m;
        }
        if (!changeSet.tool().equals(tool.descriptor().name())) {
            m.add("its tool is '" + changeSet.tool() + "'");
        }
        if (changeSet.effect() != tool.descriptor().effect()) {
            m.add("its effect is " + changeSet.effect());
        }
        if (!changeSet.arguments().equals(call.arguments())) {
            m.add("its arguments differ from the call's");
        }
        if (!changeSet.requester().equals(context.principal().id())) {
            m.add("its requester is '" + changeSet.requester() + "'");
        }
        return m;
    }
}
