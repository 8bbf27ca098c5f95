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
import io.promoagent.schema.source.Explanation;
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
import java.util.OptionalLong;
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

    /** The related read of a condition's keys: the join field of the related records meeting its filter. */
    private static SourceQuery keyQuery(Entity to, Related r, Navigation nav) {
        return new SourceQuery(to, r.where(), List.of(nav.remoteField()), OptionalInt.empty());
    }

    /**
     * Whether the keys of an existence condition can stream without being counted: the related source reads
     * distinct values, or the join field is the related entity's whole key, unique already.
     */
    private boolean streams(Entity to, Related r, Navigation nav) {
        return SemiJoinDirection.existence(r.count()) && (ex.source(to) instanceof DistinctKeySource
                || to.key().sort().isEmpty() && to.key().partition().equals(nav.remoteField()));
    }

    /** Opens the streamed keys of a related-first semi-join: distinct when the source can, else its whole key. */
    private KeyStream keys(String site, SemiJoinDirection d) {
        SourceQuery q = keyQuery(d.to(), d.related(), d.nav());
        List<String> notes = List.of(String.format(Locale.ROOT, "keys of a semi-join with %s, streamed in batches of"
                + " at most %,d", d.nav().from(), ex.semiJoinKeyLimit));
        SourceCursor cursor = ex.source(d.to()) instanceof DistinctKeySource ? ex.openDistinct(site, q, notes)
                : ex.open(site, q, notes);
        return KeyStream.of(ex, cursor, d.nav().remoteField());
    }

    /**
     * The direction of the read's one related-record condition when it crosses to another source and both
     * sources estimate their rows; empty otherwise (the related side is read first, as for a condition
     * within one source, where the source's own query planner has the better information). Each plan's reads
     * are estimated by the sources that would make them ({@link SemiJoinDirection}).
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
        Explanation outer = ex.source(entity).explain(query(entity, split.pushed(), outerFields, List.of(),
                OptionalInt.empty()));
        Explanation related = ex.source(to).explain(keyQuery(to, r, nav));
        if (outer.estimatedRows().isEmpty() || related.estimatedRows().isEmpty()) {
            return Optional.empty();
        }
        long outerRows = outer.estimatedRows().getAsLong();
        long relatedRows = related.estimatedRows().getAsLong();
        boolean streamed = streams(to, r, nav);
        Explanation keyRead = streamed && ex.source(to) instanceof DistinctKeySource distinct
                ? distinct.explainDistinct(keyQuery(to, r, nav)) : related;
        long keys = Math.min(relatedRows, keyRead.estimatedRows().orElse(relatedRows));
        // outer side first: each outer record's key checked, at most the related rows meeting the filter
        Explanation perKey = ex.source(to).explain(RelatedCheckCursor.check(to, r, nav, List.of(placeholderKey(to, nav))));
        long checkRows = Math.min(relatedRows, saturated(outerRows, Math.max(1, perKey.estimatedRows().orElse(1))));
        SemiJoinDirection.Estimate check = new SemiJoinDirection.Estimate(checkRows,
                perKey.estimatedReadUnits() * Math.min(outerRows, 1_000_000_000L));
        // related side first: the outer records by key, or the outer read unchanged when keys cannot be pushed
        SemiJoinDirection.Estimate lookup = estimate(outer);
        if (!r.count().test(0) && (streamed || keys < outerRows)) {
            lookup = estimate(keyed(entity, split, outerFields, OptionalInt.empty(), nav, keys, outerRows));
        }
        return Optional.of(new SemiJoinDirection(r, nav, to, outerFields, estimate(outer), check,
                new SemiJoinDirection.Estimate(keys, keyRead.estimatedReadUnits()), lookup, relatedRows, streamed));
    }

    private static SemiJoinDirection.Estimate estimate(Explanation e) {
        return new SemiJoinDirection.Estimate(e.estimatedRows().orElse(Long.MAX_VALUE), e.estimatedReadUnits());
    }

    private static long saturated(long a, long b) {
        long p = a * b;
        return a != 0 && (p / a != b || p < 0) ? Long.MAX_VALUE : p;
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
            ex.plan(checkExplanation(d));
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
                ex.plan(keyExplanation(d));
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
            ex.plan(keyed(entity, split, fields, limit, d.nav(), d.keys().rows(), d.outer().rows()).withNotes(notes));
            return;
        }
        SourceQuery query = query(entity, split.pushed(), fields, residual, limit);
        ex.plan(Execution.withNotes(ex.source(entity).explain(query), notes));
    }

    /** The streamed key read of a related-first semi-join, as its source explains it. */
    private Explanation keyExplanation(SemiJoinDirection d) {
        SourceQuery q = keyQuery(d.to(), d.related(), d.nav());
        Explanation e = ex.source(d.to()) instanceof DistinctKeySource distinct ? distinct.explainDistinct(q)
                : ex.source(d.to()).explain(q);
        return e.withNotes(List.of(String.format(Locale.ROOT, "keys of a semi-join with %s, streamed in batches of"
                + " at most %,d", d.nav().from(), ex.semiJoinKeyLimit)));
    }

    /**
     * The outer read of a related-first semi-join that is expected to push its keys: the source's plan for a
     * batch of placeholder keys, as many as expected up to one batch, times the batches; so that a key lookup
     * is not shown as the scan it replaces.
     *
     * @param expected  the keys expected
     * @param outerRows the outer read's estimate without keys, which caps the rows
     */
    private Explanation keyed(Entity entity, Split split, Collection<String> fields, OptionalInt limit, Navigation nav,
                              long expected, long outerRows) {
        long keys = Math.max(1, expected);
        int perBatch = (int) Math.min(keys, ex.semiJoinKeyLimit);
        long batches = (keys + perBatch - 1) / perBatch;
        boolean numeric = entity.field(nav.localField()).map(f -> f.type().isNumeric()).orElse(false);
        List<Object> placeholders = new ArrayList<>(perBatch);
        for (int i = 1; i <= perBatch; i++) {
            placeholders.add(numeric ? (Object) java.math.BigDecimal.valueOf(-i) : "placeholder-" + i);
        }
        List<Filter> parts = new ArrayList<>(split.pushed());
        parts.add(new Compare(nav.localField(), Operator.IN, placeholders, false));
        Explanation e = ex.source(entity).explain(query(entity, parts, fields, List.of(), limit));
        // on the outer entity's own key each key reads one record (a placeholder finds none, a real key its
        // record): the estimate is the keys; on another field, the source's estimate for whole batches
        boolean unique = entity.key().sort().isEmpty() && entity.key().partition().equals(nav.localField());
        double factor = unique ? (double) keys / perBatch : batches;
        long rows = Math.min(outerRows, unique ? keys : (long) Math.ceil(e.estimatedRows().orElse(perBatch) * factor));
        return new Explanation(e.source(), e.operation(), e.accessPath(), e.nativeQuery(),
                e.estimatedReadUnits() * factor, OptionalLong.of(rows), e.notes()).withNotes(List.of(String.format(
                Locale.ROOT, "the keys are known only while running: explained with %,d placeholder keys%s", perBatch,
                batches > 1 ? String.format(Locale.ROOT, ", for %,d keys in %,d batches", keys, batches) : "")));
    }

    /**
     * The related reads of an outer-first semi-join, as one explanation: the source's plan for the condition's
     * filter with a placeholder batch of keys, its row estimate capped by the related rows meeting the filter.
     */
    private Explanation checkExplanation(SemiJoinDirection d) {
        Explanation e = ex.source(d.to()).explain(RelatedCheckCursor.check(d.to(), d.related(), d.nav(),
                List.of(placeholderKey(d.to(), d.nav()))));
        long batches = Math.max(1, (d.outer().rows() + ex.semiJoinKeyLimit - 1) / ex.semiJoinKeyLimit);
        return new Explanation(e.source(), e.operation(), e.accessPath(), e.nativeQuery(),
                d.check().units(), OptionalLong.of(d.check().rows()), List.of())
                .withNotes(e.notes()).withNotes(List.of(String.format(Locale.ROOT,
                        "about %,d calls, one per batch of at most %,d %s keys; shown for one key; at most %,d rows"
                                + " in all", batches, ex.semiJoinKeyLimit, d.nav().from(), d.check().rows())));
    }

    /** A value of the join field's type, standing for the keys only known while running. */
    private static Object placeholderKey(Entity to, Navigation nav) {
        return to.field(nav.remoteField())
                .map(f -> f.type().isNumeric() ? (Object) java.math.BigDecimal.ZERO : "?").orElse("?");
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
