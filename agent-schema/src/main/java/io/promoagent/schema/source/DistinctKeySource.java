package io.promoagent.schema.source;

/**
 * A data source that can read the distinct values of one field among the records meeting a filter
 * ({@code SELECT DISTINCT}), so that a semi-join crosses one key per related record's join value rather
 * than one row per related record. The query engine asks for it when a condition only needs to know that
 * a related record exists; a source without it is read row by row.
 */
public interface DistinctKeySource extends DataSource {

    /**
     * Starts reading the distinct non-null values of {@code query}'s one field among the records meeting its
     * filter, ascending in the source's order: one row per value, holding only that field. The query's limit,
     * if any, caps the values.
     *
     * @throws IllegalArgumentException when the query does not name exactly one field
     * @throws DataSourceException      when the source fails
     */
    SourceCursor openDistinct(SourceQuery query);

    /**
     * How {@link #openDistinct} would run {@code query}, without running it; its {@code estimatedRows} are the
     * distinct values expected.
     */
    Explanation explainDistinct(SourceQuery query);

    /** The one field a distinct read asks for; refuses a query naming none or several. */
    static String field(SourceQuery query) {
        if (query.fields().size() != 1) {
            throw new IllegalArgumentException("a distinct read names exactly one field, got " + query.fields());
        }
        return query.fields().get(0);
    }
}
