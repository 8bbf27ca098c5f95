package io.promoagent.email;

import java.time.Duration;

/**
 * Spaces sends so that no more than a configured number leave per second (SES accounts have a sending
 * rate; SMTP relays throttle bursts).
 */
public final class SendRate {

    /** Waits; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final long intervalNanos;
    private final Sleeper sleeper;
    private final java.util.function.LongSupplier nanoTime;
    private long next;

    private SendRate(double perSecond, Sleeper sleeper, java.util.function.LongSupplier nanoTime) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("a send rate is positive, not " + perSecond);
        }
        this.intervalNanos = (long) (1_000_000_000L / perSecond);
        this.sleeper = sleeper;
        this.nanoTime = nanoTime;
        this.next = nanoTime.getAsLong();
    }

    public static SendRate perSecond(double messages) {
        return new SendRate(messages, d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000), System::nanoTime);
    }

    /** No limit: for tests and the in-memory demo transport. */
    public static SendRate unlimited() {
        return new SendRate(1e9, d -> { }, System::nanoTime);
    }

    static SendRate forTest(double messages, Sleeper sleeper, java.util.function.LongSupplier nanoTime) {
        return new SendRate(messages, sleeper, nanoTime);
    }

    /** Blocks until the next message may leave. */
    public synchronized void acquire() {
        long now = nanoTime.getAsLong();
        if (next > now) {
            try {
                sleeper.sleep(Duration.ofNanos(next - now));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmailException("interrupted while waiting to send", true, e);
            }
            now = next;
        }
        next = Math.max(next, now) + intervalNanos;
    }
}
