package io.promoagent.planner.internal;

import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Rule;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Time expressions in a query: a period of the date field just named or of the entity's main date, a
 * duration that sets a rule's parameter ("recent orders in the last 60 days"), a year compared with a year
 * field ("published after 2000").
 */
final class Periods {

    private final QueryInterpreter q;
    /** The year of the last dates written with one ("in the year 2022"), and their chunk. */
    private int lastYear;
    private int lastYearAt = -10;

    Periods(QueryInterpreter interpreter) {
        this.q = interpreter;
    }

    void time(int k, Chunk.Time t) {
        q.recognised++;
        int before = t.from() - 1;
        if (before >= 0 && KnownWords.INCLUSIVE.contains(q.tokens.get(before).key())
                || before >= 1 && q.tokens.get(before).is("of")
                && KnownWords.INCLUSIVE.contains(q.tokens.get(before - 1).key())) {
            if (t.phrase().isPeriod() && t.phrase().range() instanceof TimeRange.Calendar c && c.unit() == CalendarUnit.DAY
                    && c.offset() == 0 && q.conds.last() != null && q.conds.last().filter() instanceof Within w
                    && w.range() instanceof TimeRange.Last l && l.unit() == CalendarUnit.DAY && l.amount() > 0) {
                // "in the past 7 days, inclusive of today": seven days, today the last of them
                q.conds.replaceLast(new Conditions.Cond(q.conds.last().entity(), new Within(w.field(),
                        new TimeRange.Between(q.today.minusDays(l.amount() - 1L), q.today)), q.conds.last().negated()));
            }
            return; // "in the past 30 days, inclusive of 30 days ago": ranges include their ends already
        }
        TimePhrase p = t.phrase();
        if (restates(k, p)) {
            return; // "in the year 2022 (from Jan 1st to Dec 31st inclusive)": the same days said again
        }
        if (p.isDates() && p.yearInferred() && k - lastYearAt <= 2 && q.conds.last() != null
                && q.conds.last().filter() instanceof Within w) {
            // other days of that year right after it: a second range on the same date, which is doubtful
            TimePhrase again = TimePhrase.dates(p.from().withYear(lastYear), p.to().withYear(lastYear));
            q.conds.add(q.conds.last().entity(), TimeFilters.filter(w.field(), again, false, q.today), false);
            return;
        }
        if (p.isDates() && !p.yearInferred() && p.from().getYear() == p.to().getYear()) {
            lastYear = p.from().getYear();
            lastYearAt = k;
        }
        if (excluding(t.from())) {
            exclude(p);
            return;
        }
        Rule rule = q.lastRule;
        if (rule != null && k - q.lastRuleAt <= 3 && q.lastDateAt < q.lastRuleAt
                && q.facts.durationParameter(rule).isPresent()
                && (p.isSpan() || p.range() instanceof io.promoagent.schema.ir.TimeRange.Last
                        || p.range() instanceof TimeRange.Calendar c && c.offset() == 0)) {
            overrideDuration(rule, p);
            return;
        }
        Sense.FieldSense named = k - q.lastDateAt <= 3 ? q.lastDate : null;
        String entity;
        Field field;
        if (named != null) {
            entity = named.entity();
            field = named.field();
        } else {
            entity = q.scope != null ? q.scope : q.head.name();
            Optional<Field> year = q.lastField != null && k - q.lastFieldAt <= 3 && ModelFacts.isYear(q.lastField.field())
                    ? Optional.of(q.lastField.field()) : Optional.empty();
            Optional<Field> date = year.isPresent() ? Optional.empty() : q.facts.defaultDate(q.facts.entity(entity));
            if (date.isEmpty()) {
                year = year.or(() -> q.facts.yearField(q.facts.entity(entity)));
                Filter byYear = year.isPresent() ? TimeFilters.years(year.get().name(), p, q.today) : null;
                if (byYear == null) {
                    q.conf.penalize(0.6, entity + " have no date for '" + q.text(t) + "'");
                    return;
                }
                // "books published after 2000": a whole number of years compares a year field
                q.conds.add(entity, byYear, q.negate);
                q.negate = false;
                q.lastField = null;
                return;
            }
            field = date.get();
        }
        boolean future = named != null && q.lastDateFuture;
        if (future && p.isDates() && p.yearInferred() && p.to().isBefore(q.today)) {
            p = TimePhrase.dates(p.from().plusYears(1), p.to().plusYears(1)).withPrep(p.prep()).withEdge(p.edge());
        }
        q.conds.add(entity, TimeFilters.filter(field.name(), p, future, q.today), q.negate);
        q.negate = false;
        q.lastDate = null;
    }

    /**
     * Whether dates written without a year right after dates of one year are those dates again: "in 2022
     * (from Jan 1st to Dec 31st)". Dates of that year that are not the same ones narrow nothing here; they
     * are read as usual.
     */
    private boolean restates(int k, TimePhrase p) {
        if (!p.isDates() || !p.yearInferred() || k - lastYearAt > 2) {
            return false;
        }
        LocalDate from = p.from().withYear(lastYear);
        LocalDate to = p.to().withYear(lastYear);
        Conditions.Cond last = q.conds.last();
        return last != null && last.filter() instanceof Within w && w.range() instanceof TimeRange.Between b
                && b.from().equals(from) && b.to().equals(to);
    }

    /** Whether the time phrase starting at token {@code at} follows "excluding", "not including", "exclusive of". */
    private boolean excluding(int at) {
        int j = at - 1;
        if (j >= 0 && q.tokens.get(j).is("of")) {
            j--;
        }
        return j >= 0 && KnownWords.EXCLUDING.contains(q.tokens.get(j).key());
    }

    /**
     * "in the last 6 months, not including the current month": the last whole months before this one. A
     * range that already leaves the current unit out ("last week, exclusive of the current week") stays;
     * anything else cannot be said yet and is left unread, so the plan is unsure.
     */
    private void exclude(TimePhrase p) {
        Conditions.Cond last = q.conds.last();
        if (!(p.isPeriod() && p.range() instanceof TimeRange.Calendar now && now.offset() == 0
                && last != null && last.filter() instanceof Within w)) {
            q.conf.penalize(0.5, "cannot leave that period out");
            return;
        }
        if (w.range() instanceof TimeRange.Calendar c && c.offset() < 0 && c.unit() == now.unit()) {
            return; // "last week" is before this week already
        }
        if (w.range() instanceof TimeRange.Last l && l.unit() == now.unit() && now.unit() != CalendarUnit.DAY) {
            LocalDate start = startOf(now.unit(), q.today);
            LocalDate from = switch (now.unit()) {
                case WEEK -> start.minusWeeks(l.amount());
                case MONTH -> start.minusMonths(l.amount());
                case QUARTER -> start.minusMonths(3L * l.amount());
                default -> start.minusYears(l.amount());
            };
            q.conds.replaceLast(new Conditions.Cond(last.entity(), new Within(w.field(),
                    new TimeRange.Between(from, start.minusDays(1))), last.negated()));
            return;
        }
        q.conf.penalize(0.5, "cannot leave that period out of " + PlainWords.condition(w));
    }

    private static LocalDate startOf(CalendarUnit unit, LocalDate today) {
        return switch (unit) {
            case WEEK -> today.with(java.time.DayOfWeek.MONDAY);
            case MONTH -> today.withDayOfMonth(1);
            case QUARTER -> today.withDayOfMonth(1).withMonth((today.getMonthValue() - 1) / 3 * 3 + 1);
            case YEAR -> today.withDayOfYear(1);
            default -> today;
        };
    }

    /** "recent orders in the last 60 days": the duration is the rule's parameter, not another condition. */
    private void overrideDuration(Rule rule, TimePhrase p) {
        int amount;
        io.promoagent.schema.ir.CalendarUnit unit;
        if (!p.isSpan() && p.range() instanceof TimeRange.Calendar current) {
            // "became at risk this month": the days since the month began, today included
            amount = (int) java.time.temporal.ChronoUnit.DAYS.between(startOf(current.unit(), q.today), q.today) + 1;
            unit = io.promoagent.schema.ir.CalendarUnit.DAY;
        } else {
            amount = p.isSpan() ? p.amount() : ((io.promoagent.schema.ir.TimeRange.Last) p.range()).amount();
            unit = p.isSpan() ? p.unit() : ((io.promoagent.schema.ir.TimeRange.Last) p.range()).unit();
        }
        var param = q.facts.durationParameter(rule).get();
        long days = switch (unit) {
            case DAY -> amount;
            case WEEK -> 7L * amount;
            case MONTH -> 30L * amount;
            case QUARTER -> 91L * amount;
            case YEAR -> 365L * amount;
        };
        io.promoagent.schema.ir.CalendarUnit target = ModelFacts.parameterUnit(param);
        long value = switch (target) {
            case DAY -> days;
            case WEEK -> Math.max(1, days / 7);
            case MONTH -> Math.max(1, days / 30);
            case QUARTER -> Math.max(1, days / 91);
            case YEAR -> Math.max(1, days / 365);
        };
        if (unit != target && !(unit == io.promoagent.schema.ir.CalendarUnit.WEEK && target == io.promoagent.schema.ir.CalendarUnit.DAY)) {
            q.conf.note(amount + " " + unit.jsonName() + "s counted as " + value + " " + param.name());
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put(param.name(), value);
        RuleRef replaced = new RuleRef(rule.name(), args);
        List<Conditions.Cond> all = q.conds.all();
        for (int i = all.size() - 1; i >= 0; i--) {
            Conditions.Cond c = all.get(i);
            if (c.filter() instanceof RuleRef r && r.rule().equals(rule.name())) {
                all.set(i, new Conditions.Cond(c.entity(), replaced, c.negated()));
                return;
            }
        }
    }
}
