package io.promoagent.dynamodb.write;

import io.promoagent.schema.source.DataSourceException;
import java.util.Map;

/**
 * A change set was not written because one of its items is not as it was previewed: it exists where it
 * was to be created, it is gone, or its values changed. Nothing of the change set was written.
 */
public class ConditionFailedException extends DataSourceException {

    private static final long serialVersionUID = 1L;

    /** Why the item's condition failed. */
    public enum Reason {
        /** An item to be created already exists. */
        ALREADY_EXISTS,
        /** An item to be updated or deleted no longer exists. */
        MISSING,
        /** An item to be updated or deleted changed since it was previewed. */
        CHANGED
    }

    private final String entity;
    private final transient Map<String, Object> key;
    private final Reason reason;

    public ConditionFailedException(String entity, Map<String, Object> key, Reason reason, String detail) {
        super(message(entity, key, reason, detail));
        this.entity = entity;
        this.key = Map.copyOf(key);
        this.reason = reason;
    }

    private static String message(String entity, Map<String, Object> key, Reason reason, String detail) {
        String item = entity + " " + key;
        String what;
        switch (reason) {
            case ALREADY_EXISTS:
                what = " already exists, so it cannot be created";
                break;
            case MISSING:
                what = " no longer exists";
                break;
            default:
                what = " changed since the change set was previewed";
                break;
        }
        return item + what + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")")
                + "; nothing was written";
    }

    /** The entity of the item. */
    public String entity() {
        return entity;
    }

    /** The key of the item. */
    public Map<String, Object> key() {
        return key;
    }

    public Reason reason() {
        return reason;
    }
}
