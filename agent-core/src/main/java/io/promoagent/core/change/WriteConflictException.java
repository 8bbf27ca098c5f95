package io.promoagent.core.change;

import io.promoagent.core.ToolException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A conditional write that found a record other than the change set previewed: it exists already, it is
 * gone, it changed, or another record holds a value that must be unique. Nothing was written.
 *
 * <p>The message names the entity, the key and the reason, never a field's value other than the key's.
 */
public class WriteConflictException extends ToolException {

    private static final long serialVersionUID = 1L;

    /** Why a record's condition failed. */
    public enum Reason {
        /** A create found a record with the key. */
        ALREADY_EXISTS,
        /** An update or delete found no record with the key. */
        NOT_FOUND,
        /** An update or delete found the record at another version. */
        VERSION_CHANGED,
        /** The write would give a field that must be unique a value another record holds. */
        DUPLICATE_VALUE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final String entity;
    private final transient Map<String, Object> key;
    private final AffectedRecord.Operation operation;
    private final Reason reason;
    private final String expectedVersion;
    private final String actualVersion;
    private final String field;

    private WriteConflictException(String message, String entity, Map<String, Object> key,
                                   AffectedRecord.Operation operation, Reason reason, String expectedVersion,
                                   String actualVersion, String field) {
        super(message);
        this.entity = entity;
        this.key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
        this.operation = operation;
        this.reason = reason;
        this.expectedVersion = expectedVersion;
        this.actualVersion = actualVersion;
        this.field = field;
    }

    /** A create that found a record with its key. */
    public static WriteConflictException alreadyExists(String entity, Map<String, Object> key) {
        return new WriteConflictException("cannot create " + entity + " " + key
                + ": a record with this key already exists", entity, key, AffectedRecord.Operation.CREATE,
                Reason.ALREADY_EXISTS, null, null, null);
    }

    /** An update or delete that found no record. */
    public static WriteConflictException notFound(String entity, Map<String, Object> key,
                                                  AffectedRecord.Operation operation) {
        return new WriteConflictException("cannot " + verb(operation) + " " + entity + " " + key
                + ": the record no longer exists", entity, key, operation, Reason.NOT_FOUND, null, null, null);
    }

    /** An update or delete that found the record at another version than previewed. */
    public static WriteConflictException versionChanged(String entity, Map<String, Object> key,
                                                        AffectedRecord.Operation operation, String expected,
                                                        String actual) {
        return new WriteConflictException("cannot " + verb(operation) + " " + entity + " " + key
                + ": the record changed since the preview (version " + expected + " was previewed, "
                + (actual == null ? "another" : actual) + " is stored)", entity, key, operation, Reason.VERSION_CHANGED,
                Objects.requireNonNull(expected, "expected"), actual, null);
    }

    /** A write that would duplicate the value of a field that must be unique. */
    public static WriteConflictException duplicateValue(String entity, Map<String, Object> key,
                                                        AffectedRecord.Operation operation, String field) {
        return new WriteConflictException("cannot " + verb(operation) + " " + entity + " " + key
                + ": another record of " + entity + " already has this " + field, entity, key, operation,
                Reason.DUPLICATE_VALUE, null, null, Objects.requireNonNull(field, "field"));
    }

    private static String verb(AffectedRecord.Operation operation) {
        return operation.jsonName();
    }

    public String entity() {
        return entity;
    }

    /** The key of the record whose condition failed. */
    public Map<String, Object> key() {
        return key;
    }

    public AffectedRecord.Operation operation() {
        return operation;
    }

    public Reason reason() {
        return reason;
    }

    /** The version the change set previewed, for {@link Reason#VERSION_CHANGED}. */
    public Optional<String> expectedVersion() {
        return Optional.ofNullable(expectedVersion);
    }

    /** The version found, for {@link Reason#VERSION_CHANGED}, when the store reported it. */
    public Optional<String> actualVersion() {
        return Optional.ofNullable(actualVersion);
    }

    /** The unique field, for {@link Reason#DUPLICATE_VALUE}. */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
