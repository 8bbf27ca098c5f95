package io.promoagent.dynamodb.write;

import io.promoagent.schema.source.Row;
import java.util.Objects;
import java.util.Set;

/** What an item must still hold for an update or delete to go ahead: what the person approved was previewed on it. */
public sealed interface Expectation {

    /**
     * The item's {@code version} attribute still has this value (and every writer increments it).
     *
     * @param value the version previewed, as text ({@code "7"})
     */
    record Version(String value) implements Expectation {
        public Version {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The item still has these values, and still lacks these attributes.
     *
     * @param values the attributes read at preview time, with their values
     * @param absent attributes that were absent at preview time and must still be
     */
    record Values(Row values, Set<String> absent) implements Expectation {
        public Values {
            Objects.requireNonNull(values, "values");
            absent = Set.copyOf(absent);
        }
    }

    static Expectation version(String value) {
        return new Version(value);
    }

    static Expectation values(Row values) {
        return new Values(values, Set.of());
    }
}
