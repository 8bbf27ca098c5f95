package io.promoagent.core.change;

import io.promoagent.schema.source.ReadCache;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A record writer that tells read caches about every write it passes on, so that the next read of a
 * written entity goes to the store instead of serving what a cache remembered from before.
 *
 * <p>The caches forget the written entities after the write returns or fails: a failed write may have
 * reached the store before failing (a timeout, say), so forgetting costs a read and never serves a stale one.
 */
public final class InvalidatingRecordWriter implements RecordWriter {

    private final RecordWriter writer;
    private final List<? extends ReadCache> caches;

    /**
     * @param writer the writer that stores the changes
     * @param caches the caches of what {@code writer} writes: query caches in front of its sources, result caches
     *               of engines over them
     */
    public InvalidatingRecordWriter(RecordWriter writer, List<? extends ReadCache> caches) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.caches = List.copyOf(caches);
    }

    @Override
    public List<AffectedRecord> write(List<AffectedRecord> changes, String idempotencyToken) {
        Set<String> entities = new LinkedHashSet<>();
        for (AffectedRecord change : changes) {
            entities.add(change.entity());
        }
        try {
            return writer.write(changes, idempotencyToken);
        } finally {
            for (ReadCache cache : caches) {
                entities.forEach(cache::invalidate);
            }
        }
    }

    @Override
    public WriteState written(String idempotencyToken) {
        return writer.written(idempotencyToken);
    }
}
