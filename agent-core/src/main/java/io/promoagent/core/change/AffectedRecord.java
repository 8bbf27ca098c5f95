package io.promoagent.core.change;

import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One record a change set creates, updates, deletes or sends to, with what it held before and will hold
 * after, so that the approval can be checked against it and the change rolled back.
 *
 * @param entity    the entity of the record
 * @param key       its key fields and values (String, BigDecimal or Boolean)
 * @param operation what happens to it
 * @param before    its content before the change, when it exists (the before-image)
 * @param after     its content after the change, for a create or an update
 * @param version   the version the record had when the change was proposed, for a conditional write
 */
public record AffectedRecord(
        String entity,
        Map<String, Object> key,
        Operation operation,
        Optional<Row> before,
        Optional<Row> after,
        Optional<String> version) {

    /** What happens to an affected record. */
    public enum Operation {
        CREATE, UPDATE, DELETE, SEND;

        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AffectedRecord {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(version, "version");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("an affected record of '" + entity + "' needs its key");
        }
        LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
        key.forEach((k, v) -> {
            if (!(v instanceof String || v instanceof BigDecimal || v instanceof Boolean)) {
                throw new IllegalArgumentException("key field '" + k + "' of '" + entity
                        + "' must hold a String, BigDecimal or Boolean, not " + v);
            }
            copy.put(k, v);
        });
        key = Collections.unmodifiableMap(copy);
    }

    /** A record the change creates with the given content. */
    public static AffectedRecord create(String entity, Map<String, Object> key, Row after) {
        return new AffectedRecord(entity, key, Operation.CREATE, Optional.empty(), Optional.of(after), Optional.empty());
    }

    /** A record the change updates from {@code before} (at {@code version}) to {@code after}. */
    public static AffectedRecord update(String entity, Map<String, Object> key, Row before, Row after, String version) {
        return new AffectedRecord(entity, key, Operation.UPDATE, Optional.of(before), Optional.of(after),
                Optional.ofNullable(version));
    }

    /** A record the change deletes. */
    public static AffectedRecord delete(String entity, Map<String, Object> key, Row before, String version) {
        return new AffectedRecord(entity, key, Operation.DELETE, Optional.of(before), Optional.empty(),
                Optional.ofNullable(version));
    }

    /** A record something is sent to (the recipient of an e-mail), by key only. */
    public static AffectedRecord send(String entity, Map<String, Object> key) {
        return new AffectedRecord(entity, key, Operation.SEND, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
