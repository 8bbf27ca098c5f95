package io.promoagent.schema.ir;

import java.util.Objects;
import java.util.Optional;

/**
 * A condition on the records related through a relationship: customers with an order in the last 30
 * days, premium customers with no order in 60 days, customers with more than 10 orders.
 *
 * @param via   the relationship's name as seen from the query's entity ({@code orders})
 * @param where the condition the related records must meet, if any
 * @param count how many related records meeting it are asked for
 */
public record Related(String via, Optional<Filter> where, CountCondition count) implements Filter {

    public Related {
        Objects.requireNonNull(via, "via");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(count, "count");
    }

    public static Related exists(String via, Filter where) {
        return new Related(via, Optional.ofNullable(where), CountCondition.exists());
    }

    public static Related notExists(String via, Filter where) {
        return new Related(via, Optional.ofNullable(where), CountCondition.notExists());
    }
}
