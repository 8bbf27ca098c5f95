package io.promoagent.dynamodb;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * The result of one request of a read: the items returned and what reading them cost.
 *
 * @param items     the items DynamoDB returned (after its filter)
 * @param scanned   the items DynamoDB read to return them
 * @param readUnits the read capacity consumed
 * @param calls     the requests made
 */
record Page(List<Map<String, AttributeValue>> items, long scanned, double readUnits, int calls) {

    static double units(ConsumedCapacity capacity) {
        return capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits();
    }

    static double units(List<ConsumedCapacity> capacities) {
        double total = 0;
        for (ConsumedCapacity c : capacities) {
            total += units(c);
        }
        return total;
    }
}
