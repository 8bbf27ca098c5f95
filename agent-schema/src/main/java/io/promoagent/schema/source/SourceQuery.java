package io.promoagent.schema.source;

import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.model.Entity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The part of a query that one data source executes: records of one entity that meet a filter.
 *
 * <p>The query engine prepares it so that a source never has to know the rest of the data model: rules
 * are expanded, time ranges are resolved to {@link io.promoagent.schema.ir.TimeRange.Between}, and
 * conditions on related entities are replaced by key-set comparisons ({@code in}) or left to the engine.
 * The filter therefore only holds {@code And}, {@code Or}, {@code Not}, {@code Compare} and {@code Within}
 * with a {@code Between} range.
 *
 * @param entity the entity read
 * @param filter the condition, if any
 * @param fields the fields to return; empty means all
 * @param limit  the most matching records wanted, if fewer than all
 */
public record SourceQuery(Entity entity, Optional<Filter> filter, List<String> fields, OptionalInt limit) {

    public SourceQuery {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(filter, "filter");
        fields = List.copyOf(fields);
        Objects.requireNonNull(limit, "limit");
    }

    public static SourceQuery all(Entity entity) {
        return new SourceQuery(entity, Optional.empty(), List.of(), OptionalInt.empty());
    }

    public static SourceQuery where(Entity entity, Filter filter) {
        return new SourceQuery(entity, Optional.of(filter), List.of(), OptionalInt.empty());
    }
}
