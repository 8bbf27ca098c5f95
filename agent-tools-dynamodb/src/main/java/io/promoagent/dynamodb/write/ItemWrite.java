package io.promoagent.dynamodb.write;

import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One item of a change set, as DynamoDB will write it: created only if absent, updated or deleted only if
 * unchanged since it was previewed.
 */
public sealed interface ItemWrite {

    /** The entity whose table holds the item. */
    Entity entity();

    /** The item's key fields and values. */
    Map<String, Object> key();

    /** Creates {@code item}; fails if an item with its key exists. */
    record Create(Entity entity, Row item) implements ItemWrite {
        public Create {
            Objects.requireNonNull(entity, "entity");
            Objects.requireNonNull(item, "item");
            keyOf(entity, item);
        }

        @Override
        public Map<String, Object> key() {
            return keyOf(entity, item);
        }
    }

    /**
     * Sets and removes attributes of an existing item, if it meets {@code expected}.
     *
     * @param entity   the entity
     * @param key      the item's key
     * @param expected what the item must still hold
     * @param set      the attributes to set (key attributes are ignored)
     * @param remove   the attributes to remove
     */
    record Update(Entity entity, Map<String, Object> key, Expectation expected, Row set, Set<String> remove)
            implements ItemWrite {
        public Update {
            Objects.requireNonNull(entity, "entity");
            key = Map.copyOf(key);
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(set, "set");
            remove = Set.copyOf(remove);
        }
    }

    /** Deletes an existing item, if it meets {@code expected}. */
    record Delete(Entity entity, Map<String, Object> key, Expectation expected) implements ItemWrite {
        public Delete {
            Objects.requireNonNull(entity, "entity");
            key = Map.copyOf(key);
            Objects.requireNonNull(expected, "expected");
        }
    }

    static Create create(Entity entity, Row item) {
        return new Create(entity, item);
    }

    /**
     * The update that turns {@code before} (as previewed) into {@code after}: changed and new attributes
     * set, vanished ones removed, the item expected to hold {@code before}'s values (or {@code version}).
     */
    static Update update(Entity entity, Row before, Row after, String version) {
        Map<String, Object> set = new LinkedHashMap<>();
        after.values().forEach((name, value) -> {
            if (!value.equals(before.valueOrNull(name))) {
                set.put(name, value);
            }
        });
        Set<String> remove = new LinkedHashSet<>();
        for (String name : before.values().keySet()) {
            if (after.valueOrNull(name) == null) {
                remove.add(name);
            }
        }
        Expectation expected = version != null ? new Expectation.Version(version) : Expectation.values(before);
        return new Update(entity, keyOf(entity, before), expected, new Row(set), remove);
    }

    static Delete delete(Entity entity, Row before, String version) {
        Expectation expected = version != null ? new Expectation.Version(version) : Expectation.values(before);
        return new Delete(entity, keyOf(entity, before), expected);
    }

    /** The key fields of {@code row}. */
    static Map<String, Object> keyOf(Entity entity, Row row) {
        Map<String, Object> key = new LinkedHashMap<>();
        Object partition = row.valueOrNull(entity.key().partition());
        if (partition == null) {
            throw new IllegalArgumentException("an item of '" + entity.name() + "' needs its key field '"
                    + entity.key().partition() + "'");
        }
        key.put(entity.key().partition(), partition);
        entity.key().sort().ifPresent(s -> {
            Object sort = row.valueOrNull(s);
            if (sort == null) {
                throw new IllegalArgumentException("an item of '" + entity.name() + "' needs its sort key field '" + s + "'");
            }
            key.put(s, sort);
        });
        return key;
    }
}
