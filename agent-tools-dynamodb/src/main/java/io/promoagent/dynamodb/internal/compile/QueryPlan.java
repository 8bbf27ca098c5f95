package io.promoagent.dynamodb.internal.compile;

import io.promoagent.schema.model.Entity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A compiled source query: the access path, the conditions DynamoDB evaluates (filter expression), the
 * conditions evaluated in memory on the returned items (residual), and the attributes read.
 *
 * @param entity     the entity read
 * @param path       how items are reached
 * @param filter     the part of the condition sent as the filter expression
 * @param residual   the part DynamoDB cannot evaluate, or may not (key attributes of the queried index)
 * @param projection the attributes to read; empty means all
 * @param returned   the attributes each row carries; empty means all read
 * @param limit      the most matching items wanted
 */
public record QueryPlan(
        Entity entity,
        AccessPath path,
        Optional<Condition> filter,
        Optional<Condition> residual,
        List<String> projection,
        List<String> returned,
        OptionalInt limit) {

    public QueryPlan {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(residual, "residual");
        projection = List.copyOf(projection);
        returned = List.copyOf(returned);
        Objects.requireNonNull(limit, "limit");
    }

    /** Whether every item the path reaches is a match, so a page limit can equal the rows still wanted. */
    public boolean unfiltered() {
        return filter.isEmpty() && residual.isEmpty();
    }
}
