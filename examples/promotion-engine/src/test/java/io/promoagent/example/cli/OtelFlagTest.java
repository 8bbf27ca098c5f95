package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** {@code --otel console} logs the agent's spans, and refuses an export it does not know. */
class OtelFlagTest {

    private static final Clock TODAY = Clock.fixed(Instant.parse("2026-06-30T10:00:00Z"), ZoneOffset.UTC);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new PromoAgentCli(TODAY).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void consoleLogsTheExecuteToolSpanOfEachCallWithoutTheAnswersData() {
        List<String> logged = new ArrayList<>();
        Logger exporter = Logger.getLogger("io.opentelemetry.exporter.logging.LoggingSpanExporter");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + List.of(record.getParameters() == null ? new Object[0]
                        : record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        exporter.addHandler(capture);
        try {
            int exitCode = run("ask", "--customers", "60", "--otel", "console", "Show VIP customers");

            assertThat(exitCode).as(err.toString(StandardCharsets.UTF_8)).isZero();
        } finally {
            exporter.removeHandler(capture);
        }
        assertThat(logged).anyMatch(line -> line.contains("execute_tool query") && line.contains("gen_ai.tool.name=query"));
        assertThat(String.join("\n", logged)).doesNotContain("@example.");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("VIP");
    }

    @Test
    void anUnknownExportIsAUsageError() {
        int exitCode = run("ask", "--otel", "zipkin", "Show VIP customers");

        assertThat(exitCode).isEqualTo(PromoAgentCli.EXIT_USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--otel takes console or otlp, not 'zipkin'");
    }
}
