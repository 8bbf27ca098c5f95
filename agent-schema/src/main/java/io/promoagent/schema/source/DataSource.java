package io.promoagent.schema.source;

/**
 * A store that executes the part of a query that lives in it: DynamoDB, PostgreSQL, memory.
 *
 * <p>Implementations choose the cheapest correct native operation and must return exactly the records
 * that meet the filter (the in-memory reference evaluator is the oracle their tests compare with).
 */
public interface DataSource {

    /** The id of the data model's {@link io.promoagent.schema.model.Source} this serves. */
    String id();

    /**
     * Starts reading the records of {@code query}.
     *
     * @throws DataSourceException when the source cannot serve the query or fails
     */
    SourceCursor open(SourceQuery query);

    /** How {@link #open} would execute {@code query}, without running it. */
    Explanation explain(SourceQuery query);
}
