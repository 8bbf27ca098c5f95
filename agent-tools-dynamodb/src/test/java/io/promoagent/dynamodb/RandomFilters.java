package io.promoagent.dynamodb;

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
import io.promoagent.schema.model.Index;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random source filters over one entity, biased towards what exercises a DynamoDB compiler: conditions on
 * table and index keys (so that every access path is taken), values taken from the data (so that filters
 * match), case variants with and without {@code ignoreCase}, {@code ne} and {@code is_null} on sometimes
 * absent fields, reversed ranges, empty strings, long {@code in} lists, and nesting under {@code not}/{@code or}.
 *
 * <p>With {@code strict}, only filters the query validator accepts are made (types and operators agree,
 * ranges are not reversed), for queries that go through the query engine.
 */
final class RandomFilters {

    private final Entity entity;
    private final Random random;
    private final boolean strict;
    private final Map<String, List<Object>> pool;

    RandomFilters(Entity entity, List<Row> rows, Random random, boolean strict) {
        this.entity = entity;
        this.random = random;
        this.strict = strict;
        this.pool = new java.util.LinkedHashMap<>();
        for (Field f : entity.fields()) {
            Set<Object> values = new LinkedHashSet<>();
            for (Row r : rows) {
                Object v = r.valueOrNull(f.name());
                if (v != null) {
                    values.add(v);
                }
            }
            pool.put(f.name(), new ArrayList<>(values));
        }
    }

    /** A filter: usually a conjunction that gives some access path something to use. */
    Filter filter() {
        List<Filter> operands = new ArrayList<>();
        int shape = random.nextInt(10);
        if (shape < 7) {
            operands.add(keyCondition());
        }
        if (random.nextInt(3) == 0) {
            operands.add(keyCondition());
        }
        int extra = random.nextInt(3);
        for (int i = 0; i < extra; i++) {
            operands.add(any(2));
        }
        if (operands.isEmpty()) {
            operands.add(any(3));
        }
        return operands.size() == 1 ? operands.get(0) : new And(operands);
    }

    /** A condition on the partition or sort key of the table or an index, or on a bucket's date field. */
    Filter keyCondition() {
        List<String> keys = new ArrayList<>();
        keys.add(entity.key().partition());
        for (Index i : entity.indexes()) {
            keys.add(i.key().partition());
            i.key().sort().ifPresent(keys::add);
        }
        for (Field f : entity.fields()) {
            f.bucket().ifPresent(b -> keys.add(b.of()));
        }
        String name = keys.get(random.nextInt(keys.size()));
        Field f = entity.requireField(name);
        if (f.bucket().isPresent() && strict) {
            name = f.bucket().get().of();
            f = entity.requireField(name);
        }
        if (f.type() == FieldType.DATE && random.nextBoolean()) {
            return within(f);
        }
        Operator op = f.type().isNumeric() || f.type() == FieldType.DATE
                ? pick(Operator.EQ, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE, Operator.BETWEEN, Operator.IN)
                : f.type() == FieldType.STRING ? pick(Operator.EQ, Operator.EQ, Operator.IN, Operator.BEGINS_WITH, Operator.GT)
                : pick(Operator.EQ, Operator.IN);
        return compare(f, op);
    }

    /** Any condition, nested up to {@code depth}. */
    Filter any(int depth) {
        int kind = random.nextInt(10);
        if (depth > 0 && kind == 0) {
            return new Not(any(depth - 1));
        }
        if (depth > 0 && kind == 1) {
            return new Or(List.of(any(depth - 1), any(depth - 1)));
        }
        if (depth > 0 && kind == 2) {
            return new And(List.of(any(depth - 1), any(depth - 1)));
        }
        if (kind == 3) {
            return keyCondition();
        }
        Field f = entity.fields().get(random.nextInt(entity.fields().size()));
        if (f.type() == FieldType.DATE && random.nextInt(3) == 0) {
            return within(f);
        }
        return compare(f, pick(operators(f.type())));
    }

    private Operator[] operators(FieldType type) {
        switch (type) {
            case STRING:
                return Operator.values();
            case ENUM:
            case BOOLEAN:
                return strict ? new Operator[] {Operator.EQ, Operator.NE, Operator.IN, Operator.IS_NULL}
                        : Operator.values();
            default:
                return new Operator[] {Operator.EQ, Operator.NE, Operator.GT, Operator.GTE, Operator.LT, Operator.LTE,
                    Operator.BETWEEN, Operator.IN, Operator.IS_NULL};
        }
    }

    private Filter within(Field f) {
        LocalDate a = RandomShopData.day(random);
        LocalDate b = random.nextInt(4) == 0 ? a.plusDays(random.nextInt(3)) : RandomShopData.day(random);
        if (b.isBefore(a) && (strict || random.nextBoolean())) {
            LocalDate t = a;
            a = b;
            b = t;
        }
        return new Within(f.name(), new TimeRange.Between(a, b));
    }

    private Filter compare(Field f, Operator op) {
        if (op == Operator.IS_NULL) {
            return new Compare(f.name(), op, List.of(), false);
        }
        int count = op == Operator.BETWEEN ? 2 : op == Operator.IN ? 1 + random.nextInt(random.nextInt(8) == 0 ? 130 : 4) : 1;
        if (strict && op == Operator.IN) {
            count = Math.min(count, 100);
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values.add(value(f, op));
        }
        if (op == Operator.BETWEEN && (strict || random.nextInt(3) > 0)
                && io.promoagent.schema.eval.Values.compare(values.get(0), values.get(1)) > 0) {
            values = List.of(values.get(1), values.get(0));
        }
        boolean ignoreCase = (f.type() == FieldType.STRING || (!strict && f.type() == FieldType.ENUM))
                && random.nextInt(4) == 0;
        return new Compare(f.name(), op, values, ignoreCase);
    }

    private Object value(Field f, Operator op) {
        List<Object> known = pool.getOrDefault(f.name(), List.of());
        if (!strict && random.nextInt(25) == 0) {
            return random.nextBoolean() ? "" : new BigDecimal("7"); // a value of another type, or an empty string
        }
        switch (f.type()) {
            case BOOLEAN:
                return random.nextBoolean();
            case ENUM:
                return f.values().get(random.nextInt(f.values().size())).value();
            case NUMBER:
            case INTEGER:
                if (!known.isEmpty() && random.nextBoolean()) {
                    return known.get(random.nextInt(known.size()));
                }
                return f.type() == FieldType.INTEGER ? BigDecimal.valueOf(random.nextInt(25))
                        : RandomShopData.NUMBERS.get(random.nextInt(RandomShopData.NUMBERS.size()));
            case DATE:
                if (!known.isEmpty() && random.nextBoolean()) {
                    return known.get(random.nextInt(known.size()));
                }
                return RandomShopData.day(random).toString();
            default: {
                String s = !known.isEmpty() && random.nextInt(3) > 0 ? (String) known.get(random.nextInt(known.size()))
                        : RandomShopData.WORDS.get(random.nextInt(RandomShopData.WORDS.size()));
                if (strict && s.isEmpty()) {
                    s = "x";
                }
                int variant = random.nextInt(6);
                if (variant == 0) {
                    s = s.toUpperCase(Locale.ROOT);
                } else if (variant == 1 && (op == Operator.BEGINS_WITH || op == Operator.CONTAINS) && s.length() > 1) {
                    int from = op == Operator.CONTAINS ? random.nextInt(s.length() - 1) : 0;
                    s = s.substring(from, from + 1 + random.nextInt(s.length() - from - 1));
                }
                return s;
            }
        }
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
