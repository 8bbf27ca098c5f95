package io.promoagent.example.cli;

import io.promoagent.example.app.LoadProgress;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Progress on standard error: on a terminal, one bar redrawn in place ({@code [#######.......]  48%
 * orders 96,000 of 200,000}); otherwise (output redirected, or {@code CI} set) plain lines, one per step and
 * one every tenth of a counted step, so that logs stay short and readable.
 */
final class TerminalProgress implements LoadProgress {

    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean bar;
    private final LongSupplier nanos;
    private long lastDrawn = Long.MIN_VALUE;
    private String lastWhat = "";
    private long lastTenth = -1;
    private boolean open;

    TerminalProgress(PrintStream err, boolean bar, LongSupplier nanos) {
        this.err = err;
        this.bar = bar;
        this.nanos = nanos;
    }

    /** Progress for this process: a bar when standard error is a terminal and {@code CI} is not set. */
    static TerminalProgress forProcess(PrintStream err, Map<String, String> environment) {
        String ci = environment.getOrDefault("CI", "");
        boolean terminal = System.console() != null && (ci.isEmpty() || ci.equalsIgnoreCase("false"));
        return new TerminalProgress(err, terminal, System::nanoTime);
    }

    @Override
    public synchronized void step(String what) {
        finishBar();
        err.println("promo-agent: " + what + "...");
        err.flush();
    }

    @Override
    public synchronized void count(String what, long done, long total) {
        long shown = Math.min(done, total);
        int percent = total <= 0 ? 100 : (int) (100 * shown / total);
        if (bar) {
            long now = nanos.getAsLong();
            if (what.equals(lastWhat) && shown < total && now - lastDrawn < REDRAW_NANOS) {
                return;
            }
            lastDrawn = now;
            lastWhat = what;
            int filled = WIDTH * percent / 100;
            err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + String.format(Locale.ROOT, "%3d%%", percent)
                    + " " + what + " " + number(shown) + " of " + number(total) + "\u001b[K");
            open = true;
            if (shown >= total) {
                finishBar();
            }
        } else {
            long tenth = percent / 10;
            if (what.equals(lastWhat) && tenth == lastTenth) {
                return;
            }
            lastWhat = what;
            lastTenth = tenth;
            err.println("promo-agent: " + what + ": " + number(shown) + " of " + number(total) + " (" + percent + "%)");
        }
        err.flush();
    }

    @Override
    public synchronized void done() {
        finishBar();
        err.flush();
    }

    private void finishBar() {
        if (open) {
            err.println();
            open = false;
        }
    }

    private static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
