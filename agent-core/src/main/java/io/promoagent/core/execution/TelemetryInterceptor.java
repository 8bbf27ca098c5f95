package io.promoagent.core.execution;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.promoagent.core.internal.telemetry.AgentTelemetry;
import io.promoagent.core.tool.ToolResult;
import java.util.Locale;

/**
 * The {@code execute_tool} span of each call, after the GenAI semantic conventions, and the tool duration
 * metric: the tool's name and effect, the model's call id, the outcome, and for a proposal the approval it
 * awaits. Never the arguments or the result: they may hold customer data.
 */
final class TelemetryInterceptor implements ToolInterceptor {

    private final AgentTelemetry telemetry;

    TelemetryInterceptor(AgentTelemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public ToolResult intercept(Chain chain) {
        String tool = chain.call().tool();
        String effect = chain.tool().descriptor().effect().name().toLowerCase(Locale.ROOT);
        Span span = telemetry.span("execute_tool " + tool, SpanKind.INTERNAL)
                .setAttribute(AgentTelemetry.OPERATION, "execute_tool")
                .setAttribute(AgentTelemetry.TOOL_NAME, tool)
                .setAttribute(AgentTelemetry.TOOL_TYPE, "function")
                .setAttribute(AgentTelemetry.TOOL_CALL_ID, chain.call().id())
                .setAttribute(AgentTelemetry.TOOL_EFFECT, effect)
                .setAttribute(AgentTelemetry.REQUEST_ID, chain.context().requestId())
                .startSpan();
        long start = System.nanoTime();
        ToolResult result = null;
        try (Scope ignored = span.makeCurrent()) {
            result = chain.proceed(chain.call());
            return result;
        } finally {
            AttributesBuilder metric = Attributes.builder().put(AgentTelemetry.OPERATION, "execute_tool")
                    .put(AgentTelemetry.TOOL_NAME, tool).put(AgentTelemetry.TOOL_EFFECT, effect);
            if (result == null) {
                AgentTelemetry.fail(span, "exception");
                metric.put(AgentTelemetry.ERROR_TYPE, "exception");
            } else {
                span.setAttribute(AgentTelemetry.TOOL_STATUS, result.status().jsonName());
                result.proposal().ifPresent(p -> span.setAttribute(AgentTelemetry.APPROVAL_ID, p.ticket().approvalId())
                        .setAttribute(AgentTelemetry.CHANGE_SET_ID, p.changeSet().id())
                        .setAttribute(AgentTelemetry.AFFECTED, (long) p.changeSet().affectedCount()));
                if (!result.isSuccess()) {
                    String code = result.errors().isEmpty() ? result.status().jsonName() : result.errors().get(0).code();
                    AgentTelemetry.fail(span, code);
                    metric.put(AgentTelemetry.ERROR_TYPE, code);
                }
            }
            telemetry.recordTool(metric.build(), System.nanoTime() - start);
            span.end();
        }
    }
}
