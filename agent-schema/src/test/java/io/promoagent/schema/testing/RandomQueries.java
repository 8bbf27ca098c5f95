package io.promoagent.schema.testing;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Direction;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.model.RuleParameter;
import io.promoagent.schema.model.Visibility;
import io.promoagent.schema.ir.CalendarUnit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Random queries that are valid for a data model, covering the whole IR: every operator on the types it
 * applies to (with and without ignoreCase), every kind of time range, rules with and without arguments,
 * related-record conditions (exists, not exists, counts) nested in and/or/not and in each other,
 * conditions on paths, plain queries with fields, order and limit, and aggregate queries with group keys
 * (truncated dates, paths), every aggregate function, measures, having, order and limit.
 *
 * <p>Values come from {@link RandomValues}, shared with {@link RandomDataset}, so that conditions meet
 * the random rows. Deterministic for a seeded {@link java.util.Random}; has no test-framework dependency.
 */
public final class RandomQueries {

    private static final Operator[] ORDERED = {Operator.EQ, Operator.NE, Operator.GT, Operator.GTE, Operator.LT,
            Operator.LTE, Operator.BETWEEN, Operator.IN, Operator.IS_NULL};
    private static final Operator[] UNORDERED = {Operator.EQ, Operator.NE, Operator.IN, Operator.IS_NULL};
    private static final Operator[] COUNTS = {Operator.EQ, Operator.NE, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE};
    private static final int MAX_DEPTH = 3;

    private final DataModel model;
    private final RandomValues values;
    private final int idRange;

    /**
     * @param idRange the ids compared with join fields range over 0..idRange, like the rows'
     *                ({@link RandomDataset#generate}'s {@code maxRows})
     */
    public RandomQueries(DataModel model, RandomValues values, int idRange) {
        this.model = model;
        this.values = values;
        this.idRange = idRange;
    }

    public Query next() {
        return next(values.pick(model.entities()).name());
    }

    public Query next(String entity) {
        return values.chance(55) ? plain(entity) : aggregate(entity);
    }

    public Query plain(String entity) {
        Entity e = model.requireEntity(entity);
        Query.Builder b = Query.builder(entity);
        if (values.chance(80)) {
            b.where(filter(e, 1));
        }
        List<Field> visible = visible(e);
        if (values.chance(50)) {
            b.fields(some(visible, 1, 4).stream().map(Field::name).toList());
        }
        if (values.chance(50)) {
            for (Field f : some(visible, 1, 2)) {
                b.orderBy(new OrderBy(f.name(), direction()));
            }
        }
        if (values.chance(50)) {
            b.limit(1 + values.random().nextInt(8));
        }
        return b.build();
    }

    public Query aggregate(String entity) {
        Entity e = model.requireEntity(entity);
        Query.Builder b = Query.builder(entity);
        if (values.chance(70)) {
            b.where(filter(e, 1));
        }
        Set<String> aliases = new HashSet<>();
        List<String> numericAliases = new ArrayList<>();
        int groups = values.random().nextInt(3);
        for (int i = 0; i < groups; i++) {
            GroupBy g = groupBy(e);
            if (aliases.add(g.alias())) {
                b.groupBy(g);
            }
        }
        int aggregates = (groups == 0 ? 1 : 0) + values.random().nextInt(3);
        for (int i = 0; i < aggregates; i++) {
            Aggregate a = aggregateOf(e, "a" + i);
            if (aliases.add(a.alias())) {
                b.aggregate(a);
                if (isNumeric(e, a)) {
                    numericAliases.add(a.alias());
                }
            }
        }
        if (!numericAliases.isEmpty() && values.chance(30)) {
            b.having(having(numericAliases, 1));
        }
        if (values.chance(60) && !aliases.isEmpty()) {
            for (String alias : some(List.copyOf(aliases).stream().sorted().toList(), 1, 2)) {
                b.orderBy(new OrderBy(alias, direction()));
            }
        }
        if (values.chance(40)) {
            b.limit(1 + values.random().nextInt(5));
        }
        return b.build();
    }

    /** A random filter over {@code entity}, at most {@link #MAX_DEPTH} levels deep from {@code depth}. */
    public Filter filter(Entity entity, int depth) {
        int r = values.random().nextInt(100);
        if (depth < MAX_DEPTH && r < 15) {
            return new And(operands(entity, depth));
        }
        if (depth < MAX_DEPTH && r < 27) {
            return new Or(operands(entity, depth));
        }
        if (depth < MAX_DEPTH && r < 33) {
            return new Not(filter(entity, depth + 1));
        }
        if (r < 43 && !temporal(entity).isEmpty()) {
            return new Within(values.pick(temporal(entity)).name(), range());
        }
        if (r < 51 && !rules(entity).isEmpty()) {
            return rule(values.pick(rules(entity)));
        }
        List<Navigation> navs = List.copyOf(model.navigations(entity.name()).values());
        if (r < 65 && depth < MAX_DEPTH && !navs.isEmpty()) {
            return related(values.pick(navs), depth);
        }
        List<Navigation> toOne = navs.stream().filter(n -> !n.toMany()).toList();
        if (r < 72 && !toOne.isEmpty()) {
            Navigation nav = values.pick(toOne);
            Entity to = model.requireEntity(nav.to());
            Field f = values.pick(visible(to));
            if (f.type().isTemporal() && values.chance(30)) {
                return new Within(nav.name() + "." + f.name(), range());
            }
            return compare(to, f, nav.name() + "." + f.name());
        }
        Field f = values.pick(visible(entity));
        return compare(entity, f, f.name());
    }

    private List<Filter> operands(Entity entity, int depth) {
        int n = values.random().nextInt(4);
        List<Filter> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(filter(entity, depth + 1));
        }
        return out;
    }

    private Filter related(Navigation nav, int depth) {
        Optional<Filter> where = values.chance(70)
                ? Optional.of(filter(model.requireEntity(nav.to()), depth + 1)) : Optional.empty();
        int r = values.random().nextInt(100);
        CountCondition count = r < 40 ? CountCondition.exists() : r < 65 ? CountCondition.notExists()
                : new CountCondition(COUNTS[values.random().nextInt(COUNTS.length)], values.random().nextInt(4));
        return new Related(nav.name(), where, count);
    }

    private Filter rule(Rule rule) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (RuleParameter p : rule.parameters()) {
            if (values.chance(50)) {
                args.put(p.name(), argument(p.type()));
            }
        }
        return new RuleRef(rule.name(), args);
    }

    private Object argument(FieldType type) {
        return switch (type) {
            case INTEGER, NUMBER -> BigDecimal.valueOf(values.random().nextInt(400));
            case BOOLEAN -> values.random().nextBoolean();
            default -> values.dates().get(0);
        };
    }

    /** A comparison of {@code field} (written as {@code name}, maybe a path) valid for its type. */
    public Compare compare(Entity owner, Field field, String name) {
        Operator[] ops = field.type() == FieldType.STRING ? Operator.values()
                : field.type() == FieldType.BOOLEAN || field.type() == FieldType.ENUM ? UNORDERED : ORDERED;
        Operator op = ops[values.random().nextInt(ops.length)];
        boolean text = field.type() == FieldType.STRING || field.type() == FieldType.ENUM;
        boolean ignoreCase = text && values.chance(30);
        List<Object> operands = new ArrayList<>();
        switch (op) {
            case IS_NULL -> {
            }
            case BETWEEN -> {
                Object a = values.operand(owner, field, idRange);
                Object b = values.operand(owner, field, idRange);
                boolean swap = a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) > 0
                        : field.type() == FieldType.DATE && a.toString().compareTo(b.toString()) > 0;
                operands.add(swap ? b : a);
                operands.add(swap ? a : b);
            }
            case IN -> {
                int n = 1 + values.random().nextInt(4);
                for (int i = 0; i < n; i++) {
                    operands.add(values.operand(owner, field, idRange));
                }
            }
            case CONTAINS, BEGINS_WITH -> operands.add(values.chance(70) ? values.fragment()
                    : values.operand(owner, field, idRange));
            default -> operands.add(values.operand(owner, field, idRange));
        }
        return new Compare(name, op, operands, ignoreCase);
    }

    public TimeRange range() {
        CalendarUnit unit = values.pick(List.of(CalendarUnit.values()));
        int amount = unit == CalendarUnit.DAY ? values.random().nextInt(400) : values.random().nextInt(4);
        return switch (values.random().nextInt(7)) {
            case 0 -> new TimeRange.Last(amount, unit);
            case 1 -> new TimeRange.Next(amount, unit);
            case 2 -> new TimeRange.Calendar(unit, values.random().nextInt(5) - 3);
            case 3 -> new TimeRange.RestOf(unit);
            case 4 -> new TimeRange.ToToday();
            case 5 -> new TimeRange.FromToday();
            default -> {
                LocalDate a = LocalDate.parse(values.pick(values.dates()));
                LocalDate b = LocalDate.parse(values.pick(values.dates()));
                yield a.isAfter(b) ? new TimeRange.Between(b, a) : new TimeRange.Between(a, b);
            }
        };
    }

    private GroupBy groupBy(Entity e) {
        List<Navigation> toOne = model.navigations(e.name()).values().stream().filter(n -> !n.toMany()).toList();
        String name;
        Field field;
        if (!toOne.isEmpty() && values.chance(35)) {
            Navigation nav = values.pick(toOne);
            field = values.pick(visible(model.requireEntity(nav.to())));
            name = nav.name() + "." + field.name();
        } else {
            field = values.pick(visible(e));
            name = field.name();
        }
        if (field.type().isTemporal() && values.chance(60)) {
            return GroupBy.of(name, values.pick(List.of(CalendarUnit.values())));
        }
        return GroupBy.of(name);
    }

    private Aggregate aggregateOf(Entity e, String alias) {
        Optional<String> as = values.chance(50) ? Optional.of(alias) : Optional.empty();
        List<Measure> measures = model.measures().stream().filter(m -> m.entity().equals(e.name())).toList();
        int r = values.random().nextInt(100);
        if (r < 20) {
            return new Aggregate.Of(AggregateFunction.COUNT, Optional.empty(), as);
        }
        if (r < 40 && !measures.isEmpty()) {
            return new Aggregate.Measure(values.pick(measures).name(), as);
        }
        AggregateFunction fn = values.pick(List.of(AggregateFunction.COUNT_DISTINCT, AggregateFunction.SUM,
                AggregateFunction.AVG, AggregateFunction.MIN, AggregateFunction.MAX));
        List<String> candidates = new ArrayList<>();
        for (Field f : visible(e)) {
            if (fits(fn, f)) {
                candidates.add(f.name());
            }
        }
        for (Navigation nav : model.navigations(e.name()).values()) {
            if (!nav.toMany()) {
                visible(model.requireEntity(nav.to())).stream().filter(f -> fits(fn, f))
                        .forEach(f -> candidates.add(nav.name() + "." + f.name()));
            }
        }
        if (candidates.isEmpty()) {
            return new Aggregate.Of(AggregateFunction.COUNT, Optional.empty(), as);
        }
        return new Aggregate.Of(fn, Optional.of(values.pick(candidates)), as);
    }

    private static boolean fits(AggregateFunction fn, Field f) {
        return fn.needsNumber() ? f.type().isNumeric() : f.type() != FieldType.BOOLEAN;
    }

    private boolean isNumeric(Entity e, Aggregate a) {
        if (a instanceof Aggregate.Of of && of.field().isPresent()
                && (of.function() == AggregateFunction.MIN || of.function() == AggregateFunction.MAX)) {
            return io.promoagent.schema.eval.FieldPath.require(model, e.name(), of.field().get()).field().type().isNumeric();
        }
        return true;
    }

    private Filter having(List<String> aliases, int depth) {
        int r = values.random().nextInt(100);
        if (depth < 2 && r < 15) {
            return new And(List.of(having(aliases, depth + 1), having(aliases, depth + 1)));
        }
        if (depth < 2 && r < 25) {
            return new Or(List.of(having(aliases, depth + 1), having(aliases, depth + 1)));
        }
        if (depth < 2 && r < 30) {
            return new Not(having(aliases, depth + 1));
        }
        Operator op = ORDERED[values.random().nextInt(ORDERED.length)];
        String alias = values.pick(aliases);
        if (op == Operator.IS_NULL) {
            return new Compare(alias, op, List.of(), false);
        }
        int a = values.random().nextInt(6);
        if (op == Operator.BETWEEN) {
            return Compare.of(alias, op, a, a + values.random().nextInt(100));
        }
        if (op == Operator.IN) {
            return Compare.of(alias, op, a, values.random().nextInt(6));
        }
        return Compare.of(alias, op, values.chance(70) ? a : values.random().nextInt(5000));
    }

    private Direction direction() {
        return values.random().nextBoolean() ? Direction.ASC : Direction.DESC;
    }

    private List<Field> visible(Entity e) {
        return e.fields().stream().filter(f -> f.visibility() != Visibility.HIDDEN).toList();
    }

    private List<Field> temporal(Entity e) {
        return visible(e).stream().filter(f -> f.type().isTemporal()).toList();
    }

    private List<Rule> rules(Entity e) {
        return model.rules().stream().filter(r -> r.entity().equals(e.name())).toList();
    }

    /** Between {@code min} and {@code max} distinct items, in random order. */
    private <T> List<T> some(List<T> items, int min, int max) {
        List<T> pool = new ArrayList<>(items);
        int n = Math.min(pool.size(), min + values.random().nextInt(max - min + 1));
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pool.remove(values.random().nextInt(pool.size())));
        }
        return out;
    }
}
