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
import java.util.Map;

/** Random values of the query IR, with names taken from a data model or made up freely. */
final class QueryGenerators {

    private static final BigDecimal BOUND = BigDecimal.valueOf(1_000_000_000L);
    private static final BigInteger THIRTY_DIGITS = BigInteger.TEN.pow(30);

    private QueryGenerators() {
    }

    /**
     * Where the names of a generated query come from; an empty category (a model without rules) is
     * never used.
     */
    record Names(
            Gen<String> entities,
            Gen<String> fields,
            Optional<Gen<String>> dateFields,
            Gen<String> groupFields,
            Optional<Gen<String>> rules,
            Optional<Gen<String>> parameters,
            Optional<Gen<String>> measures,
            Optional<Gen<String>> navigations) {

        /** Any text at all for every name: for the round trip, which does not care about the model. */
        static Names anyText() {
            Gen<String> t = text();
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
                    Gen.of(model.entities().stream().map(Entity::name).toList()),
                    Gen.of(fields),
                    some(dates),
                    Gen.of(groupFields),
                    some(model.rules().stream().map(Rule::name).toList()),
                    some(parameters),
                    some(model.measures().stream().map(Measure::name).toList()),
                    some(navigations));
        }

        private static Optional<Gen<String>> some(List<String> names) {
            return names.isEmpty() ? Optional.empty() : Optional.of(Gen.of(names));
        }
    }

    /** Strings of every kind: empty, quotes, backslashes, control characters, accents, emoji, any code unit. */
    static Gen<String> text() {
        String alphanumeric = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ .";
        Gen<String> anyUnits = r -> {
            char[] chars = new char[r.nextInt(9)];
            for (int i = 0; i < chars.length; i++) {
                chars[i] = (char) r.nextInt(Character.MAX_VALUE + 1);
            }
            return new String(chars);
        };
        Gen<String> words = r -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1 + r.nextInt(12); i > 0; i--) {
                sb.append(alphanumeric.charAt(r.nextInt(alphanumeric.length())));
            }
            return sb.toString();
        };
        return Gen.oneOf(anyUnits, words,
                Gen.of("", "\"", "\\", "'", "\"quoted\"", "a\\\"b", "Zoë", "Müller", "日本語", "😀🎉",
                        "\u0000", "\n\t\r", "</script>", "{\"type\":\"and\"}", "\u2028"));
    }

    /** Numbers of scale 0 to 8 (trailing zeros kept: 5.00 is not 5), and some of thirty digits. */
    static Gen<BigDecimal> decimals() {
        Gen<BigDecimal> scaled = r -> {
            int scale = r.nextInt(9);
            long bound = BOUND.movePointRight(scale).longValueExact();
            return BigDecimal.valueOf(r.nextLong(-bound, bound + 1), scale);
        };
        Gen<BigDecimal> huge = r -> {
            BigInteger magnitude = new BigInteger(100, r).mod(THIRTY_DIGITS.add(BigInteger.ONE));
            return new BigDecimal(r.nextBoolean() ? magnitude : magnitude.negate());
        };
        return Gen.oneOf(scaled, huge, Gen.of(new BigDecimal("0.00"), new BigDecimal("5.00"), new BigDecimal("-0.5"),
                new BigDecimal("1000"), new BigDecimal("0.000000001")));
    }

    static Gen<Object> scalars() {
        return Gen.oneOf(text(), decimals(), Gen.coin());
    }

    static Gen<Query> queries(Names names) {
        Gen<Filter> where = filters(names, 3);
        Gen<List<String>> fields = names.fields().list(0, 3);
        Gen<Optional<Filter>> wheres = where.optional(0.7);
        Gen<List<GroupBy>> groupBys = groupBys(names).list(0, 2);
        Gen<List<Aggregate>> aggregates = aggregates(names).list(0, 3);
        Gen<Optional<Filter>> havings = havings(2).optional(0.3);
        Gen<List<OrderBy>> orderBys = orderBys(names).list(0, 2);
        Gen<Optional<Integer>> limits = Gen.between(1, 10_000).optional(0.5);
        return r -> new Query(names.entities().next(r), fields.next(r), wheres.next(r), groupBys.next(r),
                aggregates.next(r), havings.next(r), orderBys.next(r),
                limits.next(r).map(OptionalInt::of).orElse(OptionalInt.empty()));
    }

    /** Filters nested at most {@code depth} levels below the leaves, of every type the names allow. */
    static Gen<Filter> filters(Names names, int depth) {
        List<Gen<? extends Filter>> choices = new ArrayList<>();
        choices.add(compares(names.fields()));
        names.dateFields().ifPresent(dates -> {
            Gen<TimeRange> ranges = timeRanges();
            choices.add(r -> new Within(dates.next(r), ranges.next(r)));
        });
        names.rules().ifPresent(rules -> choices.add(ruleRefs(rules, names.parameters())));
        if (depth > 0) {
            Gen<Filter> inner = r -> filters(names, depth - 1).next(r);
            choices.add(inner.list(0, 3).map(And::new));
            choices.add(inner.list(0, 3).map(Or::new));
            choices.add(inner.map(Not::new));
            names.navigations().ifPresent(via -> {
                Gen<Optional<Filter>> where = inner.optional(0.7);
                Gen<CountCondition> counts = counts();
                choices.add(r -> new Related(via.next(r), where.next(r), counts.next(r)));
            });
        }
        return Gen.oneOf(choices);
    }

    /** Conditions of a having: comparisons of free aliases, under and, or and not. */
    static Gen<Filter> havings(int depth) {
        Gen<Filter> leaf = compares(text()).map(c -> c);
        if (depth == 0) {
            return leaf;
        }
        Gen<Filter> inner = r -> havings(depth - 1).next(r);
        return Gen.oneOf(leaf, inner.list(0, 3).map(And::new), inner.list(0, 3).map(Or::new), inner.map(Not::new));
    }

    static Gen<Compare> compares(Gen<String> fields) {
        return r -> {
            Operator op = Operator.values()[r.nextInt(Operator.values().length)];
            return new Compare(fields.next(r), op, values(op).next(r), r.nextBoolean());
        };
    }

    private static Gen<List<Object>> values(Operator op) {
        if (op == Operator.IS_NULL) {
            return r -> List.of();
        }
        if (op == Operator.BETWEEN) {
            return scalars().list(2, 2);
        }
        if (op == Operator.IN) {
            return scalars().list(1, 4);
        }
        return scalars().map(List::of);
    }

    private static Gen<RuleRef> ruleRefs(Gen<String> rules, Optional<Gen<String>> parameters) {
        if (parameters.isEmpty()) {
            return rules.map(RuleRef::of);
        }
        Gen<Map<String, Object>> args = parameters.get().mapTo(scalars(), 2);
        return r -> new RuleRef(rules.next(r), args.next(r));
    }

    private static Gen<CountCondition> counts() {
        Gen<Operator> ops = Gen.of(Operator.EQ, Operator.NE, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE);
        return Gen.oneOf(Gen.of(CountCondition.exists(), CountCondition.notExists()),
                r -> new CountCondition(ops.next(r), r.nextLong(0, 1_001)));
    }

    static Gen<TimeRange> timeRanges() {
        Gen<CalendarUnit> units = Gen.of(CalendarUnit.values());
        Gen<Integer> amounts = Gen.between(0, 1_000);
        Gen<LocalDate> dates = Gen.between(-300_000, 2_000_000).map(d -> LocalDate.of(1900, 1, 1).plusDays(d));
        return Gen.oneOf(
                r -> new TimeRange.Last(amounts.next(r), units.next(r)),
                r -> new TimeRange.Next(amounts.next(r), units.next(r)),
                r -> new TimeRange.Calendar(units.next(r), Gen.between(-5, 5).next(r)),
                units.map(TimeRange.RestOf::new),
                Gen.of(new TimeRange.ToToday(), new TimeRange.FromToday()),
                r -> new TimeRange.Between(dates.next(r), dates.next(r)));
    }

    private static Gen<GroupBy> groupBys(Names names) {
        Gen<Optional<CalendarUnit>> truncations = Gen.of(CalendarUnit.values()).optional(0.4);
        return r -> new GroupBy(names.groupFields().next(r), truncations.next(r));
    }

    /** Aggregates as the schema has them: every function but count names a field. */
    private static Gen<Aggregate> aggregates(Names names) {
        Gen<Optional<String>> aliases = text().optional(0.3);
        Gen<Optional<String>> countFields = names.groupFields().optional(0.3);
        Gen<Optional<String>> fields = names.groupFields().map(Optional::of);
        Gen<Aggregate> functions = r -> {
            AggregateFunction fn = AggregateFunction.values()[r.nextInt(AggregateFunction.values().length)];
            Optional<String> field = (fn == AggregateFunction.COUNT ? countFields : fields).next(r);
            return new Aggregate.Of(fn, field, aliases.next(r));
        };
        if (names.measures().isEmpty()) {
            return functions;
        }
        Gen<String> measures = names.measures().get();
        return Gen.oneOf(functions, r -> new Aggregate.Measure(measures.next(r), aliases.next(r)));
    }

    private static Gen<OrderBy> orderBys(Names names) {
        Gen<String> by = Gen.oneOf(names.fields(), text());
        Gen<Direction> directions = Gen.of(Direction.values());
        return r -> new OrderBy(by.next(r), directions.next(r));
    }
}
