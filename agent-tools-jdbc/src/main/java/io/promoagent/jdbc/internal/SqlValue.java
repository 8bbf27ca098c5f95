package io.promoagent.jdbc.internal;

import io.promoagent.schema.model.FieldType;

/**
 * A computed value as SQL: an expression with its parameters, how the database holds it and the model's
 * type of its values (which decides how it compares, as {@link CompareSql#kindOf} says).
 *
 * @param sql       the SQL expression
 * @param dbType    how the database holds it
 * @param fieldType the model's type of its values
 */
record SqlValue(Sql sql, DbType dbType, FieldType fieldType) {

    static SqlValue of(Column column) {
        return new SqlValue(new Sql().append(column.sql()), column.dbType(), column.fieldType());
    }

    /** The Java type of its values in a row: BigDecimal, Boolean or String. */
    Class<?> kind() {
        return CompareSql.kindOf(fieldType);
    }

    /** A number known to be absent, as the reference evaluator's arithmetic on a value of another kind gives. */
    static SqlValue absentNumber() {
        return new SqlValue(new Sql().append("CAST(NULL AS numeric)"), DbType.NUMERIC, FieldType.NUMBER);
    }
}
