package io.promoagent.schema.model;

import java.util.List;
import java.util.Objects;

/**
 * A named aggregate of an entity's records: {@code revenue = sum(total) where status = completed}, or
 * a composition of other measures ({@code margin = (revenue - cogs) / revenue}).
 *
 * @param name        the name queries use
 * @param entity      the entity aggregated
 * @param description what it means
 * @param synonyms    other names people use ("sales", "turnover")
 * @param expression  how it is computed
 */
public record Measure(
        String name,
        String entity,
        String description,
        List<String> synonyms,
        MeasureExpression expression) {

    public Measure {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(entity, "entity");
        description = description == null ? "" : description;
        synonyms = List.copyOf(synonyms);
        Objects.requireNonNull(expression, "expression");
    }
}
