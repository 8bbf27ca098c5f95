package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Progress on standard error: plain lines when not on a terminal or under {@code CI} (one per step and per
 * tenth of a counted step), a bar redrawn in place on a terminal; loading the demo data reports through it.
 */
class TerminalProgressTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String said() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalItWritesALinePerTenthAndNoControlCharacters() {
        TerminalProgress progress = new TerminalProgress(err, false, System::nanoTime);
        progress.step("generating the demo data for 20,000 customers");
        for (long n = 0; n <= 200_000; n += 25) {
            progress.count("loading orders", n, 200_000);
        }
        progress.done();

        List<String> lines = said().lines().toList();
        assertThat(lines).hasSize(1 + 11);
        assertThat(lines.get(0)).isEqualTo("promo-agent: generating the demo data for 20,000 customers...");
        assertThat(lines.get(1)).isEqualTo("promo-agent: loading orders: 0 of 200,000 (0%)");
        assertThat(lines.get(6)).isEqualTo("promo-agent: loading orders: 100,000 of 200,000 (50%)");
        assertThat(lines.get(11)).isEqualTo("promo-agent: loading orders: 200,000 of 200,000 (100%)");
        assertThat(said()).doesNotContain("\r").doesNotContain("\u001b");
    }

    @Test
    void onATerminalItRedrawsOneBarAtMostTenTimesASecondAndEndsItsLine() {
        AtomicLong clock = new AtomicLong();
        TerminalProgress progress = new TerminalProgress(err, true, clock::get);
        for (long n = 0; n <= 1_000; n += 10) {
            clock.addAndGet(20_000_000L); // a batch every 20 ms for 2 s: drawn every 100 ms, so about 20 times
            progress.count("loading customers", n, 1_000);
        }
        progress.step("starting the server");

        String text = said();
        long redraws = text.chars().filter(c -> c == '\r').count();
        assertThat(redraws).isBetween(19L, 23L);
        assertThat(text).contains("[##############################] 100% loading customers 1,000 of 1,000")
                .contains("[###############...............]  50% loading customers 500 of 1,000");
        assertThat(text.lines().filter(l -> !l.isEmpty()).toList()).last().isEqualTo("promo-agent: starting the server...");
    }

    @Test
    void ciMeansPlainLinesEvenOnATerminal() throws Exception {
        TerminalProgress progress = TerminalProgress.forProcess(err, Map.of("CI", "true"));
        progress.count("loading customers", 5, 10);
        assertThat(said()).isEqualTo("promo-agent: loading customers: 5 of 10 (50%)" + System.lineSeparator());
    }

    @Test
    void loadingTheDemoDataReportsEachEntity() {
        TerminalProgress progress = new TerminalProgress(err, false, System::nanoTime);
        try (PromotionEngine engine = PromotionEngine.start(EngineOptions.demo(42, 300, LocalDate.of(2026, 6, 30)), progress)) {
            assertThat(engine.today()).isEqualTo(LocalDate.of(2026, 6, 30));
        }
        assertThat(said()).contains("promo-agent: generating the demo data for 300 customers...")
                .contains("promo-agent: loading customers: 300 of 300 (100%)")
                .containsPattern("promo-agent: loading orders: [\\d,]+ of [\\d,]+ \\(100%\\)");
    }
}
