package io.promoagent.jdbc.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL text being built with its bind parameters. Values only ever enter as parameters ({@link #param});
 * identifiers only through {@link #quote}, from the data model's mapping.
 */
public final class Sql {

    private final StringBuilder text = new StringBuilder();
    private final List<Param> params = new ArrayList<>();

    /** A bind parameter: its value and how to bind it. */
    public record Param(Object value, DbType type) {
    }

    /** A parameter that is an array of values of one type, bound as a PostgreSQL array ({@code = ANY(?)}). */
    public record Array(List<Object> values) {
        public Array {
            values = List.copyOf(values);
        }
    }

    public Sql append(String sql) {
        text.append(sql);
        return this;
    }

    public Sql param(Object value, DbType type) {
        text.append('?');
        params.add(new Param(value, type));
        return this;
    }

    /** Appends another statement part with its parameters. */
    public Sql append(Sql other) {
        text.append(other.text);
        params.addAll(other.params);
        return this;
    }

    public String text() {
        return text.toString();
    }

    public List<Param> params() {
        return List.copyOf(params);
    }

    public int length() {
        return text.length();
    }

    /** A quoted identifier; a name with a NUL cannot be one and is refused. */
    public static String quote(String identifier) {
        if (identifier.indexOf('\0') >= 0 || identifier.isEmpty()) {
            throw new IllegalArgumentException("a SQL identifier cannot be empty or hold NUL: " + identifier.replace('\0', '?'));
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return text + " " + params;
    }
}
