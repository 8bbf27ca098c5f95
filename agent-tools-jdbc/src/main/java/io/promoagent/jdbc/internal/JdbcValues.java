package io.promoagent.jdbc.internal;

import io.promoagent.schema.model.FieldType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;

/** Binding parameters and reading columns as a row's values (String, BigDecimal, Boolean; absent as null). */
public final class JdbcValues {

    private JdbcValues() {
    }

    public static void bind(PreparedStatement statement, List<Sql.Param> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            bind(statement, i + 1, params.get(i).value(), params.get(i).type());
        }
    }

    public static void bind(PreparedStatement s, int index, Object value, DbType type) throws SQLException {
        if (value == null) {
            s.setNull(index, switch (type) {
                case NUMERIC -> java.sql.Types.NUMERIC;
                case BOOLEAN -> java.sql.Types.BOOLEAN;
                case DATE -> java.sql.Types.DATE;
                default -> java.sql.Types.VARCHAR;
            });
        } else if (value instanceof Sql.Array a) {
            s.setArray(index, s.getConnection().createArrayOf(arrayType(type), elements(a.values(), type)));
        } else if (value instanceof Long l) {
            s.setLong(index, l);
        } else if (value instanceof BigDecimal d) {
            s.setBigDecimal(index, d);
        } else if (value instanceof Boolean b) {
            s.setBoolean(index, b);
        } else if (value instanceof LocalDate d) {
            s.setObject(index, d);
        } else if (type == DbType.DATE) {
            s.setObject(index, LocalDate.parse((String) value));
        } else if (type == DbType.TIMESTAMPTZ) {
            s.setObject(index, OffsetDateTime.parse((String) value));
        } else {
            s.setString(index, (String) value);
        }
    }

    private static String arrayType(DbType type) {
        return switch (type) {
            case NUMERIC -> "numeric";
            case BOOLEAN -> "boolean";
            case DATE -> "date";
            case TIMESTAMPTZ -> "timestamptz";
            default -> "text";
        };
    }

    private static Object[] elements(List<Object> values, DbType type) {
        Object[] out = new Object[values.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = values.get(i);
            // dates and instants travel as their ISO text, which PostgreSQL reads into the array's element type
            out[i] = v instanceof LocalDate || type == DbType.DATE || type == DbType.TIMESTAMPTZ ? String.valueOf(v) : v;
        }
        return out;
    }

    /** The value of column {@code index}, as the model's type holds it; null when SQL NULL. */
    public static Object read(ResultSet rs, int index, FieldType fieldType, DbType dbType) throws SQLException {
        if (fieldType.isNumeric()) {
            return rs.getBigDecimal(index);
        }
        if (fieldType == FieldType.BOOLEAN) {
            boolean b = rs.getBoolean(index);
            return rs.wasNull() ? null : b;
        }
        return switch (dbType) {
            case DATE -> {
                LocalDate d = rs.getObject(index, LocalDate.class);
                yield d == null ? null : d.toString();
            }
            case TIMESTAMPTZ -> {
                OffsetDateTime t = rs.getObject(index, OffsetDateTime.class);
                yield t == null ? null : t.toInstant().toString();
            }
            case TIMESTAMP -> {
                LocalDateTime t = rs.getObject(index, LocalDateTime.class);
                yield t == null ? null : t.toString();
            }
            default -> rs.getString(index);
        };
    }
}
