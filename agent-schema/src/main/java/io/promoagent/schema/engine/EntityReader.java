package io.promoagent.schema.engine;

import io.promoagent.schema.eval.RowPredicate;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads the rows of one entity that meet a prepared filter, pushing to its source everything the source
 * can evaluate.
 *
 * <p>The filter's top-level conjuncts without related-record conditions go to the source as they are. A
 * top-level related-record condition runs as a batched semi-join: the related entity's rows meeting its
 * {@code where} are read from their own source, projecting only the join field, and counted per key;
 * when no related record means false (exists, count above n) and at most {@code semiJoinKeyLimit} keys
 * qualify, the condition becomes {@code local_field in (keys)} in the source query (which a DynamoDB
 * source serves by key lookups). Otherwise, and for conditions under {@code or} or {@code not}, the
 * counts are kept in memory and the condition is checked here on each row.
 */
final class EntityReader {

    private final Execution ex;

    EntityReader(Execution ex) {
        this.ex = ex;
    }

    /** The parts of a filter by where they are evaluated. */
    private record Split(List<Filter> pushed, List<Related> related, List<Filter> residual) {
        static Split of(Optional<Filter> where) {
            List<Filter> pushed = new ArrayList<>();
            List<Related> related = new ArrayList<>();
            List<Filter> residual = new ArrayList<>();
            for (Filter c : Filters.conjuncts(where)) {
                if (!Filters.containsRelated(c)) {
                    pushed.add(c);
                } else if (c instanceof Related r) {
                    related.add(r);
                } else {
                    residual.add(c);
                }
            }
            return new Split(pushed, related, residual);
        }
    }

    /**
     * Opens the rows of {@code entity} meeting {@code where}, each with at least {@code fields} (and the
     * key). {@code limit} is passed to the source when nothing is left to filter here.
     */
    RowStream open(String site, Entity entity, Optional<Filter> where, Collection<String> fields, OptionalInt limit) {
        Split split = Split.of(where);
        List<Filter> pushed = new ArrayList<>(split.pushed());
        List<Filter> residual = new ArrayList<>(split.residual());
        List<String> notes = new ArrayList<>();
        for (Related r : split.related()) {
            Navigation nav = navigation(entity, r);
            Map<Object, Long> counts = counts(site, entity, r);
            if (!r.count().test(0)) {
                List<Object> keys = new ArrayList<>();
                counts.forEach((key, n) -> {
                    if (r.count().test(n)) {
                        keys.add(key);
                    }
                });
                if (keys.isEmpty()) {
                    ex.skipped(site, query(entity, pushed, fields, residual, OptionalInt.empty()),
                            List.of("not executed: no " + nav.to() + " record meets the condition on '" + r.via() + "'"));
                    return RowStream.empty();
                }
                if (keys.size() <= ex.semiJoinKeyLimit) {
                    keys.sort(Values::compare);
                    pushed.add(new Compare(nav.localField(), Operator.IN, keys, false));
                    notes.add("semi-join: " + nav.localField() + " in " + keys.size() + " keys read from " + nav.to());
                    continue;
                }
            }
            residual.add(r);
        }
        for (Filter f : residual) {
            List<Related> nested = new ArrayList<>();
            Filters.relatedConditions(f, nested);
            nested.forEach(r -> counts(site, entity, r));
        }
        Optional<Filter> rest = Filters.and(residual);
        rest.ifPresent(f -> notes.add("filtered by the engine: " + QueryJson.write(f)));
        SourceQuery query = query(entity, pushed, fields, residual, limit);
        return RowStream.of(ex.open(site, query, notes), rest, predicate(entity), ex);
    }

    /** Plans {@link #open} without reading: the explanations of the calls it would make. */
    void explain(String site, Entity entity, Optional<Filter> where, Collection<String> fields, OptionalInt limit) {
        Split split = Split.of(where);
        List<Filter> residual = new ArrayList<>(split.residual());
        List<String> notes = new ArrayList<>();
        for (Related r : split.related()) {
            Navigation nav = navigation(entity, r);
            explainCounts(site, entity, r);
            if (!r.count().test(0)) {
                notes.add("semi-join: " + nav.localField() + " in (keys read from " + nav.to()
                        + "), pushed to the source when at most " + ex.semiJoinKeyLimit + " keys qualify");
            } else {
                residual.add(r);
            }
        }
        for (Filter f : split.residual()) {
            List<Related> nested = new ArrayList<>();
            Filters.relatedConditions(f, nested);
            nested.forEach(r -> explainCounts(site, entity, r));
        }
        Filters.and(residual).ifPresent(f -> notes.add("filtered by the engine: " + QueryJson.write(f)));
        SourceQuery query = query(entity, split.pushed(), fields, residual, limit);
        ex.plan(Execution.withNotes(ex.source(entity).explain(query), notes));
    }

    private SourceQuery query(Entity entity, List<Filter> pushed, Collection<String> fields, List<Filter> residual,
                              OptionalInt limit) {
        Set<String> projection = new LinkedHashSet<>(fields);
        projection.addAll(QueryShape.keyFields(entity));
        residual.forEach(f -> Filters.fields(ex.model, entity.name(), f, projection));
        return new SourceQuery(entity, Filters.and(pushed), List.copyOf(projection),
                residual.isEmpty() ? limit : OptionalInt.empty());
    }

    /**
     * The number of related records meeting {@code r}'s where, per join key: read once per execution
     * from the related entity's source, projecting only the join field.
     */
    Map<Object, Long> counts(String site, Entity entity, Related r) {
        Map<Related, Map<Object, Long>> cache = ex.counts(entity.name());
        Map<Object, Long> known = cache.get(r);
        if (known != null) {
            return known;
        }
        Navigation nav = navigation(entity, r);
        Map<Object, Long> counts = new HashMap<>();
        try (RowStream rows = open(site + "/" + r.via(), ex.model.requireEntity(nav.to()), r.where(),
                List.of(nav.remoteField()), OptionalInt.empty())) {
            while (rows.hasNext()) {
                Object key = Values.canonical(rows.next().valueOrNull(nav.remoteField()));
                if (key != null) {
                    counts.merge(key, 1L, Long::sum);
                }
            }
        }
        cache.put(r, counts);
        return counts;
    }

    void explainCounts(String site, Entity entity, Related r) {
        Navigation nav = navigation(entity, r);
        explain(site + "/" + r.via(), ex.model.requireEntity(nav.to()), r.where(), List.of(nav.remoteField()),
                OptionalInt.empty());
    }

    /**
     * A predicate over {@code entity}'s rows for what the engine filters itself; a related-record
     * condition is judged from the counts {@link #counts} computed for it beforehand.
     */
    RowPredicate predicate(Entity entity) {
        Map<Related, Map<Object, Long>> cache = ex.counts(entity.name());
        return new RowPredicate(name -> entity.field(name).map(Field::type), null, (filter, row) -> {
            if (!(filter instanceof Related r)) {
                throw new IllegalStateException("the engine expands rules before reading: " + filter);
            }
            Map<Object, Long> counts = cache.get(r);
            if (counts == null) {
                throw new IllegalStateException("no counts were computed for " + r);
            }
            return r.count().test(count(counts, navigation(entity, r), row));
        });
    }

    private static long count(Map<Object, Long> counts, Navigation nav, Row row) {
        Object key = Values.canonical(row.valueOrNull(nav.localField()));
        return key == null ? 0 : counts.getOrDefault(key, 0L);
    }

    private Navigation navigation(Entity entity, Related r) {
        return ex.model.navigation(entity.name(), r.via()).orElseThrow(() -> new IllegalArgumentException(
                "entity '" + entity.name() + "' has no relationship '" + r.via() + "'"));
    }
}
