package io.promoagent.dynamodb.internal.compile;

import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Index;
import java.util.Optional;

/**
 * Estimates the read capacity a plan will consume, without reading: DynamoDB charges a read unit per
 * 4 KB read (half for eventually consistent reads), rounded up per item for GetItem and BatchGetItem and
 * per request for Query and Scan.
 *
 * <p>The number of items read comes from DescribeTable's item count and size (cached; 1,000 items of
 * 1 KB when unknown) and these assumptions, since DynamoDB keeps no statistics of values: a partition of
 * an enum key holds an equal share of the items; a bucket holds 1/24 of them (two years of monthly
 * buckets); any other partition holds one item when the index has no sort key (e-mail, code) and 10
 * when it has one (a customer's orders); a sort-key range keeps a third of a partition, an equality or
 * prefix a tenth. The estimate orders plans; it is not a bill.
 */
public final class CapacityEstimator {

    private static final double PAGE = 4096.0;
    private static final long ASSUMED_ITEMS = 1_000;

    private final boolean consistentRead;

    public CapacityEstimator(boolean consistentRead) {
        this.consistentRead = consistentRead;
    }

    /** The estimated read units of {@code plan} over a table of the given size, when known. */
    public double estimate(QueryPlan plan, Optional<TableStats> stats) {
        double unit = consistentRead ? 1.0 : 0.5;
        double itemBytes = stats.map(TableStats::averageItemBytes).orElse(1024.0);
        long items = stats.map(TableStats::itemCount).orElse(ASSUMED_ITEMS);
        AccessPath path = plan.path();
        double limit = plan.unfiltered() && plan.limit().isPresent() ? plan.limit().getAsInt() : Double.MAX_VALUE;
        if (path instanceof AccessPath.NoRead) {
            return 0;
        }
        if (path instanceof AccessPath.KeyLookup k) {
            return Math.min(k.keys().size(), limit) * Math.ceil(itemBytes / PAGE) * unit;
        }
        if (path instanceof AccessPath.TableScan) {
            double bytes = Math.min(items, limit) * itemBytes;
            return Math.max(1, Math.ceil(bytes / PAGE)) * unit;
        }
        AccessPath.IndexQuery q = (AccessPath.IndexQuery) path;
        double perPartition = partitionItems(plan.entity(), q, items) * sortShare(q);
        double total = 0;
        double remaining = limit;
        for (int i = 0; i < q.partitionValues().size() && remaining > 0; i++) {
            double read = Math.min(perPartition, remaining);
            remaining -= read;
            total += Math.max(1, Math.ceil(read * itemBytes / PAGE)) * unit;
        }
        return total;
    }

    /**
     * The estimated number of items {@code plan} reads (before any filter expression), by the same
     * assumptions as {@link #estimate}.
     */
    public long items(QueryPlan plan, Optional<TableStats> stats) {
        long items = stats.map(TableStats::itemCount).orElse(ASSUMED_ITEMS);
        AccessPath path = plan.path();
        double limit = plan.unfiltered() && plan.limit().isPresent() ? plan.limit().getAsInt() : Double.MAX_VALUE;
        if (path instanceof AccessPath.NoRead) {
            return 0;
        }
        if (path instanceof AccessPath.KeyLookup k) {
            return (long) Math.min(k.keys().size(), limit);
        }
        if (path instanceof AccessPath.TableScan) {
            return (long) Math.min(items, limit);
        }
        AccessPath.IndexQuery q = (AccessPath.IndexQuery) path;
        double perPartition = partitionItems(plan.entity(), q, items) * sortShare(q);
        return (long) Math.ceil(Math.min(perPartition * q.partitionValues().size(), limit));
    }

    private static double partitionItems(Entity entity, AccessPath.IndexQuery q, long items) {
        if (q.fanout() == AccessPath.Fanout.BUCKETS) {
            return items / 24.0;
        }
        Optional<Field> partition = entity.field(q.partitionAttribute());
        if (partition.isPresent() && partition.get().type() == FieldType.ENUM && !partition.get().values().isEmpty()) {
            return (double) items / partition.get().values().size();
        }
        boolean sorted = q.index().flatMap(entity::index).map(Index::key).orElse(entity.key()).sort().isPresent();
        return sorted ? 10 : 1;
    }

    private static double sortShare(AccessPath.IndexQuery q) {
        if (q.sort().isEmpty() || q.fanout() == AccessPath.Fanout.BUCKETS) {
            return 1;
        }
        switch (q.sort().get().op()) {
            case EQ:
            case BEGINS_WITH:
                return 0.1;
            default:
                return 1.0 / 3;
        }
    }
}
