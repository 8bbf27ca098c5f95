package io.promoagent.schema.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A kind of business record (customers, orders) stored in one table of one source.
 *
 * @param name        the name queries use
 * @param source      the id of the {@link Source} that stores it
 * @param table       the table name in that source
 * @param description what a record is, for people and models
 * @param synonyms    other names people use ("clients" for customers)
 * @param key         the table's primary key
 * @param indexes     its secondary indexes
 * @param fields      its fields, in declaration order
 */
public record Entity(
        String name,
        String source,
        String table,
        String description,
        List<String> synonyms,
        Key key,
        List<Index> indexes,
        List<Field> fields) {

    public Entity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        table = table == null ? name : table;
        description = description == null ? "" : description;
        synonyms = List.copyOf(synonyms);
        Objects.requireNonNull(key, "key");
        indexes = List.copyOf(indexes);
        fields = List.copyOf(fields);
    }

    public Optional<Field> field(String fieldName) {
        for (Field f : fields) {
            if (f.name().equals(fieldName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The field, or an {@link IllegalArgumentException} naming the entity. */
    public Field requireField(String fieldName) {
        return field(fieldName).orElseThrow(
                () -> new IllegalArgumentException("entity '" + name + "' has no field '" + fieldName + "'"));
    }

    public Optional<Index> index(String indexName) {
        return indexes.stream().filter(i -> i.name().equals(indexName)).findFirst();
    }

    /** The names of the fields, in declaration order. */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>(fields.size());
        fields.forEach(f -> names.add(f.name()));
        return names;
    }

    /** The field holding the partition key of the table. */
    public Field keyField() {
        return requireField(key.partition());
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an {@link Entity} in code. */
    public static final class Builder {
        private final String name;
        private String source = "default";
        private String table;
        private String description = "";
        private final List<String> synonyms = new ArrayList<>();
        private Key key;
        private final List<Index> indexes = new ArrayList<>();
        private final List<Field> fields = new ArrayList<>();

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder source(String source) {
            this.source = source;
            return this;
        }

        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder synonyms(String... words) {
            synonyms.addAll(List.of(words));
            return this;
        }

        public Builder key(String partition) {
            this.key = Key.of(partition);
            return this;
        }

        public Builder key(String partition, String sort) {
            this.key = Key.of(partition, sort);
            return this;
        }

        public Builder index(Index index) {
            indexes.add(index);
            return this;
        }

        public Builder field(Field field) {
            fields.add(field);
            return this;
        }

        public Builder field(String fieldName, FieldType type) {
            return field(Field.of(fieldName, type));
        }

        public Entity build() {
            if (key == null) {
                throw new IllegalStateException("entity '" + name + "' needs a key");
            }
            return new Entity(name, source, table, description, synonyms, key, indexes, fields);
        }
    }
}
