package io.promoagent.jdbc.internal;

import io.promoagent.schema.model.FieldType;

/**
 * One column a compiled statement selects and how its values become a row's values.
 *
 * @param name      the name the value takes in the row (a field, or an internal aggregate column)
 * @param fieldType the model's type of the value
 * @param dbType    how the database returns it
 */
record Output(String name, FieldType fieldType, DbType dbType) {
}
