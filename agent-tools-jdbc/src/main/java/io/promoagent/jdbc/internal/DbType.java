package io.promoagent.jdbc.internal;

import java.util.Locale;

/** The kinds of PostgreSQL column the compiler binds and reads differently. */
public enum DbType {
    TEXT, NUMERIC, BOOLEAN, DATE, TIMESTAMPTZ, TIMESTAMP, OTHER;

    /** The kind of an {@code information_schema.columns.data_type}. */
    public static DbType of(String dataType) {
        String t = dataType.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "text", "character varying", "character", "varchar", "char", "citext", "name" -> TEXT;
            case "numeric", "integer", "bigint", "smallint", "real", "double precision", "decimal" -> NUMERIC;
            case "boolean" -> BOOLEAN;
            case "date" -> DATE;
            case "timestamp with time zone" -> TIMESTAMPTZ;
            case "timestamp without time zone" -> TIMESTAMP;
            default -> OTHER;
        };
    }
}
