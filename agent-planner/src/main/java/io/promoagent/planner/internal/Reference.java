package io.promoagent.planner.internal;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.model.Field;
import java.util.List;

/**
 * A value written in a request for a field: a name ("John Smith"), an e-mail address, an identifier
 * ({@code C00042}), or a value of another text field ("Berlin"). A read compares the field; a write resolves
 * names, e-mail addresses and identifiers to keys first.
 *
 * @param entity the entity of the record
 * @param field  the field the value is in
 * @param value  the value as written
 * @param kind   how it was recognised
 * @param from   its first token
 * @param to     the token after its last one
 */
record Reference(String entity, Field field, String value, Kind kind, int from, int to) {

    /** How a reference was recognised: a name, an e-mail address, an identifier, or a value of another text field. */
    enum Kind { NAME, EMAIL, IDENTIFIER, VALUE }

    /** The comparison that finds the record: a full name case-insensitively, a first name as part of one. */
    Compare compare() {
        if (kind == Kind.NAME) {
            Operator op = value.trim().contains(" ") ? Operator.EQ : Operator.CONTAINS;
            return new Compare(field.name(), op, List.of(value), true);
        }
        if (kind == Kind.VALUE) {
            return new Compare(field.name(), Operator.EQ, List.of(value), true);
        }
        return Compare.eq(field.name(), value);
    }
}
