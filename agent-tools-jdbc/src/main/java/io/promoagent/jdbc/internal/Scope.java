package io.promoagent.jdbc.internal;

import io.promoagent.schema.model.Entity;
import java.util.Map;
import java.util.Optional;

/**
 * What the names in a filter refer to: the fields of an entity under a table alias, or the aliases of an
 * aggregate query's columns (for {@code having}).
 */
sealed interface Scope {

    Optional<Column> column(String name);

    /** The fields of {@code entity}, read from the table aliased {@code alias}. */
    record OfEntity(Mapping mapping, Entity entity, String alias) implements Scope {
        @Override
        public Optional<Column> column(String name) {
            return entity.field(name).map(f -> new Column(mapping.expression(entity, alias, name),
                    mapping.type(entity, name), f.type()));
        }
    }

    /** The columns of an aggregate query by alias. */
    record OfAliases(Map<String, Column> columns) implements Scope {
        @Override
        public Optional<Column> column(String name) {
            return Optional.ofNullable(columns.get(name));
        }
    }
}
