package io.promoagent.core.internal.telemetry;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.util.List;
import java.util.Objects;

/**
 * The library's OpenTelemetry instruments: spans and metrics after the GenAI semantic conventions
 * ({@code invoke_agent}, {@code chat}, {@code execute_tool}; {@code gen_ai.client.token.usage},
 * {@code gen_ai.client.operation.duration}, {@code gen_ai.execute_tool.duration}), and the library's own
 * spans for approval decisions and applies.
 *
 * <p>Attributes carry names, ids, counts and outcomes only: never a tool's arguments or results, a
 * message, or a principal, so that no customer data (an e-mail address, a name) reaches a trace. Over
 * {@link OpenTelemetry#noop()}, the default, every span and instrument is a no-op.
 */
public final class AgentTelemetry {

    /** The instrumentation scope's name. */
    public static final String SCOPE = "io.promoagent";

    public static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    public static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    public static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    public static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    public static final AttributeKey<List<String>> FINISH_REASONS = AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    public static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    public static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    public static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    public static final AttributeKey<String> AGENT_NAME = AttributeKey.stringKey("gen_ai.agent.name");
    public static final AttributeKey<String> CONVERSATION = AttributeKey.stringKey("gen_ai.conversation.id");
    public static final AttributeKey<String> TOOL_NAME = AttributeKey.stringKey("gen_ai.tool.name");
    public static final AttributeKey<String> TOOL_CALL_ID = AttributeKey.stringKey("gen_ai.tool.call.id");
    public static final AttributeKey<String> TOOL_TYPE = AttributeKey.stringKey("gen_ai.tool.type");
    public static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    public static final AttributeKey<String> TOOL_EFFECT = AttributeKey.stringKey("promoagent.tool.effect");
    public static final AttributeKey<String> TOOL_STATUS = AttributeKey.stringKey("promoagent.tool.status");
    public static final AttributeKey<String> REQUEST_ID = AttributeKey.stringKey("promoagent.request.id");
    public static final AttributeKey<String> APPROVAL_ID = AttributeKey.stringKey("promoagent.approval.id");
    public static final AttributeKey<String> CHANGE_SET_ID = AttributeKey.stringKey("promoagent.change_set.id");
    public static final AttributeKey<String> DECISION = AttributeKey.stringKey("promoagent.approval.decision");
    public static final AttributeKey<Long> AFFECTED = AttributeKey.longKey("promoagent.affected_count");
    public static final AttributeKey<Long> AUDIT_SEQUENCE = AttributeKey.longKey("promoagent.audit.sequence");
    public static final AttributeKey<Long> MODEL_CALLS = AttributeKey.longKey("promoagent.model_calls");
    public static final AttributeKey<Long> TOOL_CALLS = AttributeKey.longKey("promoagent.tool_calls");

    private static final List<Long> TOKEN_BUCKETS = List.of(1L, 4L, 16L, 64L, 256L, 1024L, 4096L, 16384L, 65536L,
            262144L, 1048576L, 4194304L, 16777216L, 67108864L);
    private static final List<Double> SECOND_BUCKETS = List.of(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56,
            5.12, 10.24, 20.48, 40.96, 81.92);

    private static final AgentTelemetry NOOP = new AgentTelemetry(OpenTelemetry.noop());

    private final Tracer tracer;
    private final LongHistogram tokenUsage;
    private final DoubleHistogram operationDuration;
    private final DoubleHistogram toolDuration;

    private AgentTelemetry(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(SCOPE);
        Meter meter = openTelemetry.getMeter(SCOPE);
        this.tokenUsage = meter.histogramBuilder("gen_ai.client.token.usage").ofLongs().setUnit("{token}")
                .setDescription("Number of input and output tokens used").setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
                .build();
        this.operationDuration = meter.histogramBuilder("gen_ai.client.operation.duration").setUnit("s")
                .setDescription("GenAI operation duration").setExplicitBucketBoundariesAdvice(SECOND_BUCKETS).build();
        this.toolDuration = meter.histogramBuilder("gen_ai.execute_tool.duration").setUnit("s")
                .setDescription("Duration of tool executions").setExplicitBucketBoundariesAdvice(SECOND_BUCKETS).build();
    }

    /** The instruments over {@code openTelemetry}; {@link OpenTelemetry#noop()} costs next to nothing. */
    public static AgentTelemetry of(OpenTelemetry openTelemetry) {
        Objects.requireNonNull(openTelemetry, "openTelemetry");
        return openTelemetry == OpenTelemetry.noop() ? NOOP : new AgentTelemetry(openTelemetry);
    }

    /** No telemetry. */
    public static AgentTelemetry none() {
        return NOOP;
    }

    /** A span builder of {@code kind} whose parent is the current span. */
    public SpanBuilder span(String name, SpanKind kind) {
        return tracer.spanBuilder(name).setSpanKind(kind);
    }

    /** Records the tokens of one model call, input and output apart, with the call's attributes. */
    public void recordTokens(Attributes call, long input, long output) {
        tokenUsage.record(input, call.toBuilder().put(TOKEN_TYPE, "input").build());
        tokenUsage.record(output, call.toBuilder().put(TOKEN_TYPE, "output").build());
    }

    public void recordOperation(Attributes call, long nanos) {
        operationDuration.record(nanos / 1e9, call);
    }

    public void recordTool(Attributes tool, long nanos) {
        toolDuration.record(nanos / 1e9, tool);
    }

    /** Marks a span failed with {@code errorType}, a low-cardinality code, and no message text. */
    public static void fail(Span span, String errorType) {
        span.setAttribute(ERROR_TYPE, errorType);
        span.setStatus(StatusCode.ERROR);
    }
}
