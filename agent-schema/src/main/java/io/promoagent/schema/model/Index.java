package io.promoagent.schema.model;

import java.util.Objects;

/**
 * A secondary index of an entity's table.
 *
 * @param name the index name as the data source knows it
 * @param key  the index key
 */
public record Index(String name, Key key) {

    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }

    public static Index of(String name, String partition) {
        return new Index(name, Key.of(partition));
    }

    public static Index of(String name, String partition, String sort) {
        return new Index(name, Key.of(partition, sort));
    }
}
