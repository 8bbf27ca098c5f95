package io.promoagent.schema.testing;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.DatePartName;
import io.promoagent.schema.ir.Direction;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Select;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.ir.Window;
import io.promoagent.schema.ir.WindowFunction;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.model.Visibility;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Random queries of one construct of query IR 2.0 at a time, over any data model that has fields of the
 * kinds the construct needs: date parts, elapsed time, arithmetic, text matching, medians and
 * percentiles, conditional aggregates, formulas, comparisons with a related record's field, aggregates
 * over related records, windows, nested query values and output control. Every query it returns is
 * valid for the model; {@link #next} returns empty when the model has nothing the construct can use.
 */
public final class RandomExpressionQueries {

    /** The constructs, one per kind of query. */
    public enum Construct {
        DATE_PART, ELAPSED, ARITHMETIC, TEXT, MEDIAN, CONDITIONAL, FORMULA, RELATED_FIELD, RELATED_AGGREGATE,
        WINDOW, NESTED, OUTPUT
    }

    private final DataModel model;
    private final RandomValues values;
    private final int idRange;

    public RandomExpressionQueries(DataModel model, RandomValues values, int idRange) {
        this.model = model;
        this.values = values;
        this.idRange = idRange;
    }

    /** A random query of {@code construct}, or empty when the model offers nothing it can use. */
    public Optional<Query> next(Construct construct) {
        List<Entity> entities = new ArrayList<>(model.entities());
        java.util.Collections.shuffle(entities, values.random());
        for (Entity e : entities) {
            Optional<Query> q = of(construct, e);
            if (q.isPresent()) {
                return q;
            }
        }
        return Optional.empty();
    }

    private Optional<Query> of(Construct c, Entity e) {
        return switch (c) {
            case DATE_PART -> datePart(e);
            case ELAPSED -> elapsed(e);
            case ARITHMETIC -> arithmetic(e);
            case TEXT -> text(e);
            case MEDIAN -> median(e);
            case CONDITIONAL -> conditional(e);
            case FORMULA -> formula(e);
            case RELATED_FIELD -> relatedField(e);
            case RELATED_AGGREGATE -> relatedAggregate(e);
            case WINDOW -> window(e);
            case NESTED -> nested(e);
            case OUTPUT -> output(e);
        };
    }

    private Optional<Query> datePart(Entity e) {
        Optional<Field> f = field(e, t -> t.isTemporal());
        if (f.isEmpty()) {
            return Optional.empty();
        }
        DatePartName part = values.pick(List.of(DatePartName.values()));
        Expr p = new Expr.DatePart(part, Expr.field(f.get().name()));
        Query.Builder q = Query.builder(e.name());
        if (values.chance(50)) {
            q.groupBy(GroupBy.of(p, "part")).aggregate(Aggregate.count()).orderBy(OrderBy.asc("part"));
        } else {
            Object v = part == DatePartName.WEEKEND ? (Object) values.random().nextBoolean()
                    : BigDecimal.valueOf(1 + values.random().nextInt(part == DatePartName.YEAR ? 2030 : 12));
            q.where(new Test(p, values.pick(List.of(Operator.EQ, Operator.NE, Operator.GTE)), List.of(Expr.value(v)), false))
                    .aggregate(Aggregate.count());
            if (part == DatePartName.WEEKEND) {
                q = Query.builder(e.name()).where(Test.of(p, Operator.EQ, Expr.value(v))).aggregate(Aggregate.count());
            }
        }
        return Optional.of(q.build());
    }

    private Optional<Query> elapsed(Entity e) {
        Optional<Field> f = field(e, t -> t.isTemporal());
        if (f.isEmpty()) {
            return Optional.empty();
        }
        CalendarUnit unit = values.pick(List.of(CalendarUnit.DAY, CalendarUnit.MONTH, CalendarUnit.YEAR));
        Expr age = values.chance(50) ? new Expr.Elapsed(unit, Expr.field(f.get().name()), new Expr.Today())
                : new Expr.Elapsed(unit, new Expr.Today(), Expr.field(f.get().name()));
        int n = 1 + values.random().nextInt(60);
        return Optional.of(Query.builder(e.name()).fields(e.key().partition())
                .select(Select.of(age, "elapsed"))
                .where(new Test(age, Operator.BETWEEN, List.of(Expr.value(-n), Expr.value(n)), false))
                .orderBy(new OrderBy("elapsed", values.chance(50) ? Direction.ASC : Direction.DESC))
                .build());
    }

    private Optional<Query> arithmetic(Entity e) {
        Optional<Field> a = field(e, FieldType::isNumeric);
        Optional<Field> b = field(e, FieldType::isNumeric);
        if (a.isEmpty()) {
            return Optional.empty();
        }
        char op = values.pick(List.of('+', '-', '*', '/'));
        Expr x = new Expr.Arithmetic(op, Expr.field(a.get().name()), values.chance(30)
                ? Expr.value(values.random().nextInt(5)) : Expr.field(b.get().name()));
        if (values.chance(50)) {
            return Optional.of(Query.builder(e.name())
                    .where(Test.of(x, Operator.GT, Expr.value(values.plain(Field.of("n", FieldType.NUMBER)))))
                    .aggregate(Aggregate.count()).build());
        }
        Query.Builder q = Query.builder(e.name()).aggregate(new Aggregate.Computed(
                values.pick(List.of(AggregateFunction.SUM, AggregateFunction.AVG, AggregateFunction.MAX)),
                Optional.of(x), Optional.empty(), Optional.empty(), Optional.of("value")));
        groupKey(e).ifPresent(g -> q.groupBy(GroupBy.of(g)).orderBy(OrderBy.asc(g)));
        return Optional.of(q.build());
    }

    private Optional<Query> text(Entity e) {
        Optional<Field> s = field(e, t -> t == FieldType.STRING);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        boolean fold = values.chance(50);
        Filter f;
        if (values.chance(50)) {
            String suffix = values.fragment();
            f = new Compare(s.get().name(), Operator.ENDS_WITH, List.of(fold ? suffix.toUpperCase(java.util.Locale.ROOT)
                    : suffix), fold);
        } else {
            Object v = values.plain(s.get());
            f = new Compare(s.get().name(), Operator.EQ, List.of(((String) v).toUpperCase(java.util.Locale.ROOT)), true);
        }
        return Optional.of(Query.builder(e.name()).where(values.chance(50) ? f : Filter.not(f))
                .aggregate(Aggregate.count()).build());
    }

    private Optional<Query> median(Entity e) {
        Optional<Field> n = field(e, FieldType::isNumeric);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        Query.Builder q = Query.builder(e.name())
                .aggregate(new Aggregate.Computed(AggregateFunction.MEDIAN, Optional.of(Expr.field(n.get().name())),
                        Optional.empty(), Optional.empty(), Optional.of("median")))
                .aggregate(new Aggregate.Computed(AggregateFunction.PERCENTILE, Optional.of(Expr.field(n.get().name())),
                        Optional.empty(), Optional.of(values.pick(List.of(BigDecimal.ZERO, new BigDecimal("0.25"),
                        new BigDecimal("0.9"), BigDecimal.ONE))), Optional.of("percentile")));
        groupKey(e).ifPresent(g -> q.groupBy(GroupBy.of(g)).orderBy(OrderBy.desc("median")));
        return Optional.of(q.build());
    }

    private Optional<Query> conditional(Entity e) {
        Optional<Field> c = field(e, t -> true);
        Optional<Field> n = field(e, FieldType::isNumeric);
        if (c.isEmpty()) {
            return Optional.empty();
        }
        Filter where = condition(e, c.get());
        Query.Builder q = Query.builder(e.name()).aggregate(Aggregate.count())
                .aggregate(new Aggregate.Computed(AggregateFunction.COUNT, Optional.empty(), Optional.of(where),
                        Optional.empty(), Optional.of("meeting")));
        n.ifPresent(f -> q.aggregate(new Aggregate.Computed(AggregateFunction.SUM, Optional.of(Expr.field(f.name())),
                Optional.of(where), Optional.empty(), Optional.of("sum_meeting"))));
        groupKey(e).ifPresent(g -> q.groupBy(GroupBy.of(g)));
        return Optional.of(q.build());
    }

    private Optional<Query> formula(Entity e) {
        Optional<Field> n = field(e, FieldType::isNumeric);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        char op = values.pick(List.of('+', '-', '*', '/'));
        Query.Builder q = Query.builder(e.name()).aggregate(Aggregate.count())
                .aggregate(new Aggregate.Of(values.pick(List.of(AggregateFunction.SUM, AggregateFunction.MAX)),
                        Optional.of(n.get().name()), Optional.of("x")))
                .aggregate(new Aggregate.Formula(new Expr.Arithmetic(op, Expr.column("x"), Expr.column("count")), "ratio"));
        groupKey(e).ifPresent(g -> q.groupBy(GroupBy.of(g)).orderBy(OrderBy.desc("ratio")));
        if (values.chance(40)) {
            q.having(new Compare("ratio", Operator.GT, List.of(BigDecimal.ONE), false));
        }
        return Optional.of(q.build());
    }

    private Optional<Query> relatedField(Entity e) {
        for (Navigation nav : model.navigations(e.name()).values()) {
            if (nav.toMany()) {
                continue;
            }
            Entity to = model.requireEntity(nav.to());
            for (Field own : visible(e)) {
                Optional<Field> other = visible(to).stream().filter(f -> f.type() == own.type() && !f.type().equals(FieldType.BOOLEAN)
                        && f.type() != FieldType.ENUM).findFirst();
                if (other.isPresent() && (own.type().isTemporal() || own.type().isNumeric())) {
                    Operator op = values.pick(List.of(Operator.LT, Operator.LTE, Operator.EQ, Operator.GT));
                    Expr right = Expr.field(nav.name() + "." + other.get().name());
                    if (own.type().isTemporal() && values.chance(50)) {
                        return Optional.of(Query.builder(e.name()).fields(e.key().partition()).where(new Test(
                                new Expr.Elapsed(CalendarUnit.DAY, right, Expr.field(own.name())), Operator.BETWEEN,
                                List.of(Expr.value(0), Expr.value(values.random().nextInt(40))), false)).build());
                    }
                    return Optional.of(Query.builder(e.name()).fields(e.key().partition())
                            .where(Test.of(Expr.field(own.name()), op, right)).build());
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Query> relatedAggregate(Entity e) {
        for (Navigation nav : model.navigations(e.name()).values()) {
            if (!nav.toMany()) {
                continue;
            }
            Entity to = model.requireEntity(nav.to());
            Optional<Field> n = visible(to).stream().filter(f -> f.type().isNumeric()).findAny();
            AggregateFunction fn = n.isPresent() ? values.pick(List.of(AggregateFunction.COUNT, AggregateFunction.SUM,
                    AggregateFunction.MIN, AggregateFunction.MEDIAN)) : AggregateFunction.COUNT;
            Expr agg = new Expr.RelatedAggregate(nav.name(), fn,
                    fn == AggregateFunction.COUNT ? Optional.empty() : n.map(f -> Expr.field(f.name())), Optional.empty());
            if (values.chance(50)) {
                return Optional.of(Query.builder(e.name()).fields(e.key().partition()).select(Select.of(agg, "related"))
                        .orderBy(OrderBy.desc("related")).limit(1 + values.random().nextInt(5)).build());
            }
            Query.Builder q = Query.builder(e.name()).aggregate(new Aggregate.Computed(AggregateFunction.SUM,
                    Optional.of(new Expr.Coalesce(List.of(agg, Expr.value(0)))), Optional.empty(), Optional.empty(),
                    Optional.of("total")));
            groupKey(e).ifPresent(g -> q.groupBy(GroupBy.of(g)));
            return Optional.of(q.build());
        }
        return Optional.empty();
    }

    private Optional<Query> window(Entity e) {
        Optional<String> g = groupKey(e);
        Optional<Field> n = field(e, FieldType::isNumeric);
        if (g.isEmpty()) {
            return Optional.empty();
        }
        Query.Builder q = Query.builder(e.name()).groupBy(GroupBy.of(g.get())).aggregate(Aggregate.count());
        String of = "count";
        if (n.isPresent()) {
            q.aggregate(new Aggregate.Of(AggregateFunction.SUM, Optional.of(n.get().name()), Optional.of("total")));
            of = values.pick(List.of("count", "total"));
        }
        Optional<String> partition = Optional.empty();
        Optional<String> second = groupKey(e).filter(x -> !x.equals(g.get()));
        if (second.isPresent() && values.chance(50)) {
            q.groupBy(GroupBy.of(second.get()));
            partition = second;
        }
        WindowFunction fn = values.pick(List.of(WindowFunction.values()));
        List<OrderBy> order = fn == WindowFunction.SHARE && values.chance(50) ? List.of()
                : List.of(new OrderBy(values.pick(List.of(g.get(), of)), values.chance(50) ? Direction.ASC : Direction.DESC));
        q.window(new Window(fn, fn.needsColumn() ? Optional.of(of) : Optional.empty(),
                partition.map(List::of).orElse(List.of()), order, "w"));
        q.orderBy(OrderBy.asc("w"));
        if (values.chance(30)) {
            q.limit(1 + values.random().nextInt(4));
        }
        return Optional.of(q.build());
    }

    private Optional<Query> nested(Entity e) {
        Optional<Field> n = field(e, FieldType::isNumeric);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        Query.Builder inner = Query.builder(e.name()).aggregate(new Aggregate.Of(
                values.pick(List.of(AggregateFunction.AVG, AggregateFunction.MAX, AggregateFunction.MIN)),
                Optional.of(n.get().name()), Optional.empty()));
        Optional<Field> c = field(e, t -> true);
        if (c.isPresent() && values.chance(50)) {
            inner.where(condition(e, c.get()));
        }
        return Optional.of(Query.builder(e.name()).fields(e.key().partition(), n.get().name())
                .where(Test.of(Expr.field(n.get().name()), values.pick(List.of(Operator.GTE, Operator.LT, Operator.EQ)),
                        new Expr.Subquery(inner.build())))
                .build());
    }

    private Optional<Query> output(Entity e) {
        List<Field> fields = visible(e);
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        Field f = values.pick(fields);
        if (values.chance(50)) {
            return Optional.of(Query.builder(e.name()).fields(f.name()).distinct(true)
                    .orderBy(OrderBy.asc(f.name())).build());
        }
        Query.Builder q = Query.builder(e.name()).fields(f.name());
        for (Navigation nav : model.navigations(e.name()).values()) {
            if (!nav.toMany()) {
                List<Field> remote = visible(model.requireEntity(nav.to()));
                if (!remote.isEmpty()) {
                    Field r = values.pick(remote);
                    q.select(values.chance(50) ? Select.of(nav.name() + "." + r.name())
                            : Select.of(Expr.field(nav.name() + "." + r.name()), "related_" + r.name()));
                    break;
                }
            }
        }
        q.distinct(values.chance(30));
        return Optional.of(q.build());
    }

    /** A condition on one field, as the shared random queries write them. */
    private Filter condition(Entity e, Field f) {
        if (f.type() == FieldType.BOOLEAN) {
            return new Compare(f.name(), Operator.EQ, List.of(values.random().nextBoolean()), false);
        }
        if (f.type() == FieldType.ENUM || f.type() == FieldType.STRING) {
            return new Compare(f.name(), Operator.NE, List.of(values.plain(f)), false);
        }
        return new Compare(f.name(), values.pick(List.of(Operator.GT, Operator.LTE)), List.of(values.operand(e, f, idRange)),
                false);
    }

    private Optional<String> groupKey(Entity e) {
        List<Field> keys = visible(e).stream().filter(f -> f.type() == FieldType.ENUM || f.type() == FieldType.BOOLEAN
                || f.type() == FieldType.STRING && !f.name().equals(e.key().partition())).toList();
        return keys.isEmpty() ? Optional.empty() : Optional.of(values.pick(keys).name());
    }

    private Optional<Field> field(Entity e, Predicate<FieldType> kind) {
        List<Field> fs = visible(e).stream().filter(f -> kind.test(f.type())).toList();
        return fs.isEmpty() ? Optional.empty() : Optional.of(values.pick(fs));
    }

    private static List<Field> visible(Entity e) {
        return e.fields().stream().filter(f -> f.visibility() != Visibility.HIDDEN).toList();
    }
}
