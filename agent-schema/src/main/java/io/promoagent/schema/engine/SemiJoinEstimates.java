package io.promoagent.schema.engine;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.source.DistinctKeySource;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.SourceQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the reads of a cross-source semi-join are estimated to cost, asked of the sources that would make
 * them without reading a record: the two plans a {@link SemiJoinDirection} weighs, and the explanations of
 * reads whose keys are known only while running (placeholder keys, times the batches).
 */
final class SemiJoinEstimates {

    private final Execution ex;

    SemiJoinEstimates(Execution ex) {
        this.ex = ex;
    }

    /** The related read of a condition's keys: the join field of the related records meeting its filter. */
    static SourceQuery keyQuery(Entity to, Related r, Navigation nav) {
        return new SourceQuery(to, r.where(), List.of(nav.remoteField()), OptionalInt.empty());
    }

    /**
     * Whether the keys of an existence condition can stream without being counted: the related source reads
     * distinct values, or the join field is the related entity's whole key, unique already.
     */
    boolean streams(Entity to, Related r, Navigation nav) {
        return SemiJoinDirection.existence(r.count()) && (ex.source(to) instanceof DistinctKeySource
                || to.key().sort().isEmpty() && to.key().partition().equals(nav.remoteField()));
    }

    /**
     * Both plans of a semi-join on {@code r}, each read estimated by the source that would make it; empty when
     * a source cannot estimate its rows.
     *
     * @param outerQuery  the outer read with its own filter, without keys
     * @param outerFields the fields the outer read returns
     */
    Optional<SemiJoinDirection> direction(SourceQuery outerQuery, Related r, Navigation nav,
                                          Collection<String> outerFields) {
        Entity entity = outerQuery.entity();
        Entity to = ex.model.requireEntity(nav.to());
        Explanation outer = ex.source(entity).explain(outerQuery);
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
            lookup = estimate(keyed(outerQuery, nav, keys, outerRows));
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

    /** The streamed key read of a related-first semi-join, as its source explains it. */
    Explanation keyExplanation(SemiJoinDirection d) {
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
     * @param outer     the outer read without the keys
     * @param expected  the keys expected
     * @param outerRows the outer read's estimate without keys, which caps the rows
     */
    Explanation keyed(SourceQuery outer, Navigation nav, long expected, long outerRows) {
        Entity entity = outer.entity();
        long keys = Math.max(1, expected);
        int perBatch = (int) Math.min(keys, ex.semiJoinKeyLimit);
        long batches = (keys + perBatch - 1) / perBatch;
        boolean numeric = entity.field(nav.localField()).map(f -> f.type().isNumeric()).orElse(false);
        List<Object> placeholders = new ArrayList<>(perBatch);
        for (int i = 1; i <= perBatch; i++) {
            placeholders.add(numeric ? (Object) java.math.BigDecimal.valueOf(-i) : "placeholder-" + i);
        }
        List<Filter> parts = new ArrayList<>();
        outer.filter().ifPresent(parts::add);
        parts.add(new Compare(nav.localField(), Operator.IN, placeholders, false));
        Explanation e = ex.source(entity).explain(new SourceQuery(entity, Filters.and(parts), outer.fields(),
                outer.limit()));
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
    Explanation checkExplanation(SemiJoinDirection d) {
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
}
