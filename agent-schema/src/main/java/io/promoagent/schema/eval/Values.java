package io.promoagent.schema.eval;

import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.ir.DatePartName;
import io.promoagent.schema.time.TimeResolver;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The meaning of the values a row holds (String, BigDecimal, Boolean): their order, equality, date
 * reading and arithmetic. Shared by the reference evaluator, the query engine and the in-memory source so
 * that all of them agree to the last digit; not meant for use outside the library.
 *
 * <p>Arithmetic rule: sums, differences and products are exact; every division (an average, a {@code /}
 * in a measure) is rounded once to 16 significant digits, half to even ({@link MathContext#DECIMAL64});
 * dividing by zero gives no value. Rounding for display is the renderer's job.
 */
public final class Values {

    /** The precision of every division. */
    public static final MathContext DIVISION = MathContext.DECIMAL64;

    private Values() {
    }

    /**
     * A total order over non-null values: numbers by value, strings by Unicode code point, false before
     * true; values of different kinds order booleans before numbers before strings.
     */
    public static int compare(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof String x && b instanceof String y) {
            return compareCodePoints(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.compareTo(y);
        }
        return Integer.compare(rank(a), rank(b));
    }

    private static int rank(Object v) {
        if (v instanceof Boolean) {
            return 0;
        }
        if (v instanceof BigDecimal) {
            return 1;
        }
        return 2;
    }

    /** Compares strings by code point, which (unlike {@link String#compareTo}) orders every character as Unicode does. */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    /** Whether two values are the same value: numbers compare by value ({@code 1.0} is {@code 1}). */
    public static boolean same(Object a, Object b) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        return a != null && a.equals(b);
    }

    /**
     * One representation per value, for hashing and for group keys: a number without trailing zeros and
     * with a scale of at least 0 ({@code 10}, {@code 12.5}); other values unchanged.
     */
    public static Object canonical(Object v) {
        if (v instanceof BigDecimal d) {
            BigDecimal s = d.stripTrailingZeros();
            return s.scale() < 0 ? s.setScale(0) : s;
        }
        return v;
    }

    /** Case folding used when a comparison ignores case. */
    public static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * The calendar day of a date or timestamp value: a {@code YYYY-MM-DD} date as is, a timestamp as its
     * UTC date; empty for anything else.
     */
    public static Optional<LocalDate> dateOf(Object value) {
        if (!(value instanceof String s)) {
            return Optional.empty();
        }
        if (s.length() == 10) {
            return Optional.ofNullable(isoDate(s));
        }
        try {
            return Optional.of(OffsetDateTime.parse(s).withOffsetSameInstant(ZoneOffset.UTC).toLocalDate());
        } catch (DateTimeParseException e) {
            // not an offset date-time; try the other ISO forms
        }
        try {
            return Optional.of(LocalDate.ofInstant(Instant.parse(s), ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // not an instant
        }
        try {
            return Optional.of(LocalDateTime.parse(s).toLocalDate());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A date truncated to a unit, as a group key: {@code 2026-06-30} (day), the Monday {@code 2026-06-29}
     * (week), {@code 2026-06} (month), {@code 2026-Q2} (quarter), {@code 2026} (year); empty when the value
     * is not a date.
     */
    public static Optional<String> truncate(Object value, CalendarUnit unit) {
        return dateOf(value).map(d -> switch (unit) {
            case DAY -> d.toString();
            case WEEK -> TimeResolver.startOf(d, CalendarUnit.WEEK).toString();
            case MONTH -> year(d) + (d.getMonthValue() < 10 ? "-0" : "-") + d.getMonthValue();
            case QUARTER -> year(d) + "-Q" + d.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> year(d);
        });
    }

    /** The year as at least four digits, as ISO-8601 writes it (grouping runs this for every row: no formatter). */
    private static String year(LocalDate d) {
        int year = d.getYear();
        if (year < 0 || year > 9999) {
            return String.format(Locale.ROOT, "%04d", year);
        }
        String digits = Integer.toString(year);
        return "0000".substring(digits.length()) + digits;
    }

    /**
     * A {@code YYYY-MM-DD} date, or null when {@code s} is not one: what {@link LocalDate#parse} accepts in ten
     * characters, read without a formatter because filters and groupings call this for every row.
     */
    private static LocalDate isoDate(String s) {
        if (s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The number written by the ASCII digits {@code s[from, to)}, or -1 when one is not a digit. */
    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** {@code a / b} rounded by {@link #DIVISION}; null when either is null or {@code b} is zero. */
    public static BigDecimal divide(BigDecimal a, BigDecimal b) {
        if (a == null || b == null || b.signum() == 0) {
            return null;
        }
        return a.divide(b, DIVISION);
    }

    /** Measure arithmetic: {@code + - *} exact, {@code /} by {@link #divide}; null when an operand is null. */
    public static BigDecimal arithmetic(char operator, BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return null;
        }
        return switch (operator) {
            case '+' -> a.add(b);
            case '-' -> a.subtract(b);
            case '*' -> a.multiply(b);
            case '/' -> divide(a, b);
            default -> throw new IllegalArgumentException("unknown operator " + operator);
        };
    }

    /**
     * Whichever of two values is smaller; among equal numbers the one written with fewer decimals, so that
     * the result never depends on the order the values arrive in. Null counts as no value.
     */
    public static Object min(Object a, Object b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int c = compare(a, b);
        return c < 0 || (c == 0 && !tieFavours(b, a)) ? a : b;
    }

    /** Whichever of two values is larger, with the same tie rule as {@link #min}. */
    public static Object max(Object a, Object b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int c = compare(a, b);
        return c > 0 || (c == 0 && !tieFavours(b, a)) ? a : b;
    }

    /** Among two values that compare equal, whether {@code x} is preferred over {@code y}. */
    private static boolean tieFavours(Object x, Object y) {
        if (x instanceof BigDecimal dx && y instanceof BigDecimal dy) {
            return dx.scale() < dy.scale();
        }
        return false;
    }

    /**
     * The percentile {@code p} (0 to 1) of numbers by linear interpolation between the two nearest ranks
     * (as SQL's {@code percentile_cont}); {@code p = 0.5} is the median. Null for no values. Sorts the list.
     */
    public static BigDecimal percentile(List<BigDecimal> values, BigDecimal p) {
        if (values.isEmpty()) {
            return null;
        }
        values.sort(BigDecimal::compareTo);
        BigDecimal position = p.multiply(BigDecimal.valueOf(values.size() - 1L));
        int lo = position.intValue();
        BigDecimal fraction = position.subtract(BigDecimal.valueOf(lo));
        BigDecimal low = values.get(lo);
        if (fraction.signum() == 0 || lo + 1 >= values.size()) {
            return low;
        }
        return low.add(values.get(lo + 1).subtract(low).multiply(fraction));
    }

    /** A part of a date or timestamp value (its UTC day); empty when the value is not a date. */
    public static Optional<Object> datePart(Object value, DatePartName part) {
        return dateOf(value).map(d -> switch (part) {
            case YEAR -> BigDecimal.valueOf(d.getYear());
            case QUARTER -> BigDecimal.valueOf(d.get(IsoFields.QUARTER_OF_YEAR));
            case MONTH -> BigDecimal.valueOf(d.getMonthValue());
            case ISO_WEEK -> BigDecimal.valueOf(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case DAY -> BigDecimal.valueOf(d.getDayOfMonth());
            case DAY_OF_WEEK -> BigDecimal.valueOf(d.getDayOfWeek().getValue());
            case WEEKEND -> d.getDayOfWeek().getValue() >= 6;
        });
    }

    /**
     * The whole days, months or years from one date or timestamp to another (their UTC days; months and
     * years completed, as an age); empty unless both are dates.
     */
    public static Optional<BigDecimal> elapsed(CalendarUnit unit, Object from, Object to) {
        Optional<LocalDate> a = dateOf(from);
        Optional<LocalDate> b = dateOf(to);
        if (a.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        java.time.temporal.ChronoUnit u = switch (unit) {
            case YEAR -> java.time.temporal.ChronoUnit.YEARS;
            case MONTH -> java.time.temporal.ChronoUnit.MONTHS;
            default -> java.time.temporal.ChronoUnit.DAYS;
        };
        return Optional.of(BigDecimal.valueOf(u.between(a.get(), b.get())));
    }
}
