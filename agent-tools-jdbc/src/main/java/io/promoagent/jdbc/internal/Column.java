package io.promoagent.jdbc.internal;

import io.promoagent.schema.model.FieldType;

/**
 * A value a filter can name, as SQL: an entity's column under a table alias, or an aggregate's expression.
 *
 * @param sql       the SQL expression
 * @param dbType    how the database holds it
 * @param fieldType the model's type of its values
 */
record Column(String sql, DbType dbType, FieldType fieldType) {
}
