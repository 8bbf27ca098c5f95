package io.promoagent.schema.source;

import java.util.Optional;

/**
 * A data source that can run a whole query in one native request (one SQL statement) when every entity
 * the query reads lives in it: filters on related records, grouping through relationships, aggregates,
 * order and limit. The query engine asks it first and falls back to reading entity by entity when it
 * declines.
 */
public interface WholeQuerySource extends DataSource {

    /**
     * Starts running {@code query}, or declines.
     *
     * @return a cursor over the result's rows, in the result's order and shape; empty when this source
     *         cannot run the whole query (an entity lives elsewhere, a construct it does not compile)
     * @throws DataSourceException when the source fails
     */
    Optional<SourceCursor> open(PushedQuery query);

    /** How {@link #open(PushedQuery)} would run {@code query}, without running it; empty when it declines. */
    Optional<Explanation> explain(PushedQuery query);
}
