package io.promoagent.dynamodb;

import io.promoagent.schema.source.DataSourceException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;

/**
 * Hands out the pages of several streams (the partitions of a fan-out, the segments of a parallel scan):
 * one after the other when there is one stream or no executor, else with up to {@code parallelism}
 * requests in flight, each stream with at most one.
 *
 * <p>A request is only started when the reader asks for a page, and each task does one DynamoDB call and
 * ends, so a reader that stops early leaves no thread waiting and reads at most {@code parallelism} pages
 * more than it uses; {@link #close()} waits for those so that their cost is still counted.
 */
final class PageFeed implements AutoCloseable {

    private final Deque<PageStream> ready;
    private final int parallelism;
    private final CompletionService<Page> completion;
    private final Map<Future<Page>, PageStream> inFlight = new IdentityHashMap<>();
    private final List<Page> drained = new ArrayList<>();
    private boolean closed;

    PageFeed(List<PageStream> streams, int parallelism, ExecutorService executor) {
        this.ready = new ArrayDeque<>(streams);
        boolean concurrent = executor != null && streams.size() > 1 && parallelism > 1;
        this.parallelism = concurrent ? parallelism : 1;
        this.completion = concurrent ? new ExecutorCompletionService<>(executor) : null;
    }

    /** The next page, or null when every stream is exhausted. */
    Page next(IntSupplier limit) {
        if (closed) {
            return null;
        }
        if (completion == null) {
            while (!ready.isEmpty()) {
                PageStream s = ready.peek();
                if (s.exhausted()) {
                    ready.poll();
                    continue;
                }
                return s.next(limit.getAsInt());
            }
            return null;
        }
        while (inFlight.size() < parallelism && !ready.isEmpty()) {
            PageStream s = ready.poll();
            if (!s.exhausted()) {
                int l = limit.getAsInt();
                inFlight.put(completion.submit(() -> s.next(l)), s);
            }
        }
        if (inFlight.isEmpty()) {
            return null;
        }
        Future<Page> done = take();
        PageStream s = inFlight.remove(done);
        Page page = result(done);
        if (!s.exhausted()) {
            ready.add(s);
        }
        return page;
    }

    /** Pages that were in flight when the feed was closed, read but never handed out. */
    List<Page> drained() {
        return drained;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        while (!inFlight.isEmpty()) {
            Future<Page> f = take();
            inFlight.remove(f);
            try {
                drained.add(f.get());
            } catch (ExecutionException | InterruptedException e) {
                // The reader has what it wanted; a failure of a page it will never use does not concern it.
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private Future<Page> take() {
        try {
            return completion.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataSourceException("interrupted while reading from DynamoDB", e);
        }
    }

    private Page result(Future<Page> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            close();
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new DataSourceException("reading from DynamoDB failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataSourceException("interrupted while reading from DynamoDB", e);
        }
    }
}
