package io.promoagent.core.change;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Mutable, versioned tables in memory that a {@link io.promoagent.schema.engine.QueryEngine} reads (as a
 * {@link DataSource}) and write tools write (as a {@link RecordWriter}): the store of tests and the demo.
 *
 * <pre>{@code
 * InMemoryRecordStore store = InMemoryRecordStore.builder(model)
 *         .rows(fixture.rows())                     // entity name -> rows
 *         .unique("promotions", "code")             // conditional creates also guard the code
 *         .build();
 * QueryEngine engine = QueryEngine.builder(model).source(store).build();
 * }</pre>
 *
 * <p>It holds every entity the data model places in its source. Writes follow the {@link RecordWriter}
 * contract exactly, all or nothing, under one lock; a query reads a snapshot of the table taken when it
 * opens, so it never sees half a write. Idempotency tokens of the last 10,000 writes are remembered.
 */
public final class InMemoryRecordStore implements DataSource, RecordWriter {

    private static final int TOKEN_MEMORY = 10_000;
    private static final int MAX_TOKEN_LENGTH = 36;

    private final String id;
    private final Map<String, Entity> entities;
    private final Map<String, Set<String>> unique;
    private final Map<String, LinkedHashMap<List<Object>, Row>> tables = new HashMap<>();
    private final Map<String, Remembered> tokens = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > TOKEN_MEMORY;
        }
    };
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private long writes;

    private record Remembered(List<AffectedRecord> changes, List<AffectedRecord> result) {
    }

    private InMemoryRecordStore(Builder b) {
        this.id = b.sourceId;
        Map<String, Entity> held = new LinkedHashMap<>();
        for (Entity e : b.model.entities()) {
            if (e.source().equals(id)) {
                held.put(e.name(), e);
            }
        }
        this.entities = Map.copyOf(held);
        b.rows.keySet().forEach(this::entity);
        Map<String, Set<String>> u = new HashMap<>();
        b.unique.forEach((entity, fields) -> {
            Entity e = entity(entity);
            fields.forEach(e::requireField);
            u.put(entity, Set.copyOf(fields));
        });
        this.unique = Map.copyOf(u);
        for (Entity e : held.values()) {
            LinkedHashMap<List<Object>, Row> table = new LinkedHashMap<>();
            for (Row row : b.rows.getOrDefault(e.name(), List.of())) {
                List<Object> k = keyOf(e, row);
                if (table.put(k, row) != null) {
                    throw new IllegalArgumentException("two rows of '" + e.name() + "' have the key " + k);
                }
            }
            tables.put(e.name(), table);
            for (String field : unique.getOrDefault(e.name(), Set.of())) {
                Optional<Map.Entry<List<Object>, Row>> dup = duplicate(table, field);
                if (dup.isPresent()) {
                    throw new IllegalArgumentException("two rows of '" + e.name() + "' share the value of unique field '"
                            + field + "' (one has the key " + dup.get().getKey() + ")");
                }
            }
        }
    }

    /** A builder of a store for the entities of {@code model} in its only source (or the one named). */
    public static Builder builder(DataModel model) {
        return new Builder(model);
    }

    /** A store holding the given rows of each entity (by name) of the model's only source. */
    public static InMemoryRecordStore of(DataModel model, Map<String, ? extends List<Row>> rows) {
        return builder(model).rows(rows).build();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public SourceCursor open(SourceQuery query) {
        return snapshotSource(query.entity()).open(query);
    }

    @Override
    public Explanation explain(SourceQuery query) {
        return snapshotSource(query.entity()).explain(query);
    }

    /** The rows of an entity as they are now, in the order they were added. */
    public List<Row> rows(String entity) {
        entity(entity);
        lock.readLock().lock();
        try {
            return List.copyOf(tables.get(entity).values());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The record of {@code entity} with the given key fields and values. */
    public Optional<Row> find(String entity, Map<String, Object> key) {
        Entity e = entity(entity);
        lock.readLock().lock();
        try {
            return Optional.ofNullable(tables.get(entity).get(keyTuple(e, key)));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** How many calls of {@link #write} changed something (repeats of an idempotent write do not count). */
    public long writeCount() {
        lock.readLock().lock();
        try {
            return writes;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<AffectedRecord> write(List<AffectedRecord> changes, String idempotencyToken) {
        Objects.requireNonNull(changes, "changes");
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a write needs at least one change");
        }
        if (idempotencyToken == null || idempotencyToken.isBlank() || idempotencyToken.length() > MAX_TOKEN_LENGTH) {
            throw new IllegalArgumentException("an idempotency token has 1 to " + MAX_TOKEN_LENGTH + " characters");
        }
        List<AffectedRecord> requested = List.copyOf(changes);
        Set<String> seen = new HashSet<>();
        for (AffectedRecord c : requested) {
            check(c);
            if (!seen.add(c.entity() + "\0" + keyTuple(entity(c.entity()), c.key()))) {
                throw new IllegalArgumentException("two changes to " + c.entity() + " " + c.key()
                        + " in one write; write them one after another");
            }
        }
        lock.writeLock().lock();
        try {
            Remembered earlier = tokens.get(idempotencyToken);
            if (earlier != null) {
                if (!earlier.changes().equals(requested)) {
                    throw new IllegalArgumentException("idempotency token " + idempotencyToken
                            + " was used for other changes");
                }
                return earlier.result();
            }
            Map<String, LinkedHashMap<List<Object>, Row>> work = new HashMap<>();
            for (AffectedRecord c : requested) {
                work.computeIfAbsent(c.entity(), n -> new LinkedHashMap<>(tables.get(n)));
            }
            List<AffectedRecord> result = new ArrayList<>();
            for (AffectedRecord c : requested) {
                result.add(apply(entity(c.entity()), work.get(c.entity()), c));
            }
            checkUnique(work, result);
            tables.putAll(work);
            tokens.put(idempotencyToken, new Remembered(requested, List.copyOf(result)));
            writes++;
            return List.copyOf(result);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Answers for the last 10,000 tokens; older ones are {@link WriteState#UNKNOWN} once any was forgotten. */
    @Override
    public WriteState written(String idempotencyToken) {
        lock.readLock().lock();
        try {
            if (tokens.containsKey(idempotencyToken)) {
                return WriteState.WRITTEN;
            }
            return writes <= TOKEN_MEMORY ? WriteState.NOT_WRITTEN : WriteState.UNKNOWN;
        } finally {
            lock.readLock().unlock();
        }
    }

    private AffectedRecord apply(Entity e, LinkedHashMap<List<Object>, Row> table, AffectedRecord c) {
        List<Object> k = keyTuple(e, c.key());
        Row current = table.get(k);
        switch (c.operation()) {
            case CREATE -> {
                if (current != null) {
                    throw WriteConflictException.alreadyExists(e.name(), c.key());
                }
                Map<String, Object> values = new LinkedHashMap<>(c.after().orElseThrow().values());
                values.putAll(c.key());
                if (RecordVersion.isVersioned(e) && !values.containsKey(RecordVersion.FIELD)) {
                    values.put(RecordVersion.FIELD, BigDecimal.ONE);
                }
                Row stored = Row.of(values);
                table.put(k, stored);
                return new AffectedRecord(e.name(), c.key(), AffectedRecord.Operation.CREATE, Optional.empty(),
                        Optional.of(stored), Optional.of(RecordVersion.of(e, stored)));
            }
            case UPDATE -> {
                requireVersion(e, c, current);
                Map<String, Object> values = new LinkedHashMap<>(current.values());
                c.before().ifPresent(b -> b.values().keySet().forEach(f -> {
                    if (!c.after().orElseThrow().values().containsKey(f)) {
                        values.remove(f);
                    }
                }));
                values.putAll(c.after().orElseThrow().values());
                values.putAll(c.key());
                if (RecordVersion.isVersioned(e)) {
                    values.put(RecordVersion.FIELD, BigDecimal.valueOf(RecordVersion.number(current) + 1));
                }
                Row stored = Row.of(values);
                table.put(k, stored);
                return new AffectedRecord(e.name(), c.key(), AffectedRecord.Operation.UPDATE, Optional.of(current),
                        Optional.of(stored), Optional.of(RecordVersion.of(e, stored)));
            }
            case DELETE -> {
                String version = requireVersion(e, c, current);
                table.remove(k);
                return new AffectedRecord(e.name(), c.key(), AffectedRecord.Operation.DELETE, Optional.of(current),
                        Optional.empty(), Optional.of(version));
            }
            default -> throw new IllegalArgumentException("a record store cannot " + c.operation().jsonName());
        }
    }

    /** The stored version, once it is known to be the previewed one. */
    private static String requireVersion(Entity e, AffectedRecord c, Row current) {
        if (current == null) {
            throw WriteConflictException.notFound(e.name(), c.key(), c.operation());
        }
        String stored = RecordVersion.of(e, current);
        String expected = c.version().orElseThrow();
        if (!stored.equals(expected)) {
            throw WriteConflictException.versionChanged(e.name(), c.key(), c.operation(), expected, stored);
        }
        return stored;
    }

    private void checkUnique(Map<String, LinkedHashMap<List<Object>, Row>> work, List<AffectedRecord> written) {
        for (AffectedRecord r : written) {
            Set<String> fields = unique.getOrDefault(r.entity(), Set.of());
            if (r.after().isEmpty() || fields.isEmpty()) {
                continue;
            }
            List<Object> own = keyTuple(entity(r.entity()), r.key());
            for (String field : fields) {
                Object value = r.after().get().valueOrNull(field);
                if (value == null) {
                    continue;
                }
                for (Map.Entry<List<Object>, Row> other : work.get(r.entity()).entrySet()) {
                    if (!other.getKey().equals(own) && value.equals(other.getValue().valueOrNull(field))) {
                        throw WriteConflictException.duplicateValue(r.entity(), r.key(), r.operation(), field);
                    }
                }
            }
        }
    }

    private static Optional<Map.Entry<List<Object>, Row>> duplicate(Map<List<Object>, Row> table, String field) {
        Set<Object> values = new HashSet<>();
        for (Map.Entry<List<Object>, Row> e : table.entrySet()) {
            Object v = e.getValue().valueOrNull(field);
            if (v != null && !values.add(v)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    private void check(AffectedRecord c) {
        Entity e = entity(c.entity());
        Set<String> keyFields = keyFields(e);
        if (!c.key().keySet().equals(keyFields)) {
            throw new IllegalArgumentException("the key of " + c.entity() + " is " + keyFields + ", not "
                    + c.key().keySet());
        }
        switch (c.operation()) {
            case CREATE -> requireAfterWithKey(c);
            case UPDATE -> {
                requireAfterWithKey(c);
                requireVersionGiven(c);
            }
            case DELETE -> requireVersionGiven(c);
            default -> throw new IllegalArgumentException("a record store writes records; it cannot "
                    + c.operation().jsonName() + " (" + c.entity() + " " + c.key() + ")");
        }
    }

    private static void requireAfterWithKey(AffectedRecord c) {
        Row after = c.after().orElseThrow(() -> new IllegalArgumentException("a " + c.operation().jsonName()
                + " of " + c.entity() + " " + c.key() + " needs the record's content after it"));
        c.key().forEach((field, value) -> {
            Object v = after.valueOrNull(field);
            if (v != null && !sameKeyValue(v, value)) {
                throw new IllegalArgumentException("the key field '" + field + "' of " + c.entity() + " " + c.key()
                        + " cannot change");
            }
        });
    }

    private static void requireVersionGiven(AffectedRecord c) {
        if (c.version().isEmpty()) {
            throw new IllegalArgumentException("a " + c.operation().jsonName() + " of " + c.entity() + " " + c.key()
                    + " needs the version it was previewed at; every such write is conditional");
        }
    }

    private Entity entity(String name) {
        Entity e = entities.get(name);
        if (e == null) {
            throw new DataSourceException("the record store '" + id + "' holds no entity '" + name + "' (it holds: "
                    + String.join(", ", new java.util.TreeSet<>(entities.keySet())) + ")");
        }
        return e;
    }

    private InMemoryDataSource snapshotSource(Entity entity) {
        List<Row> snapshot = rows(entity.name());
        return new InMemoryDataSource(id, Map.of(entity.name(), snapshot));
    }

    private static Set<String> keyFields(Entity e) {
        Set<String> fields = new LinkedHashSet<>();
        fields.add(e.key().partition());
        e.key().sort().ifPresent(fields::add);
        return fields;
    }

    private static List<Object> keyOf(Entity e, Row row) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (String f : keyFields(e)) {
            Object v = row.valueOrNull(f);
            if (v == null) {
                throw new IllegalArgumentException("a row of '" + e.name() + "' lacks its key field '" + f + "': " + row);
            }
            key.put(f, v);
        }
        return keyTuple(e, key);
    }

    private static List<Object> keyTuple(Entity e, Map<String, Object> key) {
        List<Object> tuple = new ArrayList<>();
        for (String f : keyFields(e)) {
            Object v = key.get(f);
            if (v == null) {
                throw new IllegalArgumentException("the key of " + e.name() + " needs '" + f + "'");
            }
            tuple.add(v instanceof BigDecimal d ? d.stripTrailingZeros() : v);
        }
        return List.copyOf(tuple);
    }

    private static boolean sameKeyValue(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a.equals(b);
    }

    /** Builds an {@link InMemoryRecordStore}. */
    public static final class Builder {
        private final DataModel model;
        private String sourceId;
        private final Map<String, List<Row>> rows = new LinkedHashMap<>();
        private final Map<String, Set<String>> unique = new LinkedHashMap<>();

        private Builder(DataModel model) {
            this.model = Objects.requireNonNull(model, "model");
            this.sourceId = model.sources().size() == 1 ? model.sources().get(0).id() : null;
        }

        /** The id of the data model's source this store stands in for; needed when the model has several. */
        public Builder source(String id) {
            if (model.source(id).isEmpty()) {
                throw new IllegalArgumentException("the data model declares no source '" + id + "'");
            }
            this.sourceId = id;
            return this;
        }

        /** The initial rows of an entity, replacing any given before. */
        public Builder rows(String entity, List<Row> entityRows) {
            rows.put(Objects.requireNonNull(entity, "entity"), List.copyOf(entityRows));
            return this;
        }

        /** The initial rows of several entities, by entity name; entities of other sources are skipped. */
        public Builder rows(Map<String, ? extends List<Row>> byEntity) {
            byEntity.forEach((entity, list) -> {
                if (model.entity(entity).map(e -> e.source().equals(sourceId)).orElse(true)) {
                    rows(entity, list);
                }
            });
            return this;
        }

        /**
         * Makes a field unique among the records of an entity: a create or update that would give it a value
         * another record holds fails with {@link WriteConflictException.Reason#DUPLICATE_VALUE}.
         */
        public Builder unique(String entity, String field) {
            unique.computeIfAbsent(entity, e -> new LinkedHashSet<>()).add(Objects.requireNonNull(field, "field"));
            return this;
        }

        public InMemoryRecordStore build() {
            if (sourceId == null) {
                throw new IllegalArgumentException("the data model declares " + model.sources().size()
                        + " sources; name the one this store stands in for with source(id)");
            }
            return new InMemoryRecordStore(this);
        }
    }
}
