package io.promoagent.schema.source;

import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated query handed whole to a {@link WholeQuerySource}, prepared by the query engine.
 *
 * @param model       the data model the query was validated against
 * @param query       the validated query
 * @param where       its filter prepared: rules expanded, time ranges resolved to {@code between}, conditions
 *                    on paths turned into related-record conditions (which stay, with prepared filters)
 * @param columns     the result's columns, in order
 * @param preparation prepares other filters (those of measures) the same way
 * @param today       the query's today, for the expressions that name it (one value per query)
 */
public record PushedQuery(DataModel model, Query query, Optional<Filter> where, List<String> columns,
                          Preparation preparation, LocalDate today) {

    public PushedQuery {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(where, "where");
        columns = List.copyOf(columns);
        Objects.requireNonNull(preparation, "preparation");
        Objects.requireNonNull(today, "today");
    }

    /** Prepares a filter over the fields of an entity as the query's own filter was prepared. */
    @FunctionalInterface
    public interface Preparation {
        Filter prepare(String entity, Filter filter);
    }
}
