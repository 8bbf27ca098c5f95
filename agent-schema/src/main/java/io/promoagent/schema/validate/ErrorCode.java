package io.promoagent.schema.validate;

import java.util.Locale;

/**
 * The stable code of a query error; a model or a program can branch on it.
 *
 * <p>The one vocabulary of query errors: reading JSON ({@code QueryJson}), validating against a model
 * ({@code QueryValidator}) and the engine's preparation all report with these codes.
 */
public enum ErrorCode {
    MALFORMED_JSON,
    UNKNOWN_PROPERTY,
    MISSING_PROPERTY,
    WRONG_JSON_TYPE,
    UNKNOWN_ENTITY,
    UNKNOWN_FIELD,
    UNKNOWN_RELATIONSHIP,
    UNKNOWN_RULE,
    UNKNOWN_RULE_PARAMETER,
    UNKNOWN_MEASURE,
    UNKNOWN_OPERATOR,
    UNKNOWN_FUNCTION,
    UNKNOWN_ALIAS,
    RULE_NOT_FOR_ENTITY,
    MEASURE_NOT_FOR_ENTITY,
    OPERATOR_NOT_FOR_TYPE,
    WRONG_VALUE_COUNT,
    WRONG_VALUE_TYPE,
    UNKNOWN_ENUM_VALUE,
    INVALID_DATE,
    INVALID_TIME_RANGE,
    FIELD_NOT_VISIBLE,
    NOT_GROUPABLE,
    NOT_AGGREGATABLE,
    FIELDS_WITH_AGGREGATES,
    FILTER_TOO_DEEP,
    IN_LIST_TOO_LONG,
    STRING_TOO_LONG,
    LIMIT_OUT_OF_RANGE,
    TOO_MANY_ITEMS,
    /** A {@code between} comparison whose low value is above its high value. */
    EMPTY_RANGE,
    /** Two group keys or aggregates with the same output name. */
    DUPLICATE_ALIAS,
    /** A {@code having} in a query without groups or aggregates. */
    HAVING_WITHOUT_AGGREGATES,
    /** A rule or related condition inside {@code having}, which only compares aggregated columns. */
    NOT_ALLOWED_IN_HAVING,
    /** A rule whose predicate refers back to itself. */
    CIRCULAR_RULE,
    /** A query that would hold more records in memory than the engine's bound. */
    TOO_MANY_ROWS,
    /** A value of the wrong type for an expression: a date part of a number, arithmetic over text. */
    WRONG_EXPRESSION_TYPE,
    /** A window function over a query without groups or aggregates, or without the order it needs. */
    WINDOW_NEEDS_GROUPS,
    /** A nested query that does not return exactly one column. */
    NESTED_QUERY_COLUMNS,
    /** The validator itself failed on this input; a defect of the library, reported rather than thrown. */
    VALIDATION_FAILED;

    /** The code as written in JSON ({@code unknown_field}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
