package io.promoagent.schema.engine;

import io.promoagent.schema.eval.FieldPath;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.PushedQuery;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.WholeQuerySource;
import io.promoagent.schema.time.TimeResolver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Aggregates before crossing: an aggregate query whose entity lives in a source that runs whole queries
 * (PostgreSQL) but which groups by fields of an entity in another source, reached through many-to-one
 * relationships ({@code customer.segment} of orders), runs as one statement grouped by the join key, then
 * looks the other side up in batches for the rows that statement returns, instead of streaming every
 * record across.
 *
 * <p>Two forms. When every group holds exactly one join key (the query groups by the join field itself,
 * before any field read through it) and neither order nor having names a field read through it, the
 * statement is the query itself without those group keys: its aggregates, having, order and limit all run in
 * the source, and only the rows it returns are looked up ("top 10 customers by revenue with their segment":
 * 10 look-ups). Otherwise the statement computes partial aggregates per join key (sum, count, minimum,
 * maximum; an average as sum and count; a distinct count only of a field grouped by), and the engine
 * combines them per group after the look-ups. A query with a construct that does not decompose (a median,
 * a filter on another source's records, an aggregate of another entity's field) runs the usual way, and its
 * explanation says why.
 */
final class PreAggregation {

    private static final String PARTIAL = "_p";
    private static final String NUMBERS = "_n";

    private PreAggregation() {
    }

    /** How the query runs: the statement handed to the source, and how its rows become the result. */
    private record Plan(Query inner, List<String> innerColumns, boolean oneKeyPerGroup, AggregatePlan aggregates,
                        List<FieldPath> lookups, List<Filter> local, List<Related> semiJoins, String note) {
    }

    /** A plan, or why the query does not decompose; neither when it does not cross from a whole-query source. */
    private record Outcome(Optional<Plan> plan, Optional<String> refusal) {
        static final Outcome NOT_APPLICABLE = new Outcome(Optional.empty(), Optional.empty());

        static Outcome refused(String why) {
            return new Outcome(Optional.empty(), Optional.of("not aggregated before crossing: " + why));
        }
    }

    /**
     * Runs the query aggregated before crossing; empty when it does not apply, with the reason (if any) in
     * {@code notes}.
     */
    static OptionalLong run(Execution ex, TimeResolver time, Query query, Optional<Filter> where,
                            List<String> notes, Consumer<? super Row> sink) {
        Outcome outcome = plan(ex, query, where);
        outcome.refusal().ifPresent(notes::add);
        if (outcome.plan().isEmpty()) {
            return OptionalLong.empty();
        }
        Plan plan = outcome.plan().get();
        Entity entity = ex.model.requireEntity(query.entity());
        WholeQuerySource source = (WholeQuerySource) ex.source(entity);
        List<Filter> conditions = new ArrayList<>(plan.local());
        List<String> keyNotes = new ArrayList<>();
        for (Related r : plan.semiJoins()) {
            Navigation nav = ex.model.navigation(entity.name(), r.via()).orElseThrow();
            List<Object> keys = new ArrayList<>();
            ex.reader.counts(entity.name(), entity, r).forEach((key, n) -> {
                if (r.count().test(n)) {
                    keys.add(key);
                }
            });
            keys.sort(Values::compare);
            conditions.add(new Compare(nav.localField(), Operator.IN, keys, false));
            keyNotes.add(String.format(Locale.ROOT, "semi-join: %s in %,d keys read from %s", nav.localField(),
                    keys.size(), nav.to()));
        }
        Optional<SourceCursor> opened = source.open(pushed(ex, plan, Filters.and(conditions)));
        if (opened.isEmpty()) {
            notes.add("not aggregated before crossing: the source declined the grouped statement");
            return OptionalLong.empty();
        }
        SourceCursor cursor = opened.get();
        PathLookup lookup = new PathLookup(ex, entity.name(), plan.lookups());
        Grouping grouping = new Grouping(query, plan.aggregates(), lookup, null);
        long handed = 0;
        try {
            List<String> callNotes = new ArrayList<>(keyNotes);
            callNotes.add(plan.note());
            ex.whole(entity, cursor, callNotes);
            List<Row> chunk = new ArrayList<>();
            while (cursor.hasNext()) {
                chunk.add(cursor.next());
                if (chunk.size() == AggregateQuery.CHUNK || !cursor.hasNext()) {
                    lookup.prefetch(chunk);
                    for (Row row : chunk) {
                        if (plan.oneKeyPerGroup()) {
                            // the statement ordered and limited the groups: each is handed on as it comes
                            sink.accept(complete(query, plan, lookup, row));
                            handed++;
                        } else {
                            combine(query, plan, lookup, grouping, row);
                        }
                    }
                    chunk.clear();
                    // the statement returns one row per join key (and group): a record looked up for this chunk
                    // is rarely needed again, so memory stays one chunk's look-ups, not every key's
                    lookup.forget();
                }
            }
        } finally {
            ex.closed(cursor);
        }
        if (!plan.oneKeyPerGroup()) {
            List<Row> groups = grouping.rows(ex.model, time);
            groups.forEach(sink);
            handed = groups.size();
        }
        return OptionalLong.of(handed);
    }

    /** Plans the query without reading; false when it runs the usual way (with the reason in {@code notes}). */
    static boolean explain(Execution ex, Query query, Optional<Filter> where, List<String> notes) {
        Outcome outcome = plan(ex, query, where);
        outcome.refusal().ifPresent(notes::add);
        if (outcome.plan().isEmpty()) {
            return false;
        }
        Plan plan = outcome.plan().get();
        Entity entity = ex.model.requireEntity(query.entity());
        List<Filter> conditions = new ArrayList<>(plan.local());
        List<String> keyNotes = new ArrayList<>();
        for (Related r : plan.semiJoins()) {
            Navigation nav = ex.model.navigation(entity.name(), r.via()).orElseThrow();
            ex.reader.explainCounts(entity.name(), entity, r);
            // the keys are only known while running: the statement is explained without them, an upper bound
            keyNotes.add("semi-join: " + nav.localField() + " in (keys read from " + nav.to() + " first), one"
                    + " array parameter; explained without it, so the row estimate is an upper bound");
        }
        Optional<Explanation> statement = ((WholeQuerySource) ex.source(entity)).explain(
                pushed(ex, plan, Filters.and(conditions)));
        if (statement.isEmpty()) {
            notes.add("not aggregated before crossing: the source declined the grouped statement");
            return false;
        }
        OptionalLong rows = statement.get().estimatedRows();
        ex.plan(statement.get().withNotes(keyNotes).withNotes(List.of(plan.note())));
        new PathLookup(ex, entity.name(), plan.lookups()).explain(rows);
        return true;
    }

    private static PushedQuery pushed(Execution ex, Plan plan, Optional<Filter> where) {
        return new PushedQuery(ex.model, plan.inner(), where, plan.innerColumns(), ex.preparation::prepare,
                ex.time.today());
    }

    private static Outcome plan(Execution ex, Query query, Optional<Filter> where) {
        DataModel model = ex.model;
        Entity entity = model.requireEntity(query.entity());
        if (!(ex.source(entity) instanceof WholeQuerySource)) {
            return Outcome.NOT_APPLICABLE;
        }
        AggregatePlan ap = AggregatePlan.of(model, ex.preparation, query);
        List<FieldPath> crossing = ap.paths().stream().filter(p -> crosses(model, entity, p)).toList();
        if (crossing.isEmpty()) {
            return Outcome.NOT_APPLICABLE;
        }
        if (!query.having().isEmpty() && names(model, query, query.having().get(), ap)) {
            return Outcome.refused("having names a field of another source");
        }
        List<Filter> local = new ArrayList<>();
        List<Related> semiJoins = new ArrayList<>();
        for (Filter c : Filters.conjuncts(where)) {
            if (withinSource(model, entity, c)) {
                local.add(c);
            } else if (c instanceof Related r && !r.count().test(0)) {
                semiJoins.add(r); // its keys are read first and pushed into the statement
            } else {
                return Outcome.refused("the filter reads records of another source under or, not or a count that"
                        + " no related record meets");
            }
        }
        for (AggregatePlan.Leaf leaf : ap.leaves) {
            if (leaf.field().filter(FieldPath::isPath).isPresent()) {
                return Outcome.refused("an aggregate reads a field of another entity");
            }
            if (leaf.where().isPresent() && !withinSource(model, entity, leaf.where().get())) {
                return Outcome.refused("a measure's filter reads records of another source");
            }
        }
        String joins = String.join(", ", crossing.stream().map(FieldPath::localField).distinct().toList());
        String others = String.join(", ", crossing.stream().map(p -> p.hops().get(0).to()).distinct().toList());
        List<FieldPath> lookups = ap.groupPaths.stream().filter(FieldPath::isPath).toList();
        if (oneKeyPerGroup(query, ap)) {
            List<GroupBy> groups = new ArrayList<>();
            for (int i = 0; i < query.groupBy().size(); i++) {
                if (!ap.groupPaths.get(i).isPath()) {
                    groups.add(query.groupBy().get(i));
                }
            }
            Query inner = new Query(query.entity(), List.of(), query.where(), groups, query.aggregates(),
                    query.having(), query.orderBy(), query.limit());
            List<String> columns = new ArrayList<>(groups.stream().map(GroupBy::alias).toList());
            query.aggregates().forEach(a -> columns.add(a.alias()));
            String note = "aggregated before crossing: one group per " + joins + ", so grouping, aggregates"
                    + (query.orderBy().isEmpty() ? "" : ", order") + (query.limit().isPresent() ? ", limit" : "")
                    + " run in " + entity.source() + "; then " + others + " looked up for the rows returned";
            return new Outcome(Optional.of(new Plan(inner, columns, true, ap, lookups, local, semiJoins, note)),
                    Optional.empty());
        }
        Map<String, GroupBy> groups = new LinkedHashMap<>();
        for (int i = 0; i < query.groupBy().size(); i++) {
            GroupBy g = ap.groupPaths.get(i).isPath() ? GroupBy.of(ap.groupPaths.get(i).localField())
                    : query.groupBy().get(i);
            GroupBy known = groups.putIfAbsent(g.alias(), g);
            if (known != null && !known.equals(g)) {
                return Outcome.refused("two group keys are named " + g.alias());
            }
        }
        List<Aggregate> partials = new ArrayList<>();
        for (int j = 0; j < ap.leaves.size(); j++) {
            AggregatePlan.Leaf leaf = ap.leaves.get(j);
            Optional<String> field = leaf.field().map(p -> p.field().name());
            switch (leaf.function()) {
                case COUNT -> partials.add(partial(AggregateFunction.COUNT, Optional.empty(), leaf.where(), PARTIAL + j));
                case SUM, MIN, MAX -> partials.add(partial(leaf.function(), field, leaf.where(), PARTIAL + j));
                case AVG -> {
                    partials.add(partial(AggregateFunction.SUM, field, leaf.where(), PARTIAL + j));
                    partials.add(partial(AggregateFunction.COUNT, Optional.empty(), present(field.get(), leaf.where()),
                            NUMBERS + j));
                }
                case COUNT_DISTINCT -> {
                    GroupBy g = groups.get(field.get());
                    if (g == null || g.truncate().isPresent()) {
                        return Outcome.refused("a distinct count of " + field.get() + ", which is not a group key");
                    }
                    partials.add(partial(AggregateFunction.COUNT, Optional.empty(), present(field.get(), leaf.where()),
                            PARTIAL + j));
                }
                default -> {
                    return Outcome.refused("a " + leaf.function().jsonName() + " does not combine from parts");
                }
            }
        }
        if (groups.keySet().stream().anyMatch(a -> a.startsWith(PARTIAL) || a.startsWith(NUMBERS))) {
            return Outcome.refused("a group key's name is reserved for partial aggregates");
        }
        Query inner = new Query(query.entity(), List.of(), query.where(), List.copyOf(groups.values()), partials,
                Optional.empty(), List.of(), OptionalInt.empty());
        List<String> columns = new ArrayList<>(groups.keySet());
        partials.forEach(a -> columns.add(a.alias()));
        String note = "aggregated before crossing: grouped by " + String.join(", ", groups.keySet()) + " in "
                + entity.source() + " with partial aggregates (" + describe(ap) + "); then " + others
                + " looked up per " + joins + " and the parts combined per group";
        return new Outcome(Optional.of(new Plan(inner, columns, false, ap, lookups, local, semiJoins, note)),
                Optional.empty());
    }

    private static String describe(AggregatePlan ap) {
        return String.join(", ", ap.leaves.stream().map(l -> l.function().jsonName()
                + l.field().map(f -> "(" + f.name() + ")").orElse("")).distinct().toList());
    }

    /**
     * Whether each group of the result holds one join key: every hop of a group key read through a
     * relationship starts at a field the query groups by plainly, before the first such key; and neither
     * order nor having names a key read through a relationship (so that they can run before the look-ups).
     */
    private static boolean oneKeyPerGroup(Query query, AggregatePlan ap) {
        int first = -1;
        for (int i = 0; i < ap.groupPaths.size() && first < 0; i++) {
            if (ap.groupPaths.get(i).isPath()) {
                first = i;
            }
        }
        if (first < 0) {
            return false; // only aggregates read through relationships; the partial form refuses those
        }
        Set<String> plainBefore = new HashSet<>();
        for (int i = 0; i < first; i++) {
            if (!ap.groupPaths.get(i).isPath() && query.groupBy().get(i).truncate().isEmpty()) {
                plainBefore.add(ap.groupPaths.get(i).field().name());
            }
        }
        Set<String> pathAliases = new HashSet<>();
        for (int i = 0; i < ap.groupPaths.size(); i++) {
            FieldPath p = ap.groupPaths.get(i);
            if (p.isPath()) {
                if (!plainBefore.contains(p.localField())) {
                    return false;
                }
                pathAliases.add(query.groupBy().get(i).alias());
            }
        }
        return query.orderBy().stream().map(OrderBy::by).noneMatch(pathAliases::contains);
    }

    /** Whether a having filter names a group key read through a relationship. */
    private static boolean names(DataModel model, Query query, Filter having, AggregatePlan ap) {
        Set<String> named = new HashSet<>();
        Filters.fields(model, query.entity(), having, named);
        for (int i = 0; i < ap.groupPaths.size(); i++) {
            if (ap.groupPaths.get(i).isPath() && named.contains(query.groupBy().get(i).alias())) {
                return true;
            }
        }
        return false;
    }

    private static Aggregate partial(AggregateFunction fn, Optional<String> field, Optional<Filter> where, String as) {
        return new Aggregate.Computed(fn, field.map(Expr.FieldRef::new), where, Optional.empty(), Optional.of(as));
    }

    /** {@code where} and the field holds a value: the rows an average or a distinct count takes in. */
    private static Optional<Filter> present(String field, Optional<Filter> where) {
        List<Filter> parts = new ArrayList<>();
        where.ifPresent(parts::add);
        parts.add(new Not(new Compare(field, Operator.IS_NULL, List.of(), false)));
        return Filters.and(parts);
    }

    private static boolean crosses(DataModel model, Entity entity, FieldPath path) {
        return path.hops().stream().anyMatch(h -> !model.requireEntity(h.to()).source().equals(entity.source()));
    }

    /** Whether every record a prepared filter reads lives in the source of {@code entity}. */
    private static boolean withinSource(DataModel model, Entity entity, Filter f) {
        List<Related> related = new ArrayList<>();
        Filters.relatedConditions(f, related);
        for (Related r : related) {
            Optional<Navigation> nav = model.navigation(entity.name(), r.via());
            if (nav.isEmpty()) {
                return false;
            }
            Entity to = model.requireEntity(nav.get().to());
            if (!to.source().equals(entity.source()) || r.where().isPresent() && !withinSource(model, to, r.where().get())) {
                return false;
            }
        }
        return true;
    }

    /** A result row of the one-key-per-group form: the statement's row with the keys read through relationships. */
    private static Row complete(Query query, Plan plan, PathLookup lookup, Row row) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < query.groupBy().size(); i++) {
            GroupBy g = query.groupBy().get(i);
            FieldPath p = plan.aggregates().groupPaths.get(i);
            values.put(g.alias(), p.isPath() ? Grouping.key(g, lookup.value(row, p)) : row.valueOrNull(g.alias()));
        }
        query.aggregates().forEach(a -> values.put(a.alias(), row.valueOrNull(a.alias())));
        return new Row(values);
    }

    /** Adds one row of partial aggregates to its group. */
    private static void combine(Query query, Plan plan, PathLookup lookup, Grouping grouping, Row row) {
        AggregatePlan ap = plan.aggregates();
        List<Object> key = new ArrayList<>(ap.groupPaths.size());
        for (int i = 0; i < ap.groupPaths.size(); i++) {
            GroupBy g = query.groupBy().get(i);
            FieldPath p = ap.groupPaths.get(i);
            key.add(p.isPath() ? Grouping.key(g, lookup.value(row, p)) : Values.canonical(row.valueOrNull(g.alias())));
        }
        Accumulator[] accs = grouping.group(key);
        for (int j = 0; j < accs.length; j++) {
            AggregatePlan.Leaf leaf = ap.leaves.get(j);
            Object part = row.valueOrNull(PARTIAL + j);
            switch (leaf.function()) {
                case COUNT -> accs[j].addRows(count(part));
                case AVG -> accs[j].addAverage(part, count(row.valueOrNull(NUMBERS + j)));
                case COUNT_DISTINCT -> {
                    if (count(part) > 0) {
                        accs[j].add(row.valueOrNull(leaf.field().orElseThrow().field().name()));
                    }
                }
                default -> accs[j].add(part);
            }
        }
    }

    private static long count(Object v) {
        return v instanceof BigDecimal d ? d.longValueExact() : 0;
    }
}
