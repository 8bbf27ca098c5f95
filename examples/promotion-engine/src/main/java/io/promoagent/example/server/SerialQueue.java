package io.promoagent.example.server;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: one connection's messages. Holds at
 * most {@code capacity} waiting tasks, so a client that sends faster than it is answered cannot fill memory.
 */
final class SerialQueue {

    private static final Logger LOG = Logger.getLogger(SerialQueue.class.getName());

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicInteger waiting = new AtomicInteger();
    private final int capacity;

    SerialQueue(Executor executor, int capacity) {
        this.executor = executor;
        this.capacity = capacity;
    }

    /** Queues a task; false, and the task dropped, when {@code capacity} tasks are waiting already. */
    boolean submit(Runnable task) {
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            return false;
        }
        tasks.add(task);
        schedule();
        return true;
    }

    private void schedule() {
        if (!tasks.isEmpty() && scheduled.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                waiting.decrementAndGet();
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "a connection's task failed", e);
                }
            }
        } finally {
            scheduled.set(false);
            schedule(); // a task added between the last poll and the reset must not wait for the next one
        }
    }
}
