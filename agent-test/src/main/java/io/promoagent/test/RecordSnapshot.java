package io.promoagent.test;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The records of some entities at one moment, by key, for {@link ApplyMatchesPreviewHarness}: the usual
 * observation of a tool that writes through a {@code RecordWriter}, and {@link #applying} the usual
 * expectation — the records as the writer's contract says the change set leaves them.
 *
 * <p>Equal when every record is equal field by field; numbers compare by value ({@code 10.00} equals
 * {@code 10}), as stores keep them.
 */
public final class RecordSnapshot {

    private final DataModel model;
    private final Map<String, Map<Map<String, Object>, Map<String, Object>>> records;

    private RecordSnapshot(DataModel model, Map<String, Map<Map<String, Object>, Map<String, Object>>> records) {
        this.model = model;
        this.records = records;
    }

    /**
     * The records of {@code entities} as {@code rows} gives them now (an {@code InMemoryRecordStore}'s
     * {@code rows}, or a query of each entity).
     */
    public static RecordSnapshot of(DataModel model, Function<String, List<Row>> rows, String... entities) {
        Objects.requireNonNull(model, "model");
        Map<String, Map<Map<String, Object>, Map<String, Object>>> all = new TreeMap<>();
        for (String name : entities) {
            Entity entity = model.requireEntity(name);
            Map<Map<String, Object>, Map<String, Object>> byKey = new LinkedHashMap<>();
            for (Row r : rows.apply(name)) {
                byKey.put(key(entity, r.values()), normalised(r.values()));
            }
            all.put(name, byKey);
        }
        return new RecordSnapshot(model, all);
    }

    /**
     * These records with exactly the change set's writes done, as the {@code RecordWriter} contract defines
     * them: a create stores its after-image, an update sets the after-image's fields and removes the fields
     * only its before-image has, a delete removes the record; a versioned entity's version goes up by one
     * (to 1 on a create without one). Records of entities this snapshot does not hold, and sends, are left out.
     */
    public RecordSnapshot applying(ChangeSet changeSet) {
        Map<String, Map<Map<String, Object>, Map<String, Object>>> next = new TreeMap<>();
        records.forEach((entity, byKey) -> next.put(entity, new LinkedHashMap<>(byKey)));
        for (AffectedRecord r : changeSet.affected()) {
            Map<Map<String, Object>, Map<String, Object>> table = next.get(r.entity());
            if (table == null || r.operation() == AffectedRecord.Operation.SEND) {
                continue;
            }
            Entity entity = model.requireEntity(r.entity());
            Map<String, Object> key = normalised(r.key());
            switch (r.operation()) {
                case CREATE -> {
                    Map<String, Object> row = new LinkedHashMap<>(normalised(r.after().orElseThrow().values()));
                    if (RecordVersion.isVersioned(entity) && !row.containsKey(RecordVersion.FIELD)) {
                        row.put(RecordVersion.FIELD, BigDecimal.ONE);
                    }
                    table.put(key, Collections.unmodifiableMap(row));
                }
                case UPDATE -> {
                    Map<String, Object> row = new LinkedHashMap<>(table.getOrDefault(key, Map.of()));
                    Map<String, Object> after = normalised(r.after().orElseThrow().values());
                    r.before().ifPresent(b -> b.values().keySet().stream().filter(f -> !after.containsKey(f)).forEach(row::remove));
                    row.putAll(after);
                    if (RecordVersion.isVersioned(entity)) {
                        Object v = table.getOrDefault(key, Map.of()).get(RecordVersion.FIELD);
                        row.put(RecordVersion.FIELD, (v instanceof BigDecimal d ? d : BigDecimal.ZERO).add(BigDecimal.ONE));
                    }
                    table.put(key, Collections.unmodifiableMap(row));
                }
                case DELETE -> table.remove(key);
                default -> throw new IllegalStateException("unreachable: " + r.operation());
            }
        }
        return new RecordSnapshot(model, next);
    }

    /** The records of one entity, by key. */
    public Map<Map<String, Object>, Map<String, Object>> records(String entity) {
        return Collections.unmodifiableMap(records.getOrDefault(entity, Map.of()));
    }

    private static Map<String, Object> key(Entity entity, Map<String, Object> values) {
        Map<String, Object> key = new LinkedHashMap<>();
        key.put(entity.key().partition(), values.get(entity.key().partition()));
        entity.key().sort().ifPresent(s -> key.put(s, values.get(s)));
        return normalised(key);
    }

    private static Map<String, Object> normalised(Map<String, Object> values) {
        Map<String, Object> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, v instanceof BigDecimal d
                ? (d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros()) : v));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RecordSnapshot s && records.equals(s.records);
    }

    @Override
    public int hashCode() {
        return records.hashCode();
    }

    /** Every record, entity by entity, for a failure message. */
    @Override
    public String toString() {
        return records.toString();
    }
}
