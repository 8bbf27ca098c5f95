package io.promoagent.schema.validate;

import java.util.Locale;

/** The stable code of a query error; a model or a program can branch on it. */
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
    TOO_MANY_ITEMS;

    /** The code as written in JSON ({@code unknown_field}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
