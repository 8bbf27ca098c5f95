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
import io.promoagent.schema.source.DistinctKeySource;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
 *
 * <p>When the read's one related-record condition reaches another source, both sources estimate what each
 * plan would read ({@link SemiJoinDirection}): outer side first, its keys are checked in the related source
 * per batch ({@link RelatedCheckCursor}); related side first, an existence condition's keys stream from the
 * related source (distinct values from a {@link DistinctKeySource}, or the related entity's whole key) into
 * the outer read one batch at a time, and other conditions' counted keys beyond one request's worth, but
 * fewer than the outer read returns, are pushed in batches ({@link KeyBatchCursor}).
 */
final class EntityReader {

    private final Execution ex;
    private final SemiJoinEstimates estimates;

    EntityReader(Execution ex) {
        this.ex = ex;
        this.estimates = new SemiJoinEstimates(ex);
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
        return open(site, entity, where, fields, limit, List.of());
    }

    /** {@link #open} with the caller's {@code remarks} on the outer read's explanation. */
    RowStream open(String site, Entity entity, Optional<Filter> where, Collection<String> fields, OptionalInt limit,
                   List<String> remarks) {
        Split split = Split.of(where);
        Optional<SemiJoinDirection> direction = direction(entity, split, fields);
        if (direction.isPresent() && direction.get().outerFirst()) {
            SemiJoinDirection d = direction.get();
            SourceQuery outer = query(entity, split.pushed(), d.outerFields(), List.of(), OptionalInt.empty());
            List<String> notes = new ArrayList<>(remarks);
            notes.add(d.note());
            notes.add("then checks " + d.nav().to() + " for each batch of at most " + ex.semiJoinKeyLimit + " "
                    + entity.name() + ": " + d.nav().remoteField() + " in (keys)");
            SourceCursor cursor = new RelatedCheckCursor(ex, site + "/" + d.related().via(),
                    ex.open(site, outer, notes), d.related(), d.nav(), ex.semiJoinKeyLimit,
                    List.of("semi-join check of a batch of " + entity.name() + " read first"));
            return RowStream.of(cursor, Optional.empty(), null, ex);
        }
        List<Filter> pushed = new ArrayList<>(split.pushed());
        List<Filter> residual = new ArrayList<>(split.residual());
        List<String> notes = new ArrayList<>(remarks);
        direction.ifPresent(d -> notes.add(d.note()));
        String batchedField = null;
        KeyStream batched = null;
        for (Related r : split.related()) {
            Navigation nav = navigation(entity, r);
            if (direction.isPresent() && direction.get().streamed()) {
                // the direction's one condition: its keys stream from the related source into the outer read,
                // one batch in memory at a time
                KeyStream keys = keys(site + "/" + r.via(), direction.get());
                if (!keys.hasNext()) {
                    keys.close();
                    return noKeys(site, query(entity, pushed, fields, residual, OptionalInt.empty()), nav, r);
                }
                batchedField = nav.localField();
                batched = keys;
                notes.add(String.format(Locale.ROOT, "semi-join: %s in the distinct %s of %s as they are read, in"
                        + " batches of at most %,d", nav.localField(), nav.remoteField(), nav.to(), ex.semiJoinKeyLimit));
                continue;
            }
            Map<Object, Long> counts = counts(site, entity, r);
            if (!r.count().test(0)) {
                List<Object> keys = new ArrayList<>();
                counts.forEach((key, n) -> {
                    if (r.count().test(n)) {
                        keys.add(key);
                    }
                });
                if (keys.isEmpty()) {
                    return noKeys(site, query(entity, pushed, fields, residual, OptionalInt.empty()), nav, r);
                }
                if (keys.size() <= ex.semiJoinKeyLimit) {
                    keys.sort(Values::compare);
                    pushed.add(new Compare(nav.localField(), Operator.IN, keys, false));
                    notes.add("semi-join: " + nav.localField() + " in " + keys.size() + " keys read from " + nav.to());
                    continue;
                }
                if (batched == null && direction.isPresent() && keys.size() < outerEstimate(entity, split, fields)) {
                    keys.sort(Values::compare);
                    batchedField = nav.localField();
                    batched = KeyStream.of(keys);
                    notes.add(String.format(Locale.ROOT, "semi-join: %s in %,d keys read from %s, in batches of at"
                            + " most %,d", nav.localField(), keys.size(), nav.to(), ex.semiJoinKeyLimit));
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
        if (batched != null) {
            return RowStream.of(new KeyBatchCursor(ex, site, query, batchedField, batched, ex.semiJoinKeyLimit, notes),
                    rest, predicate(entity), ex);
        }
        return RowStream.of(ex.open(site, query, notes), rest, predicate(entity), ex);
    }

    /** No related record meets the condition: the outer read is recorded as not executed, and nothing read. */
    private RowStream noKeys(String site, SourceQuery outer, Navigation nav, Related r) {
        ex.skipped(site, outer, List.of("not executed: no " + nav.to() + " record meets the condition on '" + r.via()
                + "'"));
        return RowStream.empty();
    }

    /** The outer source's estimate of the rows its read returns without the semi-join's keys; unknown is many. */
    private long outerEstimate(Entity entity, Split split, Collection<String> fields) {
        return ex.source(entity).explain(query(entity, split.pushed(), fields, List.of(), OptionalInt.empty()))
                .estimatedRows().orElse(Long.MAX_VALUE);
    }

    /** Opens the streamed keys of a related-first semi-join: distinct when the source can, else its whole key. */
    private KeyStream keys(String site, SemiJoinDirection d) {
        SourceQuery q = SemiJoinEstimates.keyQuery(d.to(), d.related(), d.nav());
        List<String> notes = List.of(String.format(Locale.ROOT, "keys of a semi-join with %s, streamed in batches of"
                + " at most %,d", d.nav().from(), ex.semiJoinKeyLimit));
        SourceCursor cursor = ex.source(d.to()) instanceof DistinctKeySource ? ex.openDistinct(site, q, notes)
                : ex.open(site, q, notes);
        return KeyStream.of(ex, cursor, d.nav().remoteField());
    }

    /**
     * The direction of the read's one related-record condition when it crosses to another source and both
     * sources estimate their rows; empty otherwise (the related side is read first, as for a condition
     * within one source, where the source's own query planner has the better information).
     */
    private Optional<SemiJoinDirection> direction(Entity entity, Split split, Collection<String> fields) {
        if (split.related().size() != 1 || !split.residual().isEmpty()) {
            return Optional.empty();
        }
        Related r = split.related().get(0);
        Navigation nav = navigation(entity, r);
        Entity to = ex.model.requireEntity(nav.to());
        if (to.source().equals(entity.source()) || r.where().filter(Filters::containsRelated).isPresent()) {
            return Optional.empty();
        }
        Set<String> outerFields = new LinkedHashSet<>(fields);
        outerFields.add(nav.localField());
        return estimates.direction(query(entity, split.pushed(), outerFields, List.of(), OptionalInt.empty()), r, nav,
                outerFields);
    }

    /** Plans {@link #open} without reading: the explanations of the calls it would make. */
    void explain(String site, Entity entity, Optional<Filter> where, Collection<String> fields, OptionalInt limit) {
        explain(site, entity, where, fields, limit, List.of());
    }

    /** {@link #explain} with the caller's {@code remarks} on the outer read's explanation. */
    void explain(String site, Entity entity, Optional<Filter> where, Collection<String> fields, OptionalInt limit,
                 List<String> remarks) {
        Split split = Split.of(where);
        Optional<SemiJoinDirection> direction = direction(entity, split, fields);
        if (direction.isPresent() && direction.get().outerFirst()) {
            SemiJoinDirection d = direction.get();
            SourceQuery outer = query(entity, split.pushed(), d.outerFields(), List.of(), OptionalInt.empty());
            ex.plan(ex.source(entity).explain(outer).withNotes(remarks).withNotes(List.of(d.note(), String.format(Locale.ROOT,
                    "estimated %,d %s keys cross to %s, in batches of at most %,d", d.outer().rows(), entity.name(),
                    d.to().source(), ex.semiJoinKeyLimit))));
            ex.plan(estimates.checkExplanation(d));
            return;
        }
        List<Filter> residual = new ArrayList<>(split.residual());
        List<String> notes = new ArrayList<>(remarks);
        direction.ifPresent(d -> notes.add(d.note()));
        direction.ifPresent(d -> notes.add(d.streamed()
                ? String.format(Locale.ROOT, "estimated %,d distinct %s keys cross from %s", d.keys().rows(),
                        d.nav().remoteField(), d.to().source())
                : String.format(Locale.ROOT, "estimated %,d %s rows cross from %s (their distinct %s become keys)",
                        d.relatedRows(), d.to().name(), d.to().source(), d.nav().remoteField())));
        for (Related r : split.related()) {
            Navigation nav = navigation(entity, r);
            if (direction.isPresent() && direction.get().streamed()) {
                SemiJoinDirection d = direction.get();
                ex.plan(estimates.keyExplanation(d));
                notes.add(String.format(Locale.ROOT, "semi-join: %s in the distinct %s of %s as they are read, in"
                        + " batches of at most %,d", nav.localField(), nav.remoteField(), nav.to(), ex.semiJoinKeyLimit));
                continue;
            }
            explainCounts(site, entity, r);
            if (!r.count().test(0)) {
                notes.add("semi-join: " + nav.localField() + " in (keys read from " + nav.to()
                        + "), pushed to the source when at most " + ex.semiJoinKeyLimit + " keys qualify"
                        + (direction.isPresent() ? ", in batches of that many when more qualify than this read"
                        + " returns otherwise" : ""));
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
        if (direction.isPresent() && !direction.get().related().count().test(0)
                && (direction.get().streamed() || direction.get().keys().rows() < direction.get().outer().rows())) {
            SemiJoinDirection d = direction.get();
            ex.plan(estimates.keyed(query(entity, split.pushed(), fields, List.of(), limit), d.nav(), d.keys().rows(),
                    d.outer().rows()).withNotes(notes));
            return;
        }
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
