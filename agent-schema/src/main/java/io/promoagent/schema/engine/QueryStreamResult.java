package io.promoagent.schema.engine;

import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Explanation;
import java.util.List;
import java.util.Objects;

/**
 * What a streamed query ({@link QueryEngine#stream}) handed on and cost: everything a {@link QueryResult}
 * holds except the rows, which went to the sink as they were produced.
 *
 * @param entity       the entity queried
 * @param columns      the columns of every row handed on, in order, as {@link QueryResult#columns()}
 * @param rows         how many rows were handed to the sink
 * @param stats        the cost, summed over every source call
 * @param explanations how each source call was executed, in the order they were made
 */
public record QueryStreamResult(
        String entity,
        List<String> columns,
        long rows,
        ExecutionStats stats,
        List<Explanation> explanations) {

    public QueryStreamResult {
        Objects.requireNonNull(entity, "entity");
        columns = List.copyOf(columns);
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, got " + rows);
        }
        Objects.requireNonNull(stats, "stats");
        explanations = List.copyOf(explanations);
    }
}
