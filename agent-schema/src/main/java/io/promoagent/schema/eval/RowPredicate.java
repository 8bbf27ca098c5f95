package io.promoagent.schema.eval;

import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.time.DateInterval;
import io.promoagent.schema.time.TimeResolver;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether one row meets a filter: the single definition of the filter language's meaning, shared
 * by the reference evaluator, the query engine and the in-memory data source (not meant for use outside
 * the library).
 *
 * <p>Logic is two-valued: an empty {@code and} is true, an empty {@code or} false. A comparison on an
 * absent field is false, except {@code is_null}, which is true. A comparison only holds between values of
 * the field's type (numbers for number and integer fields, booleans for boolean fields, strings for the
 * others): a value of another type never matches, not even with {@code ne}. Numbers compare by value,
 * strings (also dates, timestamps and enums) by code point. {@code ignoreCase} folds both sides to lower
 * case (root locale) for eq, ne, in, contains, begins_with and ends_with. {@code within} holds when the field's day
 * (a timestamp's UTC date) lies in the resolved range.
 *
 * <p>Rules and related-record conditions need the data model and other entities; they are passed to an
 * {@link Extension}.
 */
public final class RowPredicate {

    /** Judges the filters this class cannot: rule references and related-record conditions. */
    @FunctionalInterface
    public interface Extension {
        boolean test(Filter filter, Row row);
    }

    private static final Extension NONE = (filter, row) -> {
        throw new IllegalArgumentException("a " + filter.getClass().getSimpleName()
                + " must be resolved before rows are filtered: " + filter);
    };

    private final Function<String, Optional<FieldType>> types;
    private final TimeResolver time;
    private final Extension extension;

    /**
     * @param types     the type of each field or alias a filter names
     * @param time      resolves relative time ranges; null when only {@code between} ranges occur
     * @param extension judges rules and related-record conditions; null when none occur
     */
    public RowPredicate(Function<String, Optional<FieldType>> types, TimeResolver time, Extension extension) {
        this.types = Objects.requireNonNull(types, "types");
        this.time = time;
        this.extension = extension == null ? NONE : extension;
    }

    /** A predicate over the fields of {@code entity} for the filters a data source receives. */
    public static RowPredicate of(Entity entity) {
        return new RowPredicate(name -> entity.field(name).map(Field::type), null, null);
    }

    public boolean test(Optional<Filter> filter, Row row) {
        return filter.isEmpty() || test(filter.get(), row);
    }

    public boolean test(Filter filter, Row row) {
        if (filter instanceof And and) {
            for (Filter f : and.operands()) {
                if (!test(f, row)) {
                    return false;
                }
            }
            return true;
        }
        if (filter instanceof Or or) {
            for (Filter f : or.operands()) {
                if (test(f, row)) {
                    return true;
                }
            }
            return false;
        }
        if (filter instanceof Not not) {
            return !test(not.operand(), row);
        }
        if (filter instanceof Compare compare) {
            return compare(compare, row.valueOrNull(compare.field()));
        }
        if (filter instanceof Within within) {
            return within(within, row.valueOrNull(within.field()));
        }
        return extension.test(filter, row);
    }

    private boolean within(Within within, Object value) {
        Optional<LocalDate> day = Values.dateOf(value);
        if (day.isEmpty()) {
            return false;
        }
        DateInterval interval;
        if (within.range() instanceof TimeRange.Between b) {
            interval = new DateInterval(b.from(), b.to());
        } else if (time != null) {
            interval = time.resolve(within.range());
        } else {
            throw new IllegalArgumentException("a relative time range must be resolved before rows are filtered: "
                    + within);
        }
        return interval.contains(day.get());
    }

    private boolean compare(Compare c, Object value) {
        if (c.op() == Operator.IS_NULL) {
            return value == null;
        }
        if (value == null) {
            return false;
        }
        Class<?> kind = kindOf(c.field(), value);
        if (!kind.isInstance(value)) {
            return false;
        }
        for (Object v : c.values()) {
            if (!kind.isInstance(v) && c.op() != Operator.IN) {
                return false;
            }
        }
        boolean fold = c.ignoreCase() && value instanceof String;
        switch (c.op()) {
            case EQ:
                return equal(value, c.values().get(0), fold);
            case NE:
                return !equal(value, c.values().get(0), fold);
            case GT:
                return Values.compare(value, c.values().get(0)) > 0;
            case GTE:
                return Values.compare(value, c.values().get(0)) >= 0;
            case LT:
                return Values.compare(value, c.values().get(0)) < 0;
            case LTE:
                return Values.compare(value, c.values().get(0)) <= 0;
            case BETWEEN:
                return Values.compare(value, c.values().get(0)) >= 0 && Values.compare(value, c.values().get(1)) <= 0;
            case IN:
                for (Object v : c.values()) {
                    if (kind.isInstance(v) && equal(value, v, fold)) {
                        return true;
                    }
                }
                return false;
            case CONTAINS:
                return value instanceof String s && text(s, fold).contains(text((String) c.values().get(0), fold));
            case BEGINS_WITH:
                return value instanceof String s && text(s, fold).startsWith(text((String) c.values().get(0), fold));
            case ENDS_WITH:
                return value instanceof String s && text(s, fold).endsWith(text((String) c.values().get(0), fold));
            default:
                throw new IllegalStateException("unknown operator " + c.op());
        }
    }

    private static boolean equal(Object value, Object operand, boolean fold) {
        if (fold && value instanceof String a && operand instanceof String b) {
            return Values.fold(a).equals(Values.fold(b));
        }
        return Values.same(value, operand);
    }

    private static String text(String s, boolean fold) {
        return fold ? Values.fold(s) : s;
    }

    /** The Java type of the field's values; for a name the types do not know, the value's own type. */
    private Class<?> kindOf(String field, Object value) {
        Optional<FieldType> type = types.apply(field);
        if (type.isEmpty()) {
            return value.getClass();
        }
        if (type.get().isNumeric()) {
            return BigDecimal.class;
        }
        if (type.get() == FieldType.BOOLEAN) {
            return Boolean.class;
        }
        return String.class;
    }
}
