package io.promoagent.schema.model;

import java.util.Objects;

/**
 * A place where entities live: a DynamoDB account and region, a PostgreSQL database.
 *
 * @param id   the identifier entities use to name it, and under which a data source is registered
 * @param kind the kind of store ({@code dynamodb}, {@code jdbc}, {@code memory})
 */
public record Source(String id, String kind) {

    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
    }
}
