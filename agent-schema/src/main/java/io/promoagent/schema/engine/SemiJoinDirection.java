package io.promoagent.schema.engine;

import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Navigation;
import java.util.Collection;
import java.util.Locale;

/**
 * Which side of a cross-source semi-join is read first, from what each plan is estimated to read in all,
 * in records and in read units, as the sources' own explanations estimate them.
 *
 * <p><b>Outer side first</b> reads the outer records meeting their own filter ({@code outer}: the records its
 * source examines, a DynamoDB Scan's whole table even with a filter) and then, per batch of their keys, the
 * related records meeting the condition ({@code check}). <b>Related side first</b> reads the related keys
 * ({@code keys}: distinct keys when the source can read them, else one row per related record) and then the
 * outer records by those keys ({@code lookup}; the outer read unchanged when the keys cannot be pushed).
 *
 * <p>The plan reading fewer records wins, where the records can tell. Outer side first, only its outer read
 * is known for certain: how many of the outer records meet their filter, and so how many keys are checked,
 * is often unknown (DynamoDB examines a Scan's whole table and cannot say what its filter keeps), so the
 * related rows of its keys are counted as if every record examined were kept, an upper bound. When the
 * related-first estimate falls between the outer read alone and that bound, or within a factor of
 * {@link #RECORDS_MARGIN} of them (estimates are rough), the records cannot tell the two plans apart and
 * the one costing fewer read units (money) wins: looking up 11,000 customers by key costs
 * 0.5 read unit each, 5,500, where a Scan of all 20,000 costs one per 4 KB page, about 270. A tie on both
 * reads the related side first, as within one source.
 *
 * @param streamed whether, related side first, the keys stream into the outer read batch by batch (an
 *                 existence condition whose keys are distinct) rather than being counted per key first
 */
record SemiJoinDirection(Related related, Navigation nav, Entity to, Collection<String> outerFields,
                         Estimate outer, Estimate check, Estimate keys, Estimate lookup, long relatedRows,
                         boolean streamed) {

    /** What a read is estimated to cost: the records it reads, and its read units (DynamoDB's; 0 elsewhere). */
    record Estimate(long rows, double units) {

        Estimate plus(Estimate other) {
            long sum = rows + other.rows;
            return new Estimate(sum < 0 ? Long.MAX_VALUE : sum, units + other.units);
        }
    }

    /**
     * Whether a related-record count condition needs only one related record to hold: no related record means
     * false and any number from one up means true (exists, count above 0, count not 0).
     */
    static boolean existence(CountCondition count) {
        return !count.test(0) && count.test(1) && count.test(Long.MAX_VALUE);
    }

    Estimate outerFirstCost() {
        return outer.plus(check);
    }

    Estimate relatedFirstCost() {
        return keys.plus(lookup);
    }

    boolean outerFirst() {
        if (recordsUndecided()) {
            Estimate a = outerFirstCost();
            Estimate b = relatedFirstCost();
            return a.units() != b.units() ? a.units() < b.units() : a.rows() < b.rows();
        }
        return relatedFirstCost().rows() > outerFirstCost().rows();
    }

    /**
     * How far apart the records must be estimated for them to decide: the estimates behind them (distinct
     * values, the rows a filter keeps) are often off by tens of percent; PostgreSQL estimated 18,965 distinct
     * buyers with a code where there were 23,547. Within this factor, a plan's records are no evidence against
     * ten times its read units.
     */
    static final double RECORDS_MARGIN = 2.0;

    /**
     * Whether related side first is estimated within outer side first's range (its outer read, up to all of
     * it), widened by {@link #RECORDS_MARGIN} at both ends.
     */
    private boolean recordsUndecided() {
        double related = relatedFirstCost().rows();
        return related * RECORDS_MARGIN >= outer.rows() && related <= outerFirstCost().rows() * RECORDS_MARGIN;
    }

    String note() {
        String outerName = nav.from();
        String keyName = to.name() + (streamed ? " keys" : " rows");
        String outerSide = String.format(Locale.ROOT, "%,d to %,d records (%,d %s + at most %,d %s rows), %,.1f read"
                + " units", outer.rows(), outerFirstCost().rows(), outer.rows(), outerName, check.rows(), to.name(),
                outerFirstCost().units());
        String relatedSide = side(relatedFirstCost(), keys, keyName, lookup, outerName);
        return String.format(Locale.ROOT, "read %s first: %s vs %s first: %s%s",
                outerFirst() ? outerName : to.name(), outerFirst() ? outerSide : relatedSide,
                outerFirst() ? to.name() : outerName, outerFirst() ? relatedSide : outerSide,
                recordsUndecided() && outerFirstCost().units() != relatedFirstCost().units()
                        ? " (the records cannot tell: the fewer read units decide)" : "");
    }

    private static String side(Estimate total, Estimate a, String aName, Estimate b, String bName) {
        return String.format(Locale.ROOT, "%,d records (%,d %s + %,d %s), %,.1f read units", total.rows(), a.rows(),
                aName, b.rows(), bName, total.units());
    }
}
