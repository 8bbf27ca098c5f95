package io.promoagent.example.app;

import java.util.Locale;

/** Where the demo exports the agent's OpenTelemetry spans and metrics ({@code --otel}). */
public enum TelemetryExport {
    /** Logged on standard error, one line per span and metric (the SDK's logging exporters). */
    CONSOLE,
    /** OTLP over HTTP to {@code OTEL_EXPORTER_OTLP_ENDPOINT}, {@code http://localhost:4318} by default. */
    OTLP;

    /** The export a flag's value names: {@code console} or {@code otlp}. */
    public static TelemetryExport parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--otel takes console or otlp, not '" + value + "'");
        }
    }
}
