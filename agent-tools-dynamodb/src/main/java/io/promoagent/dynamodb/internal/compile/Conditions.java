package io.promoagent.dynamodb.internal.compile;

import io.promoagent.schema.eval.Values;
import io.promoagent.schema.eval.RowPredicate;
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
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Row;
import java.time.LocalDate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a source filter into a {@link Condition} with the meaning the reference evaluator gives it: an
 * operand of another type than the field never matches, {@code ignoreCase} only counts for the operators
 * that fold case, a {@code between} whose bounds are reversed holds for nothing, and constants are folded
 * away so that an impossible filter reads nothing.
 */
public final class Conditions {

    private static final Set<Operator> FOLDING = EnumSet.of(Operator.EQ, Operator.NE, Operator.IN,
            Operator.CONTAINS, Operator.BEGINS_WITH, Operator.ENDS_WITH);

    private Conditions() {
    }

    /**
     * The condition of {@code filter} over {@code entity}'s fields.
     *
     * @throws DataSourceException for rules, related-record conditions and unresolved time ranges, which
     *                             the query engine must have replaced before a source sees the filter
     */
    public static Condition of(Optional<Filter> filter, Entity entity) {
        return filter.map(f -> of(f, entity)).orElse(Condition.TRUE);
    }

    public static Condition of(Filter filter, Entity entity) {
        if (filter instanceof And and) {
            List<Condition> operands = new ArrayList<>();
            for (Filter f : and.operands()) {
                operands.add(of(f, entity));
            }
            return all(operands);
        }
        if (filter instanceof Or or) {
            List<Condition> operands = new ArrayList<>();
            for (Filter f : or.operands()) {
                operands.add(of(f, entity));
            }
            return any(operands);
        }
        if (filter instanceof Not not) {
            return not(of(not.operand(), entity));
        }
        if (filter instanceof Compare compare) {
            return compare(compare, entity.field(compare.field()).map(Field::type));
        }
        if (filter instanceof Within within) {
            return within(within, entity.field(within.field()).map(Field::type));
        }
        throw new DataSourceException("a DynamoDB source receives filters with rules and related-record conditions "
                + "already resolved by the query engine, not " + filter);
    }

    /** The conjunction, flattened, with constants folded. */
    public static Condition all(List<Condition> operands) {
        List<Condition> kept = new ArrayList<>();
        for (Condition c : operands) {
            if (c instanceof Condition.Constant k) {
                if (!k.value()) {
                    return Condition.FALSE;
                }
            } else if (c instanceof Condition.All a) {
                kept.addAll(a.operands());
            } else {
                kept.add(c);
            }
        }
        if (kept.isEmpty()) {
            return Condition.TRUE;
        }
        return kept.size() == 1 ? kept.get(0) : new Condition.All(kept);
    }

    /** The disjunction, flattened, with constants folded. */
    public static Condition any(List<Condition> operands) {
        List<Condition> kept = new ArrayList<>();
        for (Condition c : operands) {
            if (c instanceof Condition.Constant k) {
                if (k.value()) {
                    return Condition.TRUE;
                }
            } else if (c instanceof Condition.Any a) {
                kept.addAll(a.operands());
            } else {
                kept.add(c);
            }
        }
        if (kept.isEmpty()) {
            return Condition.FALSE;
        }
        return kept.size() == 1 ? kept.get(0) : new Condition.Any(kept);
    }

    public static Condition not(Condition operand) {
        if (operand instanceof Condition.Constant k) {
            return k.value() ? Condition.FALSE : Condition.TRUE;
        }
        if (operand instanceof Condition.Negation n) {
            return n.operand();
        }
        return new Condition.Negation(operand);
    }

    /** The top-level operands of a conjunction; the condition itself otherwise; none for TRUE. */
    public static List<Condition> conjuncts(Condition c) {
        if (c instanceof Condition.All a) {
            return a.operands();
        }
        if (c instanceof Condition.Constant k && k.value()) {
            return List.of();
        }
        return List.of(c);
    }

    private static Condition compare(Compare c, Optional<FieldType> type) {
        if (c.op() == Operator.IS_NULL) {
            return new Condition.Leaf(c.field(), Operator.IS_NULL, List.of(), false);
        }
        Class<?> kind = kind(type, c.values());
        List<Object> values = new ArrayList<>();
        if (c.op() == Operator.IN) {
            // Operands of another type can never be equal; duplicates would only lengthen the request.
            Set<Object> seen = new LinkedHashSet<>();
            for (Object v : c.values()) {
                if (kind.isInstance(v) && seen.add(Values.canonical(v))) {
                    values.add(v);
                }
            }
            if (values.isEmpty()) {
                return Condition.FALSE;
            }
        } else {
            for (Object v : c.values()) {
                if (!kind.isInstance(v)) {
                    return Condition.FALSE;
                }
                values.add(v);
            }
        }
        if ((c.op() == Operator.CONTAINS || c.op() == Operator.BEGINS_WITH || c.op() == Operator.ENDS_WITH)
                && kind != String.class) {
            return Condition.FALSE;
        }
        if (c.op() == Operator.BETWEEN && Values.compare(values.get(0), values.get(1)) > 0) {
            return Condition.FALSE;
        }
        boolean fold = c.ignoreCase() && kind == String.class && FOLDING.contains(c.op());
        return new Condition.Leaf(c.field(), c.op(), values, fold);
    }

    private static Condition within(Within w, Optional<FieldType> type) {
        if (!(w.range() instanceof TimeRange.Between b)) {
            throw new DataSourceException("a DynamoDB source receives time ranges resolved to dates by the query "
                    + "engine, not " + w.range());
        }
        if (b.from().isAfter(b.to())) {
            return Condition.FALSE;
        }
        if (type.isPresent() && type.get() == FieldType.DATE) {
            // ISO dates order as strings, so a date range is a string range DynamoDB can evaluate, and use in a key.
            return new Condition.Leaf(w.field(), Operator.BETWEEN, List.of(b.from().toString(), b.to().toString()),
                    false);
        }
        return new Condition.TimestampWithin(w.field(), b.from().toString(), b.to().toString());
    }

    /** The Java type values of the field have; for a field the entity does not declare, the operand's own. */
    private static Class<?> kind(Optional<FieldType> type, List<Object> operands) {
        if (type.isPresent()) {
            if (type.get().isNumeric()) {
                return BigDecimal.class;
            }
            if (type.get() == FieldType.BOOLEAN) {
                return Boolean.class;
            }
            return String.class;
        }
        return operands.isEmpty() ? Object.class : operands.get(0).getClass();
    }

    /** The attributes a condition reads. */
    public static Set<String> fields(Condition c) {
        Set<String> out = new LinkedHashSet<>();
        collect(c, out);
        return out;
    }

    private static void collect(Condition c, Set<String> out) {
        if (c instanceof Condition.Leaf l) {
            out.add(l.field());
        } else if (c instanceof Condition.TimestampWithin t) {
            out.add(t.field());
        } else if (c instanceof Condition.All a) {
            a.operands().forEach(o -> collect(o, out));
        } else if (c instanceof Condition.Any a) {
            a.operands().forEach(o -> collect(o, out));
        } else if (c instanceof Condition.Negation n) {
            collect(n.operand(), out);
        }
    }

    /** The IR filter a condition stands for, so that memory evaluates it with the reference's meaning. */
    public static Filter toFilter(Condition c) {
        if (c instanceof Condition.Constant k) {
            return k.value() ? new And(List.of()) : new Or(List.of());
        }
        if (c instanceof Condition.All a) {
            return new And(a.operands().stream().map(Conditions::toFilter).toList());
        }
        if (c instanceof Condition.Any a) {
            return new Or(a.operands().stream().map(Conditions::toFilter).toList());
        }
        if (c instanceof Condition.Negation n) {
            return new Not(toFilter(n.operand()));
        }
        if (c instanceof Condition.Leaf l) {
            return new Compare(l.field(), l.op(), l.values(), l.ignoreCase());
        }
        Condition.TimestampWithin t = (Condition.TimestampWithin) c;
        return new Within(t.field(), new TimeRange.Between(LocalDate.parse(t.from()), LocalDate.parse(t.to())));
    }

    /** A test of rows against a condition, with the reference evaluator's meaning. */
    public static java.util.function.Predicate<Row> matcher(Condition c, Entity entity) {
        RowPredicate predicate = RowPredicate.of(entity);
        Filter filter = toFilter(c);
        return row -> predicate.test(filter, row);
    }
}
