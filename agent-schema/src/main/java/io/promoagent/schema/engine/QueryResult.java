package io.promoagent.schema.engine;

import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import java.util.List;
import java.util.Objects;

/**
 * The answer to a query: its rows under named columns, what reading them cost, and how every source was
 * called.
 *
 * @param entity       the entity queried
 * @param columns      the columns, in order: the fields of a plain query (its key fields included), or
 *                     the group keys then the aggregates of an aggregate query
 * @param rows         the rows, in the query's order; an absent value has no entry
 * @param stats        the cost, summed over every source call
 * @param explanations how each source call was executed, in the order they were made
 */
public record QueryResult(
        String entity,
        List<String> columns,
        List<Row> rows,
        ExecutionStats stats,
        List<Explanation> explanations) {

    public QueryResult {
        Objects.requireNonNull(entity, "entity");
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        Objects.requireNonNull(stats, "stats");
        explanations = List.copyOf(explanations);
    }

    public int size() {
        return rows.size();
    }
}
