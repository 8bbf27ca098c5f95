package io.promoagent.dynamodb.internal.compile;

import io.promoagent.dynamodb.internal.compile.AccessPath.Fanout;
import io.promoagent.dynamodb.item.AttributeValues;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.model.Bucket;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Index;
import io.promoagent.schema.model.Key;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Chooses the cheapest correct way to reach the items of a query, in this order: GetItem on the full
 * table key; BatchGetItem for an {@code in} list on it; Query on the table or an index with equality on
 * its partition key (sort-key conditions in the key condition); one Query per value of a short {@code in}
 * list on a partition key; one Query per bucket for a date range over a bucketed index; one Query per
 * value of an enum partition key under a sort-key condition; one Query per value of a long {@code in}
 * list; and a Scan only when nothing else serves.
 *
 * <p>What the path does not guarantee stays a condition: in the filter expression when DynamoDB can
 * evaluate it there, otherwise in memory on the returned items (case-insensitive comparisons, timestamps'
 * days, and conditions on the key attributes of the queried index, which a filter may not name).
 */
public final class AccessPathPlanner {

    /** An {@code in} list up to this long is served by one query per value before any other fan-out. */
    public static final int SHORT_KEY_SET = 100;
    /** The longest {@code in} list served by one query per value rather than a scan. */
    public static final int LONG_KEY_SET = 5_000;
    /** The most buckets a date range may cover to be served by one query per bucket. */
    public static final int MAX_BUCKETS = 120;
    /** The most declared values an enum partition key may have to be served by one query per value. */
    public static final int MAX_ENUM_VALUES = 10;
    /** DynamoDB limits every expression to 4 KB; longer filters keep their largest parts in memory. */
    public static final int MAX_FILTER_LENGTH = 4_000;

    /** The table key or a secondary index, as a target of key conditions. */
    private record Target(Optional<String> index, Key key) {
    }

    /** The key condition found for a sort key, and the conjuncts it makes redundant. */
    private record SortPick(SortCondition condition, List<Condition> consumed) {
    }

    /** A chosen path and the conjuncts it guarantees. */
    private record Choice(AccessPath path, List<Condition> consumed, Set<String> keyAttributes) {
    }

    private final CapacityEstimator estimator;
    private final boolean sparseIndexes;

    /**
     * A planner comparing key lookups with other paths by {@code estimator}'s read units.
     *
     * @param sparseIndexes whether items may lack the key attributes of an index (and so be missing from
     *                      it); if so, an index is used only when the filter proves its key attributes are
     *                      present; if not, every item is assumed to be in every index of its table
     */
    public AccessPathPlanner(CapacityEstimator estimator, boolean sparseIndexes) {
        this.estimator = estimator;
        this.sparseIndexes = sparseIndexes;
    }

    /** Plans a query over {@code entity} without table statistics: the fixed order of paths, scans allowed. */
    public QueryPlan plan(Entity entity, Condition condition, List<String> fields, OptionalInt limit) {
        return plan(entity, condition, fields, limit, Optional::empty);
    }

    /**
     * Plans a query over {@code entity}: the items meeting {@code condition}, with {@code fields} (empty:
     * all). When statistics are known, a lookup of many keys gives way to a query that reads less
     * (BatchGetItem charges every item at least 4 KB, a Query charges the 4 KB pages it reads).
     */
    public QueryPlan plan(Entity entity, Condition condition, List<String> fields, OptionalInt limit,
                          Supplier<Optional<TableStats>> stats) {
        if (condition instanceof Condition.Constant k && !k.value()) {
            return new QueryPlan(entity, new AccessPath.NoRead("the filter holds for no item"), Optional.empty(),
                    Optional.empty(), List.of(), returned(entity, fields), limit);
        }
        if (limit.isPresent() && limit.getAsInt() <= 0) {
            return new QueryPlan(entity, new AccessPath.NoRead("the limit is 0"), Optional.empty(),
                    Optional.empty(), List.of(), returned(entity, fields), limit);
        }
        List<Condition> conjuncts = Conditions.conjuncts(condition);
        Optional<Choice> lookup = keyLookup(entity, conjuncts);
        if (lookup.isEmpty()) {
            return finish(entity, otherPaths(entity, conjuncts), conjuncts, fields, limit);
        }
        QueryPlan byKey = finish(entity, lookup.get(), conjuncts, fields, limit);
        if (!(lookup.get().path() instanceof AccessPath.KeyLookup k) || k.keys().size() == 1) {
            return byKey;
        }
        Optional<TableStats> known = stats.get();
        if (known.isEmpty()) {
            return byKey;
        }
        Choice other = otherPaths(entity, conjuncts);
        if (other.path() instanceof AccessPath.TableScan) {
            return byKey; // a scan is the last resort, even where a small table makes it look cheap
        }
        QueryPlan alternative = finish(entity, other, conjuncts, fields, limit);
        return estimator.estimate(alternative, known) < estimator.estimate(byKey, known) ? alternative : byKey;
    }

    private Choice otherPaths(Entity entity, List<Condition> conjuncts) {
        return partitionEquality(entity, conjuncts)
                .or(() -> keySet(entity, conjuncts, SHORT_KEY_SET))
                .or(() -> buckets(entity, conjuncts))
                .or(() -> enumValues(entity, conjuncts))
                .or(() -> keySet(entity, conjuncts, LONG_KEY_SET))
                .orElseGet(() -> new Choice(new AccessPath.TableScan(advice(entity, conjuncts)), List.of(), Set.of()));
    }

    // ---- 1. GetItem / BatchGetItem on the table key -------------------------------------------------

    private Optional<Choice> keyLookup(Entity entity, List<Condition> conjuncts) {
        Key key = entity.key();
        Optional<Equality> partition = equality(entity, conjuncts, key.partition(), true);
        if (partition.isEmpty()) {
            return Optional.empty();
        }
        List<Condition> consumed = new ArrayList<>(List.of(partition.get().leaf()));
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        if (key.sort().isEmpty()) {
            for (Object p : partition.get().values()) {
                keys.add(Map.of(key.partition(), AttributeValues.of(p)));
            }
        } else {
            String sortAttribute = key.sort().get();
            Optional<Equality> sort = equality(entity, conjuncts, sortAttribute, true);
            if (sort.isEmpty()) {
                return Optional.empty();
            }
            consumed.add(sort.get().leaf());
            for (Object p : partition.get().values()) {
                for (Object s : sort.get().values()) {
                    Map<String, AttributeValue> k = new LinkedHashMap<>();
                    k.put(key.partition(), AttributeValues.of(p));
                    k.put(sortAttribute, AttributeValues.of(s));
                    keys.add(k);
                }
            }
        }
        if (keys.isEmpty()) {
            return Optional.of(noRead("no key value can exist (keys are never empty strings)"));
        }
        return Optional.of(new Choice(new AccessPath.KeyLookup(keys), consumed, Set.of()));
    }

    // ---- 2. Query with equality on a partition key ----------------------------------------------------

    private Optional<Choice> partitionEquality(Entity entity, List<Condition> conjuncts) {
        Choice best = null;
        int bestScore = -1;
        for (Target t : targets(entity, conjuncts)) {
            if (t.index().isEmpty() && t.key().sort().isEmpty()) {
                continue; // equality on a sort-less table key is a key lookup, tried before
            }
            Optional<Equality> eq = equality(entity, conjuncts, t.key().partition(), false);
            if (eq.isEmpty()) {
                continue;
            }
            Optional<SortPick> sort = sortPick(entity, conjuncts, t);
            // An enum partition holds a large share of the table; any other equality is usually selective.
            int score = (isEnum(entity, t.key().partition()) ? 0 : 2) + (sort.isPresent() ? 1 : 0);
            if (score > bestScore) {
                bestScore = score;
                best = query(t, eq.get().values(), sort, Fanout.PARTITION, List.of(eq.get().leaf()));
            }
        }
        return Optional.ofNullable(best);
    }

    // ---- 3 and 6. One query per value of an in list on a partition key -------------------------------

    private Optional<Choice> keySet(Entity entity, List<Condition> conjuncts, int maxValues) {
        Choice best = null;
        int bestCount = Integer.MAX_VALUE;
        for (Target t : targets(entity, conjuncts)) {
            if (t.index().isEmpty() && t.key().sort().isEmpty()) {
                continue;
            }
            Optional<Equality> in = equality(entity, conjuncts, t.key().partition(), true);
            if (in.isEmpty() || in.get().values().size() > maxValues) {
                continue;
            }
            int count = in.get().values().size();
            if (count < bestCount) {
                bestCount = count;
                best = query(t, in.get().values(), sortPick(entity, conjuncts, t), Fanout.KEY_SET,
                        List.of(in.get().leaf()));
            }
        }
        return Optional.ofNullable(best);
    }

    // ---- 4. One query per bucket of a date range -------------------------------------------------------

    private Optional<Choice> buckets(Entity entity, List<Condition> conjuncts) {
        for (Target t : targets(entity, conjuncts)) {
            Optional<Bucket> bucket = entity.field(t.key().partition()).flatMap(Field::bucket);
            if (bucket.isEmpty() || entity.field(bucket.get().of()).map(Field::type).orElse(null) != FieldType.DATE) {
                continue;
            }
            Optional<LocalDate[]> range = dateRange(conjuncts, bucket.get().of());
            if (range.isEmpty()) {
                continue;
            }
            Optional<List<String>> covered = Buckets.covering(range.get()[0], range.get()[1], bucket.get().unit(),
                    MAX_BUCKETS);
            if (covered.isEmpty()) {
                continue;
            }
            if (covered.get().isEmpty()) {
                return Optional.of(noRead("the date range on " + bucket.get().of() + " is empty"));
            }
            return Optional.of(query(t, new ArrayList<>(covered.get()), sortPick(entity, conjuncts, t), Fanout.BUCKETS,
                    List.of()));
        }
        return Optional.empty();
    }

    /** The first and last day the conjuncts allow for a date field, when both are bounded. */
    private static Optional<LocalDate[]> dateRange(List<Condition> conjuncts, String field) {
        LocalDate from = null;
        LocalDate to = null;
        for (Condition c : conjuncts) {
            if (!(c instanceof Condition.Leaf l) || !l.field().equals(field) || l.ignoreCase()) {
                continue;
            }
            List<LocalDate> days = new ArrayList<>();
            for (Object v : l.values()) {
                Optional<LocalDate> d = date(v);
                if (d.isEmpty()) {
                    days = null;
                    break;
                }
                days.add(d.get());
            }
            if (days == null) {
                continue;
            }
            LocalDate lower = null;
            LocalDate upper = null;
            switch (l.op()) {
                case EQ:
                    lower = days.get(0);
                    upper = days.get(0);
                    break;
                case GT:
                case GTE:
                    lower = days.get(0);
                    break;
                case LT:
                case LTE:
                    upper = days.get(0);
                    break;
                case BETWEEN:
                    lower = days.get(0);
                    upper = days.get(1);
                    break;
                default:
                    break;
            }
            if (lower != null && (from == null || lower.isAfter(from))) {
                from = lower;
            }
            if (upper != null && (to == null || upper.isBefore(to))) {
                to = upper;
            }
        }
        return from == null || to == null ? Optional.empty() : Optional.of(new LocalDate[] {from, to});
    }

    private static Optional<LocalDate> date(Object v) {
        if (!(v instanceof String s) || s.length() != 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    // ---- 5. One query per declared value of an enum partition key -------------------------------------

    private Optional<Choice> enumValues(Entity entity, List<Condition> conjuncts) {
        Choice best = null;
        int bestCount = Integer.MAX_VALUE;
        for (Target t : targets(entity, conjuncts)) {
            Optional<Field> partition = entity.field(t.key().partition());
            if (partition.isEmpty() || partition.get().type() != FieldType.ENUM) {
                continue;
            }
            List<Object> values = new ArrayList<>();
            for (EnumValue v : partition.get().values()) {
                if (!v.value().isEmpty()) {
                    values.add(v.value());
                }
            }
            if (values.isEmpty() || values.size() > MAX_ENUM_VALUES || values.size() >= bestCount) {
                continue;
            }
            // Without a sort-key condition every value's partition is read whole: no better than a scan.
            Optional<SortPick> sort = sortPick(entity, conjuncts, t);
            if (sort.isPresent()) {
                bestCount = values.size();
                best = query(t, values, sort, Fanout.ENUM_VALUES, List.of());
            }
        }
        return Optional.ofNullable(best);
    }

    // ---- sort-key conditions ----------------------------------------------------------------------------

    /**
     * The key condition on the target's sort key: equality if there is one, else the tightest range (two
     * bounds as an inclusive BETWEEN), else begins_with. The conjuncts the condition implies are consumed;
     * the others on the sort key stay, to be checked in memory.
     */
    private Optional<SortPick> sortPick(Entity entity, List<Condition> conjuncts, Target t) {
        if (t.key().sort().isEmpty()) {
            return Optional.empty();
        }
        String attribute = t.key().sort().get();
        Optional<Field> field = entity.field(attribute);
        boolean text = field.map(f -> f.type().isTextual()).orElse(false);
        if (field.isEmpty() || AttributeValues.keyType(field.get().type()).isEmpty()) {
            return Optional.empty();
        }
        List<Condition.Leaf> leaves = new ArrayList<>();
        for (Condition c : conjuncts) {
            if (c instanceof Condition.Leaf l && l.field().equals(attribute) && !l.ignoreCase()
                    && l.values().stream().allMatch(AccessPathPlanner::usableKeyValue)) {
                leaves.add(l);
            }
        }
        for (Condition.Leaf l : leaves) {
            if (l.op() == Operator.EQ) {
                return Optional.of(new SortPick(new SortCondition(attribute, Operator.EQ, l.values()), List.of(l)));
            }
        }
        Bound lower = null;
        Bound upper = null;
        for (Condition.Leaf l : leaves) {
            switch (l.op()) {
                case GT:
                case GTE:
                    lower = Bound.tighterLower(lower, new Bound(l.value(), l.op() == Operator.GT));
                    break;
                case LT:
                case LTE:
                    upper = Bound.tighterUpper(upper, new Bound(l.value(), l.op() == Operator.LT));
                    break;
                case BETWEEN:
                    lower = Bound.tighterLower(lower, new Bound(l.values().get(0), false));
                    upper = Bound.tighterUpper(upper, new Bound(l.values().get(1), false));
                    break;
                default:
                    break;
            }
        }
        SortCondition condition = null;
        if (lower != null && upper != null) {
            if (io.promoagent.schema.eval.Values.compare(lower.value(), upper.value()) > 0) {
                // Contradictory bounds: keep them all as conditions; the empty BETWEEN below would be refused.
                return Optional.empty();
            }
            condition = new SortCondition(attribute, Operator.BETWEEN, List.of(lower.value(), upper.value()));
            lower = new Bound(lower.value(), false);
            upper = new Bound(upper.value(), false);
        } else if (lower != null) {
            condition = new SortCondition(attribute, lower.strict() ? Operator.GT : Operator.GTE, List.of(lower.value()));
        } else if (upper != null) {
            condition = new SortCondition(attribute, upper.strict() ? Operator.LT : Operator.LTE, List.of(upper.value()));
        }
        if (condition != null) {
            List<Condition> consumed = new ArrayList<>();
            for (Condition.Leaf l : leaves) {
                if (Bound.implies(lower, upper, l)) {
                    consumed.add(l);
                }
            }
            return Optional.of(new SortPick(condition, consumed));
        }
        if (text) {
            for (Condition.Leaf l : leaves) {
                if (l.op() == Operator.BEGINS_WITH) {
                    return Optional.of(new SortPick(new SortCondition(attribute, Operator.BEGINS_WITH, l.values()),
                            List.of(l)));
                }
            }
        }
        return Optional.empty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** The values an equality ({@code eq}, or {@code in} when allowed) fixes for a key attribute. */
    private record Equality(Condition.Leaf leaf, List<Object> values) {
    }

    private static Optional<Equality> equality(Entity entity, List<Condition> conjuncts, String attribute,
                                               boolean allowIn) {
        Optional<Field> field = entity.field(attribute);
        if (field.isEmpty() || AttributeValues.keyType(field.get().type()).isEmpty()) {
            return Optional.empty();
        }
        Condition.Leaf in = null;
        for (Condition c : conjuncts) {
            if (c instanceof Condition.Leaf l && l.field().equals(attribute) && !l.ignoreCase()) {
                if (l.op() == Operator.EQ) {
                    return Optional.of(new Equality(l, usableKeyValues(l.values())));
                }
                if (l.op() == Operator.IN && in == null) {
                    in = l;
                }
            }
        }
        if (allowIn && in != null) {
            return Optional.of(new Equality(in, usableKeyValues(in.values())));
        }
        return Optional.empty();
    }

    /** Key attributes are never empty strings, so such an operand matches no item and is dropped. */
    private static List<Object> usableKeyValues(List<Object> values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            if (usableKeyValue(v)) {
                out.add(v);
            }
        }
        return out;
    }

    private static boolean usableKeyValue(Object v) {
        return !(v instanceof String s) || !s.isEmpty();
    }

    private static boolean isEnum(Entity entity, String attribute) {
        return entity.field(attribute).map(f -> f.type() == FieldType.ENUM).orElse(false);
    }

    /**
     * The table and the indexes that hold every item the conjuncts can select. An index holds only the
     * items having its key attributes; unless told indexes are sparse, every item is assumed to have them.
     */
    private List<Target> targets(Entity entity, List<Condition> conjuncts) {
        List<Target> out = new ArrayList<>();
        out.add(new Target(Optional.empty(), entity.key()));
        Set<String> present = sparseIndexes ? present(entity, conjuncts) : null;
        for (Index i : entity.indexes()) {
            boolean covers = present == null || (present.contains(i.key().partition())
                    && i.key().sort().map(present::contains).orElse(true));
            if (covers) {
                out.add(new Target(Optional.of(i.name()), i.key()));
            }
        }
        return out;
    }

    /**
     * The attributes every selected item has: a comparison other than is_null is false on an absent
     * attribute, and a bucket field is present wherever its date is (loader and writer derive it).
     */
    private static Set<String> present(Entity entity, List<Condition> conjuncts) {
        Set<String> out = new LinkedHashSet<>();
        for (Condition c : conjuncts) {
            if (c instanceof Condition.Leaf l && l.op() != Operator.IS_NULL) {
                out.add(l.field());
            } else if (c instanceof Condition.TimestampWithin t) {
                out.add(t.field());
            }
        }
        for (Field f : entity.fields()) {
            if (f.bucket().isPresent() && out.contains(f.bucket().get().of())) {
                out.add(f.name());
            }
        }
        return out;
    }

    private static Choice query(Target t, List<Object> partitionValues, Optional<SortPick> sort, Fanout fanout,
                                List<Condition> consumedByPartition) {
        if (partitionValues.isEmpty()) {
            return noRead("no partition key value can exist (keys are never empty strings)");
        }
        List<Condition> consumed = new ArrayList<>(consumedByPartition);
        sort.ifPresent(s -> consumed.addAll(s.consumed()));
        Set<String> keyAttributes = new LinkedHashSet<>();
        keyAttributes.add(t.key().partition());
        t.key().sort().ifPresent(keyAttributes::add);
        AccessPath path = new AccessPath.IndexQuery(t.index(), t.key().partition(), partitionValues,
                sort.map(SortPick::condition), fanout);
        return new Choice(path, consumed, keyAttributes);
    }

    private static Choice noRead(String reason) {
        return new Choice(new AccessPath.NoRead(reason), List.of(), Set.of());
    }

    /** What would let the query avoid a scan, for the error a refused scan raises. */
    private static String advice(Entity entity, List<Condition> conjuncts) {
        List<String> keyed = new ArrayList<>();
        keyed.add("the table key (" + entity.key().partition() + ")");
        for (Index i : entity.indexes()) {
            keyed.add(i.name() + " (" + i.key().partition() + ")");
        }
        Set<String> equalities = new LinkedHashSet<>();
        for (Condition c : conjuncts) {
            if (c instanceof Condition.Leaf l && !l.ignoreCase() && (l.op() == Operator.EQ || l.op() == Operator.IN)) {
                equalities.add(l.field());
            }
        }
        String needs = "no equality on the partition key of " + String.join(", ", keyed);
        if (equalities.isEmpty()) {
            return needs + "; no index would serve it, because it has no equality condition";
        }
        return needs + "; an index with partition key '" + equalities.iterator().next() + "' would serve it";
    }

    // ---- finishing: filter, residual, projection -----------------------------------------------------------

    private QueryPlan finish(Entity entity, Choice choice, List<Condition> conjuncts, List<String> fields,
                             OptionalInt limit) {
        if (choice.path() instanceof AccessPath.NoRead) {
            return new QueryPlan(entity, choice.path(), Optional.empty(), Optional.empty(), List.of(),
                    returned(entity, fields), limit);
        }
        Set<Condition> consumed = Collections.newSetFromMap(new IdentityHashMap<>());
        consumed.addAll(choice.consumed());
        boolean filterable = !(choice.path() instanceof AccessPath.KeyLookup);
        List<Condition> filter = new ArrayList<>();
        List<Condition> residual = new ArrayList<>();
        for (Condition c : conjuncts) {
            if (consumed.contains(c)) {
                continue;
            }
            boolean namesKey = Conditions.fields(c).stream().anyMatch(choice.keyAttributes()::contains);
            if (filterable && !namesKey && ExpressionBuilder.expressible(c)) {
                filter.add(c);
            } else {
                residual.add(c);
            }
        }
        shortenFilter(filter, residual);
        Optional<Condition> filterCondition = filter.isEmpty() ? Optional.empty() : Optional.of(Conditions.all(filter));
        Optional<Condition> residualCondition = residual.isEmpty() ? Optional.empty()
                : Optional.of(Conditions.all(residual));
        List<String> returned = returned(entity, fields);
        List<String> projection = new ArrayList<>();
        if (!returned.isEmpty()) {
            Set<String> p = new LinkedHashSet<>(returned);
            residualCondition.ifPresent(r -> p.addAll(Conditions.fields(r)));
            projection.addAll(p);
        }
        return new QueryPlan(entity, choice.path(), filterCondition, residualCondition, projection, returned, limit);
    }

    /** Moves the longest parts of a filter to memory until the expression fits DynamoDB's 4 KB limit. */
    private static void shortenFilter(List<Condition> filter, List<Condition> residual) {
        while (!filter.isEmpty()) {
            ExpressionBuilder probe = new ExpressionBuilder();
            int total = 0;
            int longest = -1;
            int longestLength = -1;
            for (int i = 0; i < filter.size(); i++) {
                int length = probe.filter(filter.get(i)).length() + 5;
                total += length;
                if (length > longestLength) {
                    longestLength = length;
                    longest = i;
                }
            }
            if (total <= MAX_FILTER_LENGTH) {
                return;
            }
            residual.add(filter.remove(longest));
        }
    }

    /** The attributes each row carries: the fields asked for and the table key; empty (all) when none asked. */
    private static List<String> returned(Entity entity, List<String> fields) {
        if (fields.isEmpty()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>(fields);
        out.add(entity.key().partition());
        entity.key().sort().ifPresent(out::add);
        return List.copyOf(out);
    }
}
