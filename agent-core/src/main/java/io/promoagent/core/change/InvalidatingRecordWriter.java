package io.promoagent.core.change;

import io.promoagent.schema.source.CachingDataSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A record writer that tells query caches about every write it passes on, so that the next read of a
 * written entity goes to the store instead of serving what the cache remembered from before.
 *
 * <p>The caches forget the written entities after the write returns or fails: a failed write may have
 * reached the store before failing (a timeout, say), so forgetting costs a read and never serves a stale one.
 */
public final class InvalidatingRecordWriter implements RecordWriter {

    private final RecordWriter writer;
    private final List<CachingDataSource> caches;

    /**
     * @param writer the writer that stores the changes
     * @param caches the caches in front of the sources that read what {@code writer} writes
     */
    public InvalidatingRecordWriter(RecordWriter writer, List<CachingDataSource> caches) {
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
            for (CachingDataSource cache : caches) {
                entities.forEach(cache::invalidate);
            }
        }
    }
}
