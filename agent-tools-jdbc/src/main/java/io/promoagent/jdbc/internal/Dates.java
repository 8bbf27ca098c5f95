package io.promoagent.jdbc.internal;

import io.promoagent.schema.ir.CalendarUnit;

/**
 * SQL for the calendar day of a date or timestamp column and for a day truncated to a unit, with the
 * reference evaluator's meaning: a timestamp's day is its UTC date when it carries an offset, else the
 * date it was written on; truncated keys read {@code 2026-06-30}, {@code 2026-06}, {@code 2026-Q2}, {@code 2026}.
 */
final class Dates {

    private Dates() {
    }

    /** The day of {@code expr}, a column of the given type, as a SQL {@code date}. */
    static String day(String expr, DbType type) {
        return switch (type) {
            case DATE -> expr;
            case TIMESTAMPTZ -> "(" + expr + " AT TIME ZONE 'UTC')::date";
            case TIMESTAMP -> expr + "::date";
            default -> "(CASE WHEN length(" + expr + ") = 10 THEN (" + expr + ")::date"
                    + " WHEN " + expr + " ~ '(Z|[+-][0-9][0-9](:?[0-9][0-9])?)$' THEN ((" + expr
                    + ")::timestamptz AT TIME ZONE 'UTC')::date ELSE left(" + expr + ", 10)::date END)";
        };
    }

    /** A day truncated to {@code unit}, as the text of a group key. */
    static String truncated(String day, CalendarUnit unit) {
        return switch (unit) {
            case DAY -> "to_char(" + day + ", 'YYYY-MM-DD')";
            case WEEK -> "to_char(date_trunc('week', " + day + ")::date, 'YYYY-MM-DD')";
            case MONTH -> "to_char(" + day + ", 'YYYY-MM')";
            case QUARTER -> "to_char(" + day + ", 'YYYY-\"Q\"Q')";
            case YEAR -> "to_char(" + day + ", 'YYYY')";
        };
    }
}
