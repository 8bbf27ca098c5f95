package io.promoagent.jdbc.internal;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cancels the statement of a request that was cancelled: a JDBC call blocked on the network does not
 * notice its thread being interrupted (as {@code Future.cancel(true)} does), so a watcher looks every
 * 50 ms for interrupted threads that wait on a statement and cancels that statement on the server.
 */
public final class Cancellation implements AutoCloseable {

    private final Map<Thread, Statement> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "promo-agent-jdbc-cancellation");
        t.setDaemon(true);
        return t;
    });

    public Cancellation() {
        watcher.scheduleWithFixedDelay(this::cancelInterrupted, 50, 50, TimeUnit.MILLISECONDS);
    }

    /** Work on {@code statement} that may block. */
    @FunctionalInterface
    interface Blocking<T> {
        T run() throws SQLException;
    }

    <T> T during(Statement statement, Blocking<T> work) throws SQLException {
        Thread self = Thread.currentThread();
        waiting.put(self, statement);
        try {
            return work.run();
        } finally {
            waiting.remove(self);
        }
    }

    private void cancelInterrupted() {
        waiting.forEach((thread, statement) -> {
            if (thread.isInterrupted()) {
                try {
                    statement.cancel();
                } catch (SQLException e) {
                    // the statement ended meanwhile; nothing to cancel
                }
            }
        });
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
