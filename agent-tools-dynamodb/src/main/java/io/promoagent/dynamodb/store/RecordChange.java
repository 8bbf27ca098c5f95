package io.promoagent.dynamodb.store;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.dynamodb.item.AttributeValues;
import io.promoagent.dynamodb.internal.compile.Buckets;
import io.promoagent.dynamodb.internal.compile.ExpressionBuilder;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Visibility;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One change of a {@link DynamoDbRecordWriter} call as DynamoDB writes it: its transaction item, built
 * from the change alone so that a repeat sends the very same request (DynamoDB's idempotency needs it),
 * and the images it leaves.
 *
 * <p>The condition is the change's version: the {@code version} attribute of a versioned entity; else
 * the content the version hash covers (every declared, non-hidden field equal to the previewed record,
 * or absent where it was absent), taken from the change's {@code before} when it hashes to the version,
 * else from the record read at write time.
 */
final class RecordChange {

    private final Entity entity;
    private final AffectedRecord change;
    private final boolean versioned;

    RecordChange(Entity entity, AffectedRecord change) {
        this.entity = entity;
        this.change = change;
        this.versioned = RecordVersion.isVersioned(entity);
    }

    AffectedRecord change() {
        return change;
    }

    Entity entity() {
        return entity;
    }

    Map<String, AttributeValue> key() {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(entity.key().partition(), AttributeValues.of(change.key().get(entity.key().partition())));
        entity.key().sort().ifPresent(s -> key.put(s, AttributeValues.of(change.key().get(s))));
        return key;
    }

    /** Whether the condition depends only on the change, so that a repeat can be sent again verbatim. */
    boolean deterministic() {
        return change.operation() == AffectedRecord.Operation.CREATE || versioned
                || change.before().map(b -> RecordVersion.of(entity, b).equals(change.version().orElseThrow())).orElse(false);
    }

    /** The transaction item; {@code stored} (the record read at write time) is used only when not {@link #deterministic}. */
    TransactWriteItem item(Optional<Row> stored) {
        String table = entity.table();
        ExpressionBuilder e = new ExpressionBuilder();
        if (change.operation() == AffectedRecord.Operation.CREATE) {
            String condition = "attribute_not_exists(" + e.name(entity.key().partition()) + ")";
            return TransactWriteItem.builder().put(Put.builder().tableName(table).item(created())
                    .conditionExpression(condition).expressionAttributeNames(e.names()).build()).build();
        }
        String condition = condition(e, stored);
        if (change.operation() == AffectedRecord.Operation.DELETE) {
            return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key())
                    .conditionExpression(condition).expressionAttributeNames(e.names())
                    .expressionAttributeValues(nonEmpty(e.values())).build()).build();
        }
        String update = updateExpression(e);
        if (update.isEmpty()) {
            return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key())
                    .conditionExpression(condition).expressionAttributeNames(e.names())
                    .expressionAttributeValues(nonEmpty(e.values())).build()).build();
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key()).updateExpression(update)
                .conditionExpression(condition).expressionAttributeNames(e.names())
                .expressionAttributeValues(nonEmpty(e.values())).build()).build();
    }

    private static Map<String, AttributeValue> nonEmpty(Map<String, AttributeValue> values) {
        return values.isEmpty() ? null : values;
    }

    private String condition(ExpressionBuilder e, Optional<Row> stored) {
        StringJoiner all = new StringJoiner(" AND ");
        all.add("attribute_exists(" + e.name(entity.key().partition()) + ")");
        if (versioned) {
            BigDecimal expected = new BigDecimal(change.version().orElseThrow());
            String v = e.name(RecordVersion.FIELD);
            all.add(expected.signum() == 0 ? "(attribute_not_exists(" + v + ") OR " + v + " = " + e.value(AttributeValues.of(expected)) + ")"
                    : v + " = " + e.value(AttributeValues.of(expected)));
            return all.toString();
        }
        Row content = deterministic() ? change.before().orElseThrow() : stored.orElseThrow();
        // The fields the version hash covers, in a fixed order so that a repeat writes the same expression.
        List<Field> fields = new ArrayList<>(entity.fields());
        fields.sort((a, b) -> a.name().compareTo(b.name()));
        for (Field f : fields) {
            if (f.visibility() == Visibility.HIDDEN || isKey(f.name())) {
                continue;
            }
            Object value = content.valueOrNull(f.name());
            all.add(value == null ? "attribute_not_exists(" + e.name(f.name()) + ")"
                    : e.name(f.name()) + " = " + e.value(AttributeValues.of(value)));
        }
        return all.toString();
    }

    /** SET every field of the after-image, REMOVE every field the before-image has and the after-image lacks. */
    private String updateExpression(ExpressionBuilder e) {
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        set.setEmptyValue("");
        StringJoiner remove = new StringJoiner(", ", "REMOVE ", "");
        remove.setEmptyValue("");
        Map<String, Optional<Object>> changes = fieldChanges();
        changes.forEach((name, value) -> {
            if (value.isPresent()) {
                set.add(e.name(name) + " = " + e.value(AttributeValues.of(value.get())));
            } else {
                remove.add(e.name(name));
            }
        });
        if (versioned) {
            BigDecimal next = new BigDecimal(change.version().orElseThrow()).add(BigDecimal.ONE);
            set.add(e.name(RecordVersion.FIELD) + " = " + e.value(AttributeValues.of(next)));
        }
        return (set + " " + remove).trim();
    }

    /** What an update does to each field it touches: a new value, or removal (empty). Keys and the version excluded. */
    private Map<String, Optional<Object>> fieldChanges() {
        Row after = change.after().orElseThrow();
        Row before = change.before().orElse(new Row(Map.of()));
        Map<String, Optional<Object>> out = new LinkedHashMap<>();
        after.values().forEach((name, value) -> {
            if (!isKey(name) && !(versioned && name.equals(RecordVersion.FIELD))) {
                out.put(name, Optional.of(value));
            }
        });
        for (String name : before.values().keySet()) {
            if (!isKey(name) && !(versioned && name.equals(RecordVersion.FIELD)) && !after.values().containsKey(name)) {
                out.put(name, Optional.empty());
            }
        }
        // Bucket fields follow their dates, unless the change sets them itself.
        for (Field f : entity.fields()) {
            if (f.bucket().isEmpty() || after.values().containsKey(f.name()) || !out.containsKey(f.bucket().get().of())) {
                continue;
            }
            Optional<Object> date = out.get(f.bucket().get().of());
            Optional<String> bucket = date.flatMap(d -> Buckets.of(d, f.bucket().get().unit()));
            out.put(f.name(), bucket.map(b -> (Object) b));
        }
        return out;
    }

    /** The item a create puts: the after-image, its buckets derived, a versioned record at its version or 1. */
    Map<String, AttributeValue> created() {
        Map<String, AttributeValue> item = AttributeValues.item(change.after().orElseThrow());
        for (Field f : entity.fields()) {
            AttributeValue date = f.bucket().isPresent() ? item.get(f.bucket().get().of()) : null;
            if (date != null && date.s() != null && !item.containsKey(f.name())) {
                Buckets.of(date.s(), f.bucket().get().unit()).ifPresent(b -> item.put(f.name(), AttributeValue.fromS(b)));
            }
        }
        if (versioned && !item.containsKey(RecordVersion.FIELD)) {
            item.put(RecordVersion.FIELD, AttributeValue.fromN("1"));
        }
        return item;
    }

    /** The record after this change, from the record read at write time; empty for a delete. */
    Optional<Row> after(Optional<Row> stored) {
        switch (change.operation()) {
            case CREATE:
                return Optional.of(AttributeValues.row(created()));
            case DELETE:
                return Optional.empty();
            default: {
                Map<String, Object> values = new LinkedHashMap<>(stored.orElseThrow().values());
                fieldChanges().forEach((name, value) -> {
                    if (value.isPresent()) {
                        values.put(name, value.get());
                    } else {
                        values.remove(name);
                    }
                });
                if (versioned) {
                    values.put(RecordVersion.FIELD, new BigDecimal(change.version().orElseThrow()).add(BigDecimal.ONE));
                }
                return Optional.of(normalised(values));
            }
        }
    }

    /**
     * Whether {@code stored} is what this change leaves: how a repeat on another instance, whose earlier
     * call succeeded, tells itself apart from a conflict.
     */
    boolean looksApplied(Optional<Row> stored) {
        switch (change.operation()) {
            case CREATE:
                return stored.isPresent();
            case DELETE:
                return stored.isEmpty();
            default: {
                if (stored.isEmpty()) {
                    return false;
                }
                if (versioned) {
                    return RecordVersion.number(stored.get()) == new BigDecimal(change.version().orElseThrow()).longValueExact() + 1;
                }
                for (Map.Entry<String, Optional<Object>> c : fieldChanges().entrySet()) {
                    Object now = stored.get().valueOrNull(c.getKey());
                    if (c.getValue().isPresent() ? now == null || !io.promoagent.schema.eval.Values.same(now, c.getValue().get())
                            : now != null) {
                        return false;
                    }
                }
                return true;
            }
        }
    }

    /** The record before this change, rebuilt from the record it left (for a repeat whose first call wrote it). */
    Optional<Row> rebuiltBefore(Optional<Row> stored) {
        switch (change.operation()) {
            case CREATE:
                return Optional.empty();
            case DELETE:
                return change.before();
            default: {
                Map<String, Object> values = new LinkedHashMap<>(stored.orElseThrow().values());
                Row before = change.before().orElse(new Row(Map.of()));
                for (String name : fieldChanges().keySet()) {
                    Object was = before.valueOrNull(name);
                    if (was == null) {
                        values.remove(name);
                    } else {
                        values.put(name, was);
                    }
                }
                if (versioned) {
                    values.put(RecordVersion.FIELD, new BigDecimal(change.version().orElseThrow()));
                }
                return Optional.of(normalised(values));
            }
        }
    }

    private static Row normalised(Map<String, Object> values) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        values.forEach((k, v) -> item.put(k, AttributeValues.of(v)));
        return AttributeValues.row(item);
    }

    private boolean isKey(String name) {
        return name.equals(entity.key().partition()) || entity.key().sort().map(name::equals).orElse(false);
    }

    /** The key attributes of an entity. */
    static Set<String> keyFields(Entity entity) {
        Set<String> out = new HashSet<>();
        out.add(entity.key().partition());
        entity.key().sort().ifPresent(out::add);
        return out;
    }
}
