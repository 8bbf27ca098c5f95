package io.promoagent.dynamodb.internal.compile;

/**
 * The size of a table as DescribeTable reports it (refreshed by DynamoDB about every six hours), used
 * only for estimates and for choosing parallel scans.
 *
 * @param itemCount the number of items
 * @param sizeBytes the table's size in bytes
 */
public record TableStats(long itemCount, long sizeBytes) {

    /** The average item size, or 1 KB when the table is empty or unknown. */
    public double averageItemBytes() {
        return itemCount > 0 ? Math.max(1.0, (double) sizeBytes / itemCount) : 1024.0;
    }
}
