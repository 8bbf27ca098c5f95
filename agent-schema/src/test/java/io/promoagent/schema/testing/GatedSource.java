package io.promoagent.schema.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A thread-safe source that counts opens and can hold the next open, or fail it, to stage concurrent reads. */
public final class GatedSource implements DataSource {
    private final DataSource source;
    public final AtomicInteger opened = new AtomicInteger();
    private volatile CountDownLatch held = new CountDownLatch(0);
    private volatile CountDownLatch release = new CountDownLatch(0);
    private volatile boolean hold;
    private volatile boolean fail;

    public GatedSource(DataSource source) {
        this.source = source;
    }

    public void holdNextOpen() {
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        hold = true;
    }

    public void failNextOpen() {
        fail = true;
    }

    public void awaitHeld() throws InterruptedException {
        assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();
    }

    public void release() {
        release.countDown();
    }

    @Override
    public String id() {
        return source.id();
    }

    @Override
    public SourceCursor open(SourceQuery query) {
        opened.incrementAndGet();
        if (hold) {
            hold = false;
            held.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fail) {
            fail = false;
            throw new DataSourceException("the store is down");
        }
        return source.open(query);
    }

    @Override
    public Explanation explain(SourceQuery query) {
        return source.explain(query);
    }
}
