package io.promoagent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.promoagent.core.orchestrator.AgentRequest;
import io.promoagent.core.orchestrator.Orchestrator;
import io.promoagent.core.reply.Reply;
import io.promoagent.core.security.Principal;
import io.promoagent.test.ReplyAssert;
import io.promoagent.test.ScriptedChatModel;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent reports to the application's OpenTelemetry bean, and to nothing when there is none. */
class OpenTelemetryWiringTest {

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
            .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
            .build();

    @AfterEach
    void close() {
        sdk.close();
        GlobalOpenTelemetry.resetForTest();
    }

    private static ScriptedChatModel toolsModel() {
        return ScriptedChatModel.builder()
                .thenCallTool("query", ChatModelWiringTest.TOOLS_QUERY).withUsage(900, 20)
                .thenAnswer("The shop sells two tools.").withUsage(1_000, 10)
                .build();
    }

    private static Reply ask(Orchestrator orchestrator) {
        return orchestrator.handle(AgentRequest.of("Which tools do we sell?", Principal.of("ana", "analyst")));
    }

    @Test
    void anOpenTelemetryBeanReceivesTheAgentsSpansAndMetrics() {
        ScriptedChatModel model = toolsModel();
        ShopFixture.shop().withPropertyValues("promo-agent.orchestrator.hybrid=false")
                .withBean(ChatModel.class, () -> model)
                .withBean(OpenTelemetry.class, () -> sdk)
                .run(context -> {
                    ReplyAssert.assertThat(ask(context.getBean(Orchestrator.class))).hasNoErrors()
                            .hasTable("products").withRowCount(2);

                    List<SpanData> finished = spans.getFinishedSpanItems();
                    Map<String, List<SpanData>> byOperation = finished.stream().collect(Collectors.groupingBy(
                            s -> s.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("gen_ai.operation.name"))));
                    assertThat(byOperation.keySet()).contains("invoke_agent", "chat", "execute_tool");
                    assertThat(byOperation.get("chat")).hasSize(2);
                    SpanData agent = byOperation.get("invoke_agent").get(0);
                    SpanData tool = byOperation.get("execute_tool").get(0);
                    assertThat(tool.getName()).isEqualTo("execute_tool query");
                    // the tool call is the executor's span, inside the agent's: both were given the bean
                    assertThat(tool.getTraceId()).isEqualTo(agent.getTraceId());
                    assertThat(metrics.collectAllMetrics()).extracting(m -> m.getName())
                            .contains("gen_ai.client.token.usage", "gen_ai.execute_tool.duration");
                });
    }

    @Test
    void withoutOneNothingIsReportedNotEvenToTheGlobalOpenTelemetry() {
        GlobalOpenTelemetry.set(sdk);
        ScriptedChatModel model = toolsModel();
        ShopFixture.shop().withPropertyValues("promo-agent.orchestrator.hybrid=false")
                .withBean(ChatModel.class, () -> model)
                .run(context -> {
                    assertThat(context).doesNotHaveBean(OpenTelemetry.class);
                    ReplyAssert.assertThat(ask(context.getBean(Orchestrator.class))).hasNoErrors()
                            .hasTable("products").withRowCount(2);

                    assertThat(spans.getFinishedSpanItems()).isEmpty();
                    assertThat(metrics.collectAllMetrics()).isEmpty();
                });
    }

    @Test
    void theOfflinePlannersToolCallsAreReportedToo() {
        ShopFixture.shop().withBean(OpenTelemetry.class, () -> sdk).run(context -> {
            Reply reply = context.getBean(Orchestrator.class).handle(AgentRequest.of("Show products", Principal.of("ana", "analyst")));
            ReplyAssert.assertThat(reply).hasNoErrors().hasTable("products");

            assertThat(spans.getFinishedSpanItems()).extracting(SpanData::getName).contains("execute_tool query");
        });
    }
}
