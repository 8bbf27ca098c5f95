package io.promoagent.schema.source;

/**
 * Something that remembers what it read and must forget it when the data changes: the query cache in
 * front of a source ({@link CachingDataSource}) and the query engine's result cache
 * ({@link io.promoagent.schema.engine.QueryResultCache}). A writer calls {@link #invalidate} after it wrote.
 */
public interface ReadCache {

    /** Forgets everything remembered from {@code entity}, and what any read of it running now would remember. */
    void invalidate(String entity);
}
