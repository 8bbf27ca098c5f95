package io.promoagent.example.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One connection's queue of messages (issue 14, finding 8): in order, and bounded. */
class SerialQueueTest {

    @Test
    void refusesATaskPastItsCapacityAndTakesMoreOnceTasksRan() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            CountDownLatch release = new CountDownLatch(1);
            List<Integer> ran = new CopyOnWriteArrayList<>();
            SerialQueue queue = new SerialQueue(executor, 3);
            CountDownLatch started = new CountDownLatch(1);

            assertThat(queue.submit(() -> {
                started.countDown();
                await(release);
                ran.add(0);
            })).isTrue();
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(queue.submit(() -> ran.add(1))).isTrue();
            assertThat(queue.submit(() -> ran.add(2))).isTrue();
            assertThat(queue.submit(() -> ran.add(3))).isTrue();
            assertThat(queue.submit(() -> ran.add(4))).as("a fourth waiting task").isFalse();

            release.countDown();
            CountDownLatch last = new CountDownLatch(1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!queue.submit(last::countDown) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(last.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(ran).containsExactly(0, 1, 2, 3);
        } finally {
            executor.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
