package io.promoagent.planner.internal;

import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.time.DateInterval;
import io.promoagent.schema.time.TimeResolver;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * Reads time expressions: "in the last 2 weeks", "this month", "last month", "since March 2026", "before
 * 2026-01-01", "between 2026-01-01 and 2026-03-31", "the end of next month", "60 days", "yesterday".
 * Weeks are counted in days, so "the last 2 weeks" is the last 14 days.
 */
final class TimeParser {

    /** A time expression and the number of tokens it covers. */
    record Result(int length, TimePhrase phrase) {
    }

    private static final Map<String, CalendarUnit> UNITS = Map.ofEntries(
            Map.entry("day", CalendarUnit.DAY), Map.entry("days", CalendarUnit.DAY),
            Map.entry("week", CalendarUnit.WEEK), Map.entry("weeks", CalendarUnit.WEEK),
            Map.entry("month", CalendarUnit.MONTH), Map.entry("months", CalendarUnit.MONTH),
            Map.entry("quarter", CalendarUnit.QUARTER), Map.entry("quarters", CalendarUnit.QUARTER),
            Map.entry("year", CalendarUnit.YEAR), Map.entry("years", CalendarUnit.YEAR));

    private static final Map<String, Month> MONTHS = Map.ofEntries(
            Map.entry("january", Month.JANUARY), Map.entry("jan", Month.JANUARY),
            Map.entry("february", Month.FEBRUARY), Map.entry("feb", Month.FEBRUARY),
            Map.entry("march", Month.MARCH), Map.entry("mar", Month.MARCH),
            Map.entry("april", Month.APRIL), Map.entry("apr", Month.APRIL), Map.entry("may", Month.MAY),
            Map.entry("june", Month.JUNE), Map.entry("jun", Month.JUNE), Map.entry("july", Month.JULY),
            Map.entry("jul", Month.JULY), Map.entry("august", Month.AUGUST), Map.entry("aug", Month.AUGUST),
            Map.entry("september", Month.SEPTEMBER), Map.entry("sep", Month.SEPTEMBER),
            Map.entry("sept", Month.SEPTEMBER), Map.entry("october", Month.OCTOBER), Map.entry("oct", Month.OCTOBER),
            Map.entry("november", Month.NOVEMBER), Map.entry("nov", Month.NOVEMBER),
            Map.entry("december", Month.DECEMBER), Map.entry("dec", Month.DECEMBER));

    private final List<Token> tokens;
    private final LocalDate today;
    /** "until August" is the coming August; "since August" the last one. */
    private boolean forward;

    private TimeParser(List<Token> tokens, LocalDate today) {
        this.tokens = tokens;
        this.today = today;
    }

    /** The time expression starting at token {@code i}, or null. */
    static Result parse(List<Token> tokens, int i, LocalDate today) {
        return new TimeParser(tokens, today).phrase(i);
    }

    static CalendarUnit unit(Token t) {
        return t.isWord() ? UNITS.get(t.key()) : null;
    }

    private Result phrase(int i) {
        int j = i;
        TimePhrase.Prep prep = TimePhrase.Prep.NONE;
        if (is(j, "between")) {
            Result a = core(skipThe(j + 1));
            if (a != null) {
                int k = skipThe(j + 1) + a.length();
                if (is(k, "and")) {
                    Result b = core(skipThe(k + 1));
                    if (b != null) {
                        int end = skipThe(k + 1) + b.length();
                        return new Result(end - i, guessed(TimePhrase.dates(first(a.phrase()), last(b.phrase())),
                                a.phrase().yearInferred() || b.phrase().yearInferred()));
                    }
                }
            }
            return null;
        }
        int[] p = prep(j);
        if (p != null) {
            prep = TimePhrase.Prep.values()[p[0]];
            j += p[1];
        }
        forward = prep == TimePhrase.Prep.UNTIL;
        j = skipThe(j);
        TimePhrase.Edge edge = TimePhrase.Edge.WHOLE;
        if ((is(j, "end") || is(j, "start") || is(j, "beginning") || is(j, "rest") || is(j, "remainder")) && is(j + 1, "of")) {
            String which = tokens.get(j).key();
            j = skipThe(j + 2);
            if (which.equals("rest") || which.equals("remainder")) {
                int k = is(j, "this") || is(j, "current") ? j + 1 : j;
                CalendarUnit u = k < tokens.size() ? unit(tokens.get(k)) : null;
                if (u == null) {
                    return null;
                }
                return new Result(k + 1 - i, TimePhrase.period(new TimeRange.RestOf(u)).withPrep(prep));
            }
            edge = which.equals("end") ? TimePhrase.Edge.END : TimePhrase.Edge.START;
            CalendarUnit bare = j < tokens.size() ? unit(tokens.get(j)) : null;
            if (bare != null) {
                return new Result(j + 1 - i, TimePhrase.period(new TimeRange.Calendar(bare, 0)).withPrep(prep).withEdge(edge));
            }
        }
        Result core = core(j);
        if (core == null) {
            return null;
        }
        int end = j + core.length();
        TimePhrase phrase = core.phrase();
        if (prep == TimePhrase.Prep.FROM && (is(end, "to") || is(end, "until") || is(end, "till") || is(end, "through"))) {
            Result to = core(skipThe(end + 1));
            if (to != null) {
                int stop = skipThe(end + 1) + to.length();
                return new Result(stop - i, guessed(TimePhrase.dates(first(phrase), last(to.phrase())),
                        phrase.yearInferred() || to.phrase().yearInferred()));
            }
        }
        return new Result(end - i, phrase.withPrep(prep).withEdge(edge));
    }

    /** The preposition at {@code j} as {ordinal of Prep, length}, or null. */
    private int[] prep(int j) {
        if (j >= tokens.size()) {
            return null;
        }
        String k = tokens.get(j).key();
        if (k.equals("on") && is(j + 1, "or") && (is(j + 2, "after") || is(j + 2, "before"))) {
            // "on or after April 1": that day included
            return new int[] {(is(j + 2, "after") ? TimePhrase.Prep.SINCE : TimePhrase.Prep.UNTIL).ordinal(), 3};
        }
        if ((k.equals("prior") && is(j + 1, "to")) || (k.equals("up") && (is(j + 1, "until") || is(j + 1, "till")))) {
            return new int[] {(k.equals("prior") ? TimePhrase.Prep.BEFORE : TimePhrase.Prep.UNTIL).ordinal(), 2};
        }
        if ((k.equals("as") && is(j + 1, "of")) || (k.equals("starting") && (is(j + 1, "from") || is(j + 1, "on")))) {
            return new int[] {TimePhrase.Prep.FROM.ordinal(), 2};
        }
        TimePhrase.Prep p = switch (k) {
            case "in", "during", "within", "over", "on", "of", "at" -> TimePhrase.Prep.IN;
            case "since", "after" -> k.equals("since") ? TimePhrase.Prep.SINCE : TimePhrase.Prep.AFTER;
            case "before" -> TimePhrase.Prep.BEFORE;
            case "until", "till", "through", "thru", "til", "by" -> TimePhrase.Prep.UNTIL;
            case "from", "starting", "beginning", "effective" -> TimePhrase.Prep.FROM;
            case "for" -> TimePhrase.Prep.FOR;
            default -> null;
        };
        return p == null ? null : new int[] {p.ordinal(), 1};
    }

    private Result core(int j) {
        if (j >= tokens.size()) {
            return null;
        }
        Token t = tokens.get(j);
        if (t.kind() == Token.Kind.DATE) {
            return new Result(1, TimePhrase.dates(t.date(), t.date()));
        }
        String k = t.key();
        switch (k) {
            case "today":
                return new Result(1, TimePhrase.period(new TimeRange.Calendar(CalendarUnit.DAY, 0)));
            case "yesterday":
                return new Result(1, TimePhrase.period(new TimeRange.Calendar(CalendarUnit.DAY, -1)));
            case "tomorrow":
                return new Result(1, TimePhrase.period(new TimeRange.Calendar(CalendarUnit.DAY, 1)));
            case "ytd":
                return new Result(1, TimePhrase.period(new TimeRange.Calendar(CalendarUnit.YEAR, 0)));
            default:
                break;
        }
        if ((k.equals("year") || k.equals("month")) && is(j + 1, "to") && is(j + 2, "date")) {
            return new Result(3, TimePhrase.period(new TimeRange.Calendar(UNITS.get(k), 0)));
        }
        if (k.equals("last") || k.equals("past") || k.equals("previous") || k.equals("preceding")) {
            return relative(j, -1, !k.equals("past"));
        }
        if (k.equals("next") || k.equals("coming") || k.equals("upcoming") || k.equals("following")) {
            return relative(j, 1, true);
        }
        if ((k.equals("this") || k.equals("current")) && j + 1 < tokens.size() && unit(tokens.get(j + 1)) != null) {
            return new Result(2, TimePhrase.period(new TimeRange.Calendar(unit(tokens.get(j + 1)), 0)));
        }
        int nth = ordinal(t);
        if (nth >= 1 && nth <= 4 && is(j + 1, "quarter")) {
            return quarter(nth, j + 2, 2); // "the first quarter of 2023", "2nd quarter"
        }
        if (t.kind() == Token.Kind.NUMBER && t.isWhole() && ordinal(t) == 0 && j + 1 < tokens.size()
                && unit(tokens.get(j + 1)) != null) {
            int n = t.number().intValueExact();
            CalendarUnit u = unit(tokens.get(j + 1));
            if (is(j + 2, "ago")) {
                LocalDate d = minus(today, u, n);
                return new Result(3, TimePhrase.dates(d, d));
            }
            return new Result(2, days(n, u, true));
        }
        Result absolute = absolute(j);
        if (absolute != null) {
            return absolute;
        }
        if (t.kind() == Token.Kind.IDENT && k.matches("q[1-4]")) {
            return quarter(k.charAt(1) - '0', j + 1, 1);
        }
        if (k.equals("year") && yearAt(j + 1) > 0) {
            int y = yearAt(j + 1); // "in the year 2022"
            return new Result(2, TimePhrase.dates(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31)));
        }
        return null;
    }

    /** Quarter {@code q} of the year at {@code j} (after an optional "of"), else of this year. */
    private Result quarter(int q, int j, int length) {
        int at = is(j, "of") && yearAt(j + 1) > 0 ? j + 1 : j;
        int year = yearAt(at) > 0 ? yearAt(at) : today.getYear();
        LocalDate from = LocalDate.of(year, 3 * q - 2, 1);
        int len = length + (yearAt(at) > 0 ? at - j + 1 : 0);
        return new Result(len, TimePhrase.dates(from, from.plusMonths(3).minusDays(1)));
    }

    /** 1 for "first" or "1st", 2 for "second" or "2nd", ...; 0 for anything else. */
    private static int ordinal(Token t) {
        if (t.kind() == Token.Kind.NUMBER && t.text().matches("\\d+(st|nd|rd|th)")) {
            return t.number().intValue();
        }
        return switch (t.key()) {
            case "first" -> 1;
            case "second" -> 2;
            case "third" -> 3;
            case "fourth" -> 4;
            default -> 0;
        };
    }

    /** "last 2 weeks", "last month", "next 7 days", "next quarter". */
    private Result relative(int j, int direction, boolean calendar) {
        Token n = j + 1 < tokens.size() ? tokens.get(j + 1) : null;
        if (n != null && n.kind() == Token.Kind.NUMBER && n.isWhole() && j + 2 < tokens.size()
                && unit(tokens.get(j + 2)) != null) {
            int amount = n.number().intValueExact();
            CalendarUnit u = unit(tokens.get(j + 2));
            TimePhrase span = days(amount, u, true);
            TimeRange r = direction < 0 ? new TimeRange.Last(span.amount(), span.unit())
                    : new TimeRange.Next(span.amount(), span.unit());
            return new Result(3, TimePhrase.period(r));
        }
        if (n != null && n.kind() == Token.Kind.NUMBER && n.isWhole() && is(j + 2, "calendar") && j + 3 < tokens.size()
                && unit(tokens.get(j + 3)) != null && direction < 0) {
            // "the past 6 calendar months": from the start of the month 6 months ago, whole months, to today
            CalendarUnit u = unit(tokens.get(j + 3));
            LocalDate start = TimeResolver.fixed(today)
                    .resolve(new TimeRange.Calendar(u, -n.number().intValueExact())).from();
            return new Result(4, TimePhrase.dates(start, today));
        }
        CalendarUnit u = n == null ? null : unit(n);
        if (u == null) {
            return null;
        }
        if (!calendar) {
            TimePhrase span = days(1, u, true);
            return new Result(2, TimePhrase.period(new TimeRange.Last(span.amount(), span.unit())));
        }
        return new Result(2, TimePhrase.period(new TimeRange.Calendar(u, direction)));
    }

    /** "March 2026", "March 1", "1 March 2026", "2025" (only after a preposition). */
    private Result absolute(int j) {
        Token t = tokens.get(j);
        Month m = t.isWord() ? MONTHS.get(t.key()) : null;
        boolean afterPrep = j > 0 && prep(j - 1) != null;
        if (m != null) {
            int day = dayAt(j + 1);
            int yearPos = day > 0 ? j + 2 : j + 1;
            int year = yearAt(yearPos);
            if (day == 0 && year == 0 && !afterPrep) {
                return null; // "may" and "march" are words too
            }
            int y = year > 0 ? year : forward ? (m.getValue() >= today.getMonthValue() ? today.getYear() : today.getYear() + 1)
                    : (m.getValue() <= today.getMonthValue() ? today.getYear() : today.getYear() - 1);
            int len = 1 + (day > 0 ? 1 : 0) + (year > 0 ? 1 : 0);
            if (day > 0) {
                LocalDate d = safeDate(y, m, day);
                return d == null ? null : new Result(len, guessed(TimePhrase.dates(d, d), year == 0));
            }
            YearMonth ym = YearMonth.of(y, m);
            return new Result(len, guessed(TimePhrase.dates(ym.atDay(1), ym.atEndOfMonth()), year == 0));
        }
        int day = dayAt(j);
        if (day > 0 && j + 1 < tokens.size() && tokens.get(j + 1).isWord() && MONTHS.containsKey(tokens.get(j + 1).key())) {
            Month mm = MONTHS.get(tokens.get(j + 1).key());
            int year = yearAt(j + 2);
            int y = year > 0 ? year : forward && mm.getValue() < today.getMonthValue() ? today.getYear() + 1
                    : today.getYear();
            LocalDate d = safeDate(y, mm, day);
            return d == null ? null : new Result(year > 0 ? 3 : 2, guessed(TimePhrase.dates(d, d), year == 0));
        }
        int year = yearAt(j);
        if (year > 0 && afterPrep) {
            return new Result(1, TimePhrase.dates(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
        }
        return null;
    }

    private static TimePhrase guessed(TimePhrase p, boolean guessed) {
        return guessed ? p.guessedYear() : p;
    }

    private static LocalDate safeDate(int y, Month m, int d) {
        try {
            return LocalDate.of(y, m, d);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private int dayAt(int j) {
        if (j >= tokens.size()) {
            return 0;
        }
        Token t = tokens.get(j);
        if (t.kind() == Token.Kind.NUMBER && t.isWhole() && t.number().intValue() >= 1 && t.number().intValue() <= 31
                && t.number().scale() <= 0) {
            return t.number().intValue();
        }
        return 0;
    }

    private int yearAt(int j) {
        if (j >= tokens.size()) {
            return 0;
        }
        Token t = tokens.get(j);
        if (t.kind() == Token.Kind.NUMBER && t.isWhole() && t.text().matches("\\d{4}")) {
            int y = t.number().intValue();
            return y >= 1900 && y <= 2200 ? y : 0;
        }
        return 0;
    }

    /** A span with weeks counted in days. */
    private static TimePhrase days(int amount, CalendarUnit u, boolean weeksAsDays) {
        if (u == CalendarUnit.WEEK && weeksAsDays) {
            return TimePhrase.span(amount * 7, CalendarUnit.DAY);
        }
        return TimePhrase.span(amount, u);
    }

    private static LocalDate minus(LocalDate d, CalendarUnit u, int n) {
        return switch (u) {
            case DAY -> d.minusDays(n);
            case WEEK -> d.minusWeeks(n);
            case MONTH -> d.minusMonths(n);
            case QUARTER -> d.minusMonths(3L * n);
            case YEAR -> d.minusYears(n);
        };
    }

    private LocalDate first(TimePhrase p) {
        return interval(p, today).from();
    }

    private LocalDate last(TimePhrase p) {
        return interval(p, today).to();
    }

    /** The days a phrase covers, resolved against {@code today}; a span counts back from today. */
    static DateInterval interval(TimePhrase p, LocalDate today) {
        if (p.isDates()) {
            return new DateInterval(p.from(), p.to());
        }
        if (p.isPeriod()) {
            return TimeResolver.fixed(today).resolve(p.range());
        }
        return TimeResolver.fixed(today).resolve(new TimeRange.Last(p.amount(), p.unit()));
    }

    private int skipThe(int j) {
        return is(j, "the") ? j + 1 : j;
    }

    private boolean is(int j, String key) {
        return j < tokens.size() && tokens.get(j).isWord() && tokens.get(j).key().equals(key);
    }
}
