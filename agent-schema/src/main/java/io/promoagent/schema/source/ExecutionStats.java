package io.promoagent.schema.source;

/**
 * What executing a query cost: capacity consumed, records read and returned, calls made.
 *
 * @param readUnits     read capacity consumed, as the source counts it (DynamoDB RCU); 0 where not counted
 * @param itemsScanned  records the source examined
 * @param itemsReturned records that matched and were returned
 * @param calls         requests made to the source
 */
public record ExecutionStats(double readUnits, long itemsScanned, long itemsReturned, long calls) {

    public static final ExecutionStats NONE = new ExecutionStats(0, 0, 0, 0);

    public ExecutionStats plus(ExecutionStats other) {
        return new ExecutionStats(readUnits + other.readUnits, itemsScanned + other.itemsScanned,
                itemsReturned + other.itemsReturned, calls + other.calls);
    }
}
