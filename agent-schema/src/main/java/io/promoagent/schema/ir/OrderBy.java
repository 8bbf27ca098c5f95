package io.promoagent.schema.ir;

import java.util.Objects;

/**
 * One key of a query's order: a field of the entity, or the alias of a group or an aggregate.
 *
 * @param by        the field or alias
 * @param direction ascending or descending
 */
public record OrderBy(String by, Direction direction) {

    public OrderBy {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(direction, "direction");
    }

    public static OrderBy asc(String by) {
        return new OrderBy(by, Direction.ASC);
    }

    public static OrderBy desc(String by) {
        return new OrderBy(by, Direction.DESC);
    }
}
