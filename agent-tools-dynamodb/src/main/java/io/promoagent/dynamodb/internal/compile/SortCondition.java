package io.promoagent.dynamodb.internal.compile;

import io.promoagent.schema.ir.Operator;
import java.util.List;
import java.util.Objects;

/**
 * The sort-key part of a key condition: {@code = < <= > >= BETWEEN begins_with} on the sort key of the
 * table or index queried.
 *
 * @param attribute the sort key attribute
 * @param op        one of EQ, LT, LTE, GT, GTE, BETWEEN, BEGINS_WITH
 * @param values    the operands (two for BETWEEN), as row values of the key's type
 */
public record SortCondition(String attribute, Operator op, List<Object> values) {

    public SortCondition {
        Objects.requireNonNull(attribute, "attribute");
        Objects.requireNonNull(op, "op");
        values = List.copyOf(values);
    }
}
