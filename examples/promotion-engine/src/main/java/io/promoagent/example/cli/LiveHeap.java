package io.promoagent.example.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * The peak of the live heap while something runs, sampled: a full collection and the heap in use after it,
 * at the start, every so many rows the sources hand out (set per run), and at the end while the answer is still
 * held. What it reports is that peak minus the heap in use at the start: the memory the run kept alive at
 * once, as a lower bound (a peak between two samples is not seen). Garbage is not counted, which is what
 * makes the figure repeatable; DynamoDB Local keeps its tables outside the Java heap and PostgreSQL runs in
 * its own process, so neither store's data is counted.
 */
final class LiveHeap {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private long every;
    private boolean sampling;
    private long rows;
    private long baseline;
    private long peak;

    /** Starts sampling: at once, then every {@code every} rows handed out, and at {@link #stop()}. */
    void start(long every) {
        if (every < 1) {
            throw new IllegalArgumentException("sample every at least one row: " + every);
        }
        this.every = every;
        baseline = liveBytes();
        peak = baseline;
        rows = 0;
        sampling = true;
    }

    /** A row was handed out; every {@code every} rows the heap is sampled, when sampling. */
    void row() {
        if (sampling && ++rows % every == 0) {
            peak = Math.max(peak, liveBytes());
        }
    }

    /** Ends sampling with a last sample, taken while the caller still holds the answer; returns the peak over the start. */
    long stop() {
        peak = Math.max(peak, liveBytes());
        sampling = false;
        return Math.max(0, peak - baseline);
    }

    private long liveBytes() {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
