package io.promoagent.schema.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A link between a field of one entity and a field of another, possibly in another source.
 *
 * <p>{@code orders.customer_id -> customers.id}, many to one, named {@code customer} from orders and
 * {@code orders} (its inverse) from customers.
 *
 * @param name        the name used to follow it from {@code fromEntity}
 * @param fromEntity  the entity holding the reference
 * @param fromField   the referencing field
 * @param toEntity    the referenced entity
 * @param toField     the referenced field
 * @param cardinality how many records on each side, read from {@code fromEntity}
 * @param inverse     the name used to follow it back from {@code toEntity}, if it may be
 */
public record Relationship(
        String name,
        String fromEntity,
        String fromField,
        String toEntity,
        String toField,
        Cardinality cardinality,
        Optional<String> inverse) {

    public Relationship {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fromEntity, "fromEntity");
        Objects.requireNonNull(fromField, "fromField");
        Objects.requireNonNull(toEntity, "toEntity");
        Objects.requireNonNull(toField, "toField");
        Objects.requireNonNull(cardinality, "cardinality");
        Objects.requireNonNull(inverse, "inverse");
    }
}
