package io.promoagent.schema.ir;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A value computed over the rows of a grouped result, after {@code having} and before the order and
 * limit: a rank, a running total, the previous row's value and the change against it, a share of the
 * total. Rows are taken in {@code orderBy} order within each partition (rows equal on
 * {@code partitionBy}).
 *
 * @param function    what is computed
 * @param of          the column it is computed from (none for the ranks, which rank by {@code orderBy})
 * @param partitionBy the columns whose equal values form a partition
 * @param orderBy     the order within a partition
 * @param as          the new column's name
 */
public record Window(WindowFunction function, Optional<String> of, List<String> partitionBy, List<OrderBy> orderBy,
                     String as) {

    public Window {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(of, "of");
        partitionBy = List.copyOf(partitionBy);
        orderBy = List.copyOf(orderBy);
        Objects.requireNonNull(as, "as");
    }
}
