package io.promoagent.example.app;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.logging.LoggingMetricExporter;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.exporter.otlp.http.metrics.OtlpHttpMetricExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Optional;

/**
 * The demo's OpenTelemetry SDK, which the library leaves to the application: the library depends on the
 * API alone, and this is where an application chooses exporters. Closing it flushes what is pending.
 */
final class DemoTelemetry {

    static final String SERVICE = "promo-agent";

    private DemoTelemetry() {
    }

    /** An SDK exporting to {@code export}; {@link OpenTelemetry#noop()} for none, which costs nothing. */
    static OpenTelemetry open(Optional<TelemetryExport> export) {
        if (export.isEmpty()) {
            return OpenTelemetry.noop();
        }
        Resource resource = Resource.getDefault().merge(Resource.create(
                Attributes.of(AttributeKey.stringKey("service.name"), SERVICE)));
        SpanProcessor spans;
        MetricExporter metrics;
        if (export.get() == TelemetryExport.CONSOLE) {
            spans = SimpleSpanProcessor.create(LoggingSpanExporter.create());
            metrics = LoggingMetricExporter.create();
        } else {
            String endpoint = System.getenv().getOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT", "http://localhost:4318")
                    .replaceAll("/+$", "");
            spans = BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder().setEndpoint(endpoint + "/v1/traces").build())
                    .build();
            metrics = OtlpHttpMetricExporter.builder().setEndpoint(endpoint + "/v1/metrics").build();
        }
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setResource(resource).addSpanProcessor(spans).build())
                .setMeterProvider(SdkMeterProvider.builder().setResource(resource)
                        .registerMetricReader(PeriodicMetricReader.builder(metrics).setInterval(Duration.ofSeconds(60)).build())
                        .build())
                .build();
    }

    /** Flushes and shuts down an SDK that {@link #open} made; nothing for the no-op. */
    static void close(OpenTelemetry telemetry) {
        if (telemetry instanceof OpenTelemetrySdk sdk) {
            sdk.close();
        }
    }
}
