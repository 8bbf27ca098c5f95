package io.promoagent.schema.model;

import java.util.Objects;
import java.util.Optional;

/**
 * The key of a table or of a secondary index: a partition key and an optional sort key.
 *
 * @param partition the partition (hash) key field
 * @param sort      the sort (range) key field, if any
 */
public record Key(String partition, Optional<String> sort) {

    public Key {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(sort, "sort");
    }

    public static Key of(String partition) {
        return new Key(partition, Optional.empty());
    }

    public static Key of(String partition, String sort) {
        return new Key(partition, Optional.of(sort));
    }
}
