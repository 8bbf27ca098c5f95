package io.promoagent.schema.json;

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
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.model.RuleParameter;
import io.promoagent.schema.model.Visibility;
import io.promoagent.schema.ir.CalendarUnit;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random values of the query IR, with names taken from a data model or made up freely. */
final class QueryArbitraries {

    private QueryArbitraries() {
    }

    /**
     * Where the names of a generated query come from; an empty category (a model without rules) is
     * never used.
     */
    record Names(
            Arbitrary<String> entities,
            Arbitrary<String> fields,
            Optional<Arbitrary<String>> dateFields,
            Arbitrary<String> groupFields,
            Optional<Arbitrary<String>> rules,
            Optional<Arbitrary<String>> parameters,
            Optional<Arbitrary<String>> measures,
            Optional<Arbitrary<String>> navigations) {

        /** Any text at all for every name: for the round trip, which does not care about the model. */
        static Names anyText() {
            Arbitrary<String> t = text();
            return new Names(t, t, Optional.of(t), t, Optional.of(t), Optional.of(t), Optional.of(t), Optional.of(t));
        }

        /**
         * The names a query over {@code model} may use, derived here independently of the schema generator:
         * non-hidden fields, and to-one paths to model-visible fields that are neither numbers nor join keys.
         */
        static Names of(DataModel model) {
            List<String> fields = new ArrayList<>();
            List<String> dates = new ArrayList<>();
            List<String> groupFields = new ArrayList<>();
            List<String> navigations = new ArrayList<>();
            for (Entity e : model.entities()) {
                for (Field f : e.fields()) {
                    if (f.visibility() != Visibility.HIDDEN) {
                        fields.add(f.name());
                        if (f.type().isTemporal()) {
                            dates.add(f.name());
                        }
                    }
                }
                for (Navigation n : model.navigations(e.name()).values()) {
                    navigations.add(n.name());
                    if (!n.toMany()) {
                        for (Field f : model.requireEntity(n.to()).fields()) {
                            if (f.isVisibleToModel() && !f.type().isNumeric() && !f.name().equals(n.remoteField())) {
                                groupFields.add(n.name() + "." + f.name());
                            }
                        }
                    }
                }
            }
            groupFields.addAll(fields);
            List<String> parameters = model.rules().stream()
                    .flatMap(r -> r.parameters().stream()).map(RuleParameter::name).distinct().toList();
            return new Names(
                    Arbitraries.of(model.entities().stream().map(Entity::name).toList()),
                    Arbitraries.of(fields),
                    some(dates),
                    Arbitraries.of(groupFields),
                    some(model.rules().stream().map(Rule::name).toList()),
                    some(parameters),
                    some(model.measures().stream().map(Measure::name).toList()),
                    some(navigations));
        }

        private static Optional<Arbitrary<String>> some(List<String> names) {
            return names.isEmpty() ? Optional.empty() : Optional.of(Arbitraries.of(names));
        }
    }

    /** Strings of every kind: empty, quotes, backslashes, control characters, accents, emoji, any code unit. */
    static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(8),
                Arbitraries.strings().alpha().numeric().withChars("_ .").ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("", "\"", "\\", "'", "\"quoted\"", "a\\\"b", "Zoë", "Müller", "日本語", "😀🎉",
                        "\u0000", "\n\t\r", "</script>", "{\"type\":\"and\"}", "\u2028"));
    }

    /** Numbers of scale 0 to 8 (trailing zeros kept: 5.00 is not 5), and some of thirty digits. */
    static Arbitrary<BigDecimal> decimals() {
        BigDecimal bound = BigDecimal.valueOf(1_000_000_000L);
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 8).flatMap(scale ->
                        Arbitraries.bigDecimals().between(bound.negate(), bound).ofScale(scale)),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(BigDecimal::new),
                Arbitraries.of(new BigDecimal("0.00"), new BigDecimal("5.00"), new BigDecimal("-0.5"),
                        new BigDecimal("1000"), new BigDecimal("0.000000001")));
    }

    static Arbitrary<Object> scalars() {
        return Arbitraries.oneOf(text(), decimals(), Arbitraries.of(true, false));
    }

    static Arbitrary<Query> queries(Names names) {
        Arbitrary<Filter> where = filters(names, 3);
        return Combinators.combine(
                names.entities(),
                names.fields().list().ofMaxSize(3),
                where.optional(0.7),
                groupBys(names).list().ofMaxSize(2),
                aggregates(names).list().ofMaxSize(3),
                havings(2).optional(0.3),
                orderBys(names).list().ofMaxSize(2),
                Arbitraries.integers().between(1, 10_000).optional(0.5))
                .as((entity, fields, w, groupBy, aggregates, having, orderBy, limit) -> new Query(entity, fields, w,
                        groupBy, aggregates, having, orderBy, limit.map(OptionalInt::of).orElse(OptionalInt.empty())));
    }

    /** Filters nested at most {@code depth} levels below the leaves, of every type the names allow. */
    static Arbitrary<Filter> filters(Names names, int depth) {
        List<Arbitrary<? extends Filter>> choices = new ArrayList<>();
        choices.add(compares(names.fields()));
        names.dateFields().ifPresent(dates -> choices.add(Combinators.combine(dates, timeRanges()).as(Within::new)));
        names.rules().ifPresent(rules -> choices.add(ruleRefs(rules, names.parameters())));
        if (depth > 0) {
            Arbitrary<Filter> inner = Arbitraries.lazy(() -> filters(names, depth - 1));
            choices.add(inner.list().ofMaxSize(3).map(And::new));
            choices.add(inner.list().ofMaxSize(3).map(Or::new));
            choices.add(inner.map(Not::new));
            names.navigations().ifPresent(via -> choices.add(Combinators.combine(via, inner.optional(0.7), counts())
                    .as(Related::new)));
        }
        return Arbitraries.oneOf(choices);
    }

    /** Conditions of a having: comparisons of free aliases, under and, or and not. */
    static Arbitrary<Filter> havings(int depth) {
        Arbitrary<Filter> leaf = compares(text()).map(c -> c);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<Filter> inner = Arbitraries.lazy(() -> havings(depth - 1));
        return Arbitraries.oneOf(leaf, inner.list().ofMaxSize(3).map(And::new), inner.list().ofMaxSize(3).map(Or::new),
                inner.map(Not::new));
    }

    static Arbitrary<Compare> compares(Arbitrary<String> fields) {
        return Arbitraries.of(Operator.class).flatMap(op -> Combinators.combine(fields, values(op), Arbitraries.of(true, false))
                .as((field, values, ignoreCase) -> new Compare(field, op, values, ignoreCase)));
    }

    private static Arbitrary<List<Object>> values(Operator op) {
        if (op == Operator.IS_NULL) {
            return Arbitraries.just(List.of());
        }
        if (op == Operator.BETWEEN) {
            return scalars().list().ofSize(2);
        }
        if (op == Operator.IN) {
            return scalars().list().ofMinSize(1).ofMaxSize(4);
        }
        return scalars().map(List::of);
    }

    private static Arbitrary<RuleRef> ruleRefs(Arbitrary<String> rules, Optional<Arbitrary<String>> parameters) {
        if (parameters.isEmpty()) {
            return rules.map(RuleRef::of);
        }
        return Combinators.combine(rules, Arbitraries.maps(parameters.get(), scalars()).ofMaxSize(2)).as(RuleRef::new);
    }

    private static Arbitrary<CountCondition> counts() {
        return Arbitraries.oneOf(
                Arbitraries.of(CountCondition.exists(), CountCondition.notExists()),
                Combinators.combine(
                        Arbitraries.of(Operator.EQ, Operator.NE, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE),
                        Arbitraries.longs().between(0, 1_000)).as(CountCondition::new));
    }

    static Arbitrary<TimeRange> timeRanges() {
        Arbitrary<CalendarUnit> units = Arbitraries.of(CalendarUnit.class);
        Arbitrary<Integer> amounts = Arbitraries.integers().between(0, 1_000);
        Arbitrary<LocalDate> dates = Arbitraries.integers().between(-300_000, 2_000_000)
                .map(d -> LocalDate.of(1900, 1, 1).plusDays(d));
        return Arbitraries.oneOf(
                Combinators.combine(amounts, units).as(TimeRange.Last::new),
                Combinators.combine(amounts, units).as(TimeRange.Next::new),
                Combinators.combine(units, Arbitraries.integers().between(-5, 5)).as(TimeRange.Calendar::new),
                units.map(TimeRange.RestOf::new),
                Arbitraries.of(new TimeRange.ToToday(), new TimeRange.FromToday()),
                Combinators.combine(dates, dates).as(TimeRange.Between::new));
    }

    private static Arbitrary<GroupBy> groupBys(Names names) {
        return Combinators.combine(names.groupFields(), Arbitraries.of(CalendarUnit.class).optional(0.4))
                .as(GroupBy::new);
    }

    /** Aggregates as the schema has them: every function but count names a field. */
    private static Arbitrary<Aggregate> aggregates(Names names) {
        Arbitrary<Aggregate> functions = Arbitraries.of(AggregateFunction.class).flatMap(fn -> Combinators.combine(
                        fn == AggregateFunction.COUNT ? names.groupFields().optional(0.3) : names.groupFields().map(Optional::of),
                        text().optional(0.3))
                .as((field, as) -> new Aggregate.Of(fn, field, as)));
        if (names.measures().isEmpty()) {
            return functions;
        }
        Arbitrary<Aggregate> measures = Combinators.combine(names.measures().get(), text().optional(0.3))
                .as(Aggregate.Measure::new);
        return Arbitraries.oneOf(functions, measures);
    }

    private static Arbitrary<OrderBy> orderBys(Names names) {
        return Combinators.combine(Arbitraries.oneOf(names.fields(), text()), Arbitraries.of(Direction.class))
                .as(OrderBy::new);
    }
}
