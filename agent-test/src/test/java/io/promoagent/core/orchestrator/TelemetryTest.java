package io.promoagent.core.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.promoagent.core.approval.ApprovalGrant;
import io.promoagent.core.approval.ApprovalService;
import io.promoagent.core.audit.ChainedAuditSink;
import io.promoagent.core.audit.InMemoryAuditStore;
import io.promoagent.core.execution.ToolExecutor;
import io.promoagent.core.query.QueryTool;
import io.promoagent.core.reply.ApprovalBlock;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.security.Principal;
import io.promoagent.core.security.ToolContext;
import io.promoagent.core.tool.ToolRegistry;
import io.promoagent.test.ReplyAssert;
import io.promoagent.test.ScriptedChatModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The telemetry of one scripted conversation, exported by the OpenTelemetry SDK to memory: the model reads
 * the VIP customers, proposes pausing a promotion, and answers; another person approves and applies the
 * change. Spans, their tree, names and attributes, the metrics, and that no customer data is in any of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryTest {

    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+\\.[\\w.]+");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private List<SpanData> conversation;
    private List<SpanData> decision;
    private Collection<MetricData> metricData;
    private Reply reply;

    @BeforeAll
    void converseApproveAndApply() {
        OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .build();
        ToolRegistry registry = ToolRegistry.builder().register(QueryTool.of(Demo.engine()))
                .register(new Demo.PausePromotion()).build();
        ChainedAuditSink audit = new ChainedAuditSink(new InMemoryAuditStore());
        ApprovalService approvals = ApprovalService.builder(registry, "a key of thirty-two bytes or more!".getBytes(
                StandardCharsets.UTF_8)).audit(audit).clock(Demo.CLOCK).openTelemetry(otel).build();
        ToolExecutor tools = ToolExecutor.builder(registry).auditSink(audit).approvalGate(approvals).openTelemetry(otel)
                .build();
        ScriptedChatModel model = ScriptedChatModel.builder()
                .thenCallTool("query", Demo.VIP_QUERY).withUsage(1200, 40)
                .thenCallTool("pause_promotion", "{\"code\":\"SUMMER25\"}").withUsage(1300, 30)
                .thenAnswer("Pausing SUMMER25 awaits approval.").withUsage(1500, 12)
                .build();
        LlmOrchestrator agent = LlmOrchestrator.builder().chatModel(model).tools(tools).dataModel(Demo.MODEL)
                .clock(Demo.CLOCK).openTelemetry(otel).build();

        reply = agent.handle(new AgentRequest("Show VIP customers and pause SUMMER25", Demo.MIA, "session-1"));
        conversation = spans.getFinishedSpanItems();
        spans.reset();

        String approvalId = ((ApprovalBlock) reply.blocks().stream().filter(ApprovalBlock.class::isInstance)
                .findFirst().orElseThrow()).approvalId();
        Principal ana = Principal.of("ana", "approver");
        ApprovalGrant grant = approvals.approve(approvalId, ana, "fine");
        approvals.apply(grant, ToolContext.of(ana, Demo.CLOCK));
        decision = spans.getFinishedSpanItems();
        metricData = metrics.collectAllMetrics();
    }

    private SpanData named(List<SpanData> list, String name) {
        return list.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + name + " in " + list.stream().map(SpanData::getName).toList()));
    }

    private static <T> T attribute(SpanData span, String key, Class<T> type) {
        Object value = span.getAttributes().asMap().entrySet().stream()
                .filter(e -> e.getKey().getKey().equals(key)).map(Map.Entry::getValue).findFirst().orElse(null);
        return type.cast(value);
    }

    @Test
    void theConversationAnswersAndProposes() {
        ReplyAssert.assertThat(reply).hasNoErrors().hasModelCalls(3).hasToolCalls(2);
    }

    @Nested
    class TheSpanTree {

        @Test
        void isOneInvokeAgentSpanWithAChatSpanPerModelCallAndAnExecuteToolSpanPerCall() {
            SpanData agent = named(conversation, "invoke_agent promo-agent");

            assertThat(conversation).extracting(SpanData::getName).containsExactlyInAnyOrder("invoke_agent promo-agent",
                    "chat", "chat", "chat", "execute_tool query", "execute_tool pause_promotion");
            assertThat(agent.getParentSpanContext().isValid()).isFalse();
            assertThat(conversation).filteredOn(s -> s != agent)
                    .allSatisfy(s -> {
                        assertThat(s.getParentSpanId()).isEqualTo(agent.getSpanId());
                        assertThat(s.getTraceId()).isEqualTo(agent.getTraceId());
                    });
        }

        @Test
        void hasTheKindsTheConventionsGive() {
            assertThat(named(conversation, "invoke_agent promo-agent").getKind()).isEqualTo(SpanKind.INTERNAL);
            assertThat(named(conversation, "chat").getKind()).isEqualTo(SpanKind.CLIENT);
            assertThat(named(conversation, "execute_tool query").getKind()).isEqualTo(SpanKind.INTERNAL);
        }
    }

    @Nested
    class TheAttributes {

        @Test
        void ofTheAgentSumTheUsageAndNameTheConversation() {
            SpanData agent = named(conversation, "invoke_agent promo-agent");

            assertThat(attribute(agent, "gen_ai.operation.name", String.class)).isEqualTo("invoke_agent");
            assertThat(attribute(agent, "gen_ai.agent.name", String.class)).isEqualTo("promo-agent");
            assertThat(attribute(agent, "gen_ai.provider.name", String.class)).isEqualTo("_OTHER");
            assertThat(attribute(agent, "gen_ai.conversation.id", String.class)).isEqualTo("session-1");
            assertThat(attribute(agent, "gen_ai.usage.input_tokens", Long.class)).isEqualTo(4000L);
            assertThat(attribute(agent, "gen_ai.usage.output_tokens", Long.class)).isEqualTo(82L);
            assertThat(attribute(agent, "promoagent.tool_calls", Long.class)).isEqualTo(2L);
            assertThat(agent.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        }

        @Test
        void ofEachChatCarryTheProviderModelAndTokens() {
            List<SpanData> chats = conversation.stream().filter(s -> s.getName().equals("chat"))
                    .sorted((a, b) -> Long.compare(a.getStartEpochNanos(), b.getStartEpochNanos())).toList();

            assertThat(chats).extracting(s -> attribute(s, "gen_ai.usage.input_tokens", Long.class))
                    .containsExactly(1200L, 1300L, 1500L);
            assertThat(chats).extracting(s -> attribute(s, "gen_ai.usage.output_tokens", Long.class))
                    .containsExactly(40L, 30L, 12L);
            assertThat(chats).allSatisfy(s -> {
                assertThat(attribute(s, "gen_ai.operation.name", String.class)).isEqualTo("chat");
                assertThat(attribute(s, "gen_ai.provider.name", String.class)).isEqualTo("_OTHER");
                assertThat(attribute(s, "gen_ai.response.model", String.class)).isEqualTo("scripted");
            });
            assertThat(attribute(chats.get(0), "gen_ai.response.finish_reasons", List.class)).containsExactly("tool_execution");
        }

        @Test
        void ofEachToolCallCarryTheToolItsEffectOutcomeAndAuditRecord() {
            SpanData query = named(conversation, "execute_tool query");
            SpanData pause = named(conversation, "execute_tool pause_promotion");

            assertThat(attribute(query, "gen_ai.operation.name", String.class)).isEqualTo("execute_tool");
            assertThat(attribute(query, "gen_ai.tool.name", String.class)).isEqualTo("query");
            assertThat(attribute(query, "gen_ai.tool.call.id", String.class)).isEqualTo("call_1");
            assertThat(attribute(query, "promoagent.tool.effect", String.class)).isEqualTo("read");
            assertThat(attribute(query, "promoagent.tool.status", String.class)).isEqualTo("ok");
            assertThat(attribute(query, "promoagent.audit.sequence", Long.class)).isEqualTo(1L);
            assertThat(attribute(pause, "promoagent.tool.effect", String.class)).isEqualTo("write");
            assertThat(attribute(pause, "promoagent.tool.status", String.class)).isEqualTo("proposed");
            assertThat(attribute(pause, "promoagent.approval.id", String.class)).isNotBlank();
            assertThat(attribute(pause, "promoagent.affected_count", Long.class)).isEqualTo(1L);
            // the proposal is audited by the approval service first, then the call
            assertThat(attribute(pause, "promoagent.audit.sequence", Long.class)).isEqualTo(3L);
        }
    }

    @Nested
    class TheApprovalSpans {

        @Test
        void decideAndApplyInTheirOwnTracesLinkedToTheCallTheyGate() {
            SpanData pause = named(conversation, "execute_tool pause_promotion");
            SpanData approve = named(decision, "approve pause_promotion");
            SpanData apply = named(decision, "apply pause_promotion");

            assertThat(approve.getParentSpanContext().isValid()).isFalse();
            assertThat(approve.getTraceId()).isNotEqualTo(pause.getTraceId());
            for (SpanData gated : List.of(approve, apply)) {
                assertThat(gated.getLinks()).extracting(LinkData::getSpanContext).containsExactly(pause.getSpanContext());
                assertThat(attribute(gated, "promoagent.approval.id", String.class))
                        .isEqualTo(attribute(pause, "promoagent.approval.id", String.class));
                assertThat(attribute(gated, "promoagent.change_set.id", String.class))
                        .isEqualTo(attribute(pause, "promoagent.change_set.id", String.class));
                assertThat(attribute(gated, "gen_ai.tool.name", String.class)).isEqualTo("pause_promotion");
                assertThat(attribute(gated, "promoagent.audit.sequence", Long.class)).isNotNull();
            }
            assertThat(attribute(approve, "promoagent.approval.decision", String.class)).isEqualTo("approved");
            assertThat(attribute(apply, "promoagent.affected_count", Long.class)).isEqualTo(1L);
        }
    }

    @Nested
    class TheMetrics {

        private MetricData metric(String name) {
            return metricData.stream().filter(m -> m.getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no metric " + name));
        }

        @Test
        void countTokensByType() {
            MetricData usage = metric("gen_ai.client.token.usage");

            assertThat(usage.getUnit()).isEqualTo("{token}");
            Map<String, Double> sums = new java.util.HashMap<>();
            for (HistogramPointData p : usage.getHistogramData().getPoints()) {
                sums.merge(p.getAttributes().get(AttributeKey.stringKey("gen_ai.token.type")), p.getSum(), Double::sum);
            }
            assertThat(sums).containsEntry("input", 4000.0).containsEntry("output", 82.0);
        }

        @Test
        void timeEachToolByNameAndEffect() {
            MetricData durations = metric("gen_ai.execute_tool.duration");

            assertThat(durations.getUnit()).isEqualTo("s");
            assertThat(durations.getHistogramData().getPoints())
                    .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("gen_ai.tool.name")))
                    .containsExactlyInAnyOrder("query", "pause_promotion");
        }
    }

    @Test
    void noAttributeOfAnySpanOrMetricHoldsCustomerData() {
        List<String> values = new ArrayList<>();
        for (SpanData s : concat(conversation, decision)) {
            values.add(s.getName());
            s.getAttributes().forEach((k, v) -> values.add(String.valueOf(v)));
            s.getEvents().forEach(e -> e.getAttributes().forEach((k, v) -> values.add(String.valueOf(v))));
        }
        for (MetricData m : metricData) {
            m.getData().getPoints().forEach(p -> p.getAttributes().forEach((k, v) -> values.add(String.valueOf(v))));
        }

        assertThat(values).hasSizeGreaterThan(50);
        assertThat(values).noneMatch(v -> EMAIL.matcher(v).find());
        assertThat(values).noneMatch(v -> Demo.uiValues().stream().anyMatch(v::contains));
        // nor the person's words, the arguments, or a customer's name from the rows
        assertThat(values).noneMatch(v -> v.contains("VIP customers") || v.contains("SUMMER25"));
        assertThat(values).noneMatch(v -> Demo.vips().stream().anyMatch(r -> v.contains(String.valueOf(r.valueOrNull("name")))));
    }

    private static List<SpanData> concat(List<SpanData> a, List<SpanData> b) {
        List<SpanData> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
