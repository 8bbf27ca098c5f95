package io.promoagent.planner.internal;

import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.CalendarUnit;
import java.time.LocalDate;

/**
 * A time expression of a request: a relative period ("last month", "the last 2 weeks"), absolute dates
 * ("March 2026", "2026-01-01") or a bare span ("60 days"), with the preposition that says how it bounds a
 * date ("since", "before", "until") and, for "the end of next month", which edge is meant.
 *
 * @param prep   the preposition
 * @param edge   the edge of the period named ("end of"), or WHOLE
 * @param range  the relative period; null for dates and spans
 * @param from   the first day of absolute dates; null otherwise
 * @param to     the last day of absolute dates; null otherwise
 * @param amount the length of a span; 0 otherwise
 * @param unit   the unit of a span; null otherwise
 * @param yearInferred whether the year of absolute dates was not written ("in August") and so guessed
 */
record TimePhrase(Prep prep, Edge edge, TimeRange range, LocalDate from, LocalDate to, int amount, CalendarUnit unit,
                  boolean yearInferred) {

    /** How the phrase bounds a date. */
    enum Prep { NONE, IN, SINCE, BEFORE, AFTER, UNTIL, FROM, FOR }

    /** Which part of the period is meant. */
    enum Edge { WHOLE, START, END }

    boolean isPeriod() {
        return range != null;
    }

    boolean isDates() {
        return from != null;
    }

    boolean isSpan() {
        return unit != null && range == null && from == null;
    }

    TimePhrase withPrep(Prep p) {
        return new TimePhrase(p, edge, range, from, to, amount, unit, yearInferred);
    }

    TimePhrase withEdge(Edge e) {
        return new TimePhrase(prep, e, range, from, to, amount, unit, yearInferred);
    }

    static TimePhrase period(TimeRange range) {
        return new TimePhrase(Prep.NONE, Edge.WHOLE, range, null, null, 0, null, false);
    }

    static TimePhrase dates(LocalDate from, LocalDate to) {
        return new TimePhrase(Prep.NONE, Edge.WHOLE, null, from, to, 0, null, false);
    }

    /** Dates whose year was not written and was guessed. */
    TimePhrase guessedYear() {
        return new TimePhrase(prep, edge, range, from, to, amount, unit, true);
    }

    static TimePhrase span(int amount, CalendarUnit unit) {
        return new TimePhrase(Prep.NONE, Edge.WHOLE, null, null, null, amount, unit, false);
    }
}
