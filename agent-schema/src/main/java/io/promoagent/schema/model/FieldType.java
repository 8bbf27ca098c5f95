package io.promoagent.schema.model;

/** The type of a field of an entity, which decides the operators and values a query may use on it. */
public enum FieldType {
    STRING,
    NUMBER,
    INTEGER,
    BOOLEAN,
    /** An ISO {@code YYYY-MM-DD} calendar date. */
    DATE,
    /** An ISO-8601 instant, for example {@code 2026-06-30T12:00:00Z}. */
    TIMESTAMP,
    /** A string restricted to the field's declared values. */
    ENUM;

    /** Whether values of this type are ordered numbers. */
    public boolean isNumeric() {
        return this == NUMBER || this == INTEGER;
    }

    /** Whether values of this type are points in time. */
    public boolean isTemporal() {
        return this == DATE || this == TIMESTAMP;
    }

    /** Whether values of this type are stored as strings. */
    public boolean isTextual() {
        return this == STRING || this == ENUM || isTemporal();
    }
}
