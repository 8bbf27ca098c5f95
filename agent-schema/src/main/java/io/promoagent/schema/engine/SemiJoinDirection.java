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
 * <p>The plan reading fewer records wins, unless the two are within a factor of {@link #NEAR_TIE}: then the one
 * costing fewer read units (money) wins, because the record estimates are that rough (a DynamoDB filter's
 * selectivity is unknown, so its outer keys are counted as every record examined) while a read unit is
 * charged whatever the estimate: looking up 11,000 customers by key costs 0.5 read unit each, 5,500, where a
 * Scan of all 20,000 costs one per 4 KB page, about 270. A tie on both reads the related side first, as
 * within one source.
 *
 * @param streamed whether, related side first, the keys stream into the outer read batch by batch (an
 *                 existence condition whose keys are distinct) rather than being counted per key first
 */
record SemiJoinDirection(Related related, Navigation nav, Entity to, Collection<String> outerFields,
                         Estimate outer, Estimate check, Estimate keys, Estimate lookup, long relatedRows,
                         boolean streamed) {

    /** Plans whose records are within this factor are told apart by read units. */
    static final double NEAR_TIE = 2.0;

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
        Estimate a = outerFirstCost();
        Estimate b = relatedFirstCost();
        if (nearTie() && a.units() != b.units()) {
            return a.units() < b.units();
        }
        return a.rows() < b.rows();
    }

    private boolean nearTie() {
        long low = Math.min(outerFirstCost().rows(), relatedFirstCost().rows());
        long high = Math.max(outerFirstCost().rows(), relatedFirstCost().rows());
        return high <= low * NEAR_TIE;
    }

    String note() {
        String outerName = nav.from();
        String first = outerFirst() ? outerName : to.name();
        String chosen = outerFirst() ? side(outerFirstCost(), outer, outerName, check, to.name() + " rows")
                : side(relatedFirstCost(), keys, to.name() + (streamed ? " keys" : " rows"), lookup, outerName);
        String other = outerFirst() ? side(relatedFirstCost(), keys, to.name() + (streamed ? " keys" : " rows"),
                lookup, outerName) : side(outerFirstCost(), outer, outerName, check, to.name() + " rows");
        return String.format(Locale.ROOT, "read %s first: %s vs %s first: %s%s", first, chosen,
                outerFirst() ? to.name() : outerName, other,
                nearTie() && outerFirstCost().units() != relatedFirstCost().units()
                        ? " (records within " + (int) NEAR_TIE + "x: the fewer read units decide)" : "");
    }

    private static String side(Estimate total, Estimate a, String aName, Estimate b, String bName) {
        return String.format(Locale.ROOT, "%,d records (%,d %s + %,d %s), %,.1f read units", total.rows(), a.rows(),
                aName, b.rows(), bName, total.units());
    }
}
