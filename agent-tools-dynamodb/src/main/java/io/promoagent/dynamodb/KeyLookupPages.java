package io.promoagent.dynamodb;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * Items read by key: one GetItem for a single key, else BatchGetItem calls of at most 100 keys, with the
 * keys DynamoDB leaves unprocessed asked again after a back-off.
 */
final class KeyLookupPages implements PageStream {

    /** DynamoDB's limit on the keys of one BatchGetItem. */
    static final int MAX_BATCH = 100;

    private final DynamoDbClient client;
    private final String table;
    private final Deque<Map<String, AttributeValue>> pending;
    private final boolean single;
    private final String projection;
    private final Map<String, String> names;
    private final boolean consistentRead;
    private final RetrySettings retry;
    private int unprocessedStreak;

    KeyLookupPages(DynamoDbClient client, String table, List<Map<String, AttributeValue>> keys, String projection,
                   Map<String, String> names, boolean consistentRead, RetrySettings retry) {
        this.client = client;
        this.table = table;
        this.pending = new ArrayDeque<>(keys);
        this.single = keys.size() == 1;
        this.projection = projection;
        this.names = names;
        this.consistentRead = consistentRead;
        this.retry = retry;
    }

    @Override
    public Page next(int limit) {
        return single ? get() : batch(limit);
    }

    private Page get() {
        Map<String, AttributeValue> key = pending.poll();
        GetItemResponse r = SdkErrors.call("GetItem on " + table, () -> client.getItem(b -> {
            b.tableName(table).key(key).consistentRead(consistentRead)
                    .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES);
            if (projection != null) {
                b.projectionExpression(projection).expressionAttributeNames(names);
            }
        }));
        List<Map<String, AttributeValue>> items = r.hasItem() && !r.item().isEmpty() ? List.of(r.item()) : List.of();
        return new Page(items, items.size(), Page.units(r.consumedCapacity()), 1);
    }

    private Page batch(int limit) {
        if (unprocessedStreak > 0) {
            if (unprocessedStreak >= retry.maxAttempts()) {
                throw new ThrottledException("BatchGetItem on " + table + " left " + pending.size()
                        + " keys unprocessed after " + unprocessedStreak + " attempts");
            }
            sleep(retry.throttlingDelay(unprocessedStreak));
        }
        int size = Math.min(MAX_BATCH, limit > 0 ? Math.max(limit, 1) : MAX_BATCH);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        while (keys.size() < size && !pending.isEmpty()) {
            keys.add(pending.poll());
        }
        KeysAndAttributes.Builder request = KeysAndAttributes.builder().keys(keys).consistentRead(consistentRead);
        if (projection != null) {
            request.projectionExpression(projection).expressionAttributeNames(names);
        }
        BatchGetItemResponse r = SdkErrors.call("BatchGetItem on " + table, () -> client.batchGetItem(b -> b
                .requestItems(Map.of(table, request.build())).returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)));
        KeysAndAttributes unprocessed = r.hasUnprocessedKeys() ? r.unprocessedKeys().get(table) : null;
        if (unprocessed != null && unprocessed.hasKeys() && !unprocessed.keys().isEmpty()) {
            List<Map<String, AttributeValue>> again = unprocessed.keys();
            for (int i = again.size() - 1; i >= 0; i--) {
                pending.addFirst(again.get(i));
            }
            unprocessedStreak++;
        } else {
            unprocessedStreak = 0;
        }
        List<Map<String, AttributeValue>> items = r.hasResponses() && r.responses().containsKey(table)
                ? r.responses().get(table) : List.of();
        return new Page(items, items.size(), r.hasConsumedCapacity() ? Page.units(r.consumedCapacity()) : 0, 1);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.promoagent.schema.source.DataSourceException("interrupted while backing off", e);
        }
    }

    @Override
    public boolean exhausted() {
        return pending.isEmpty();
    }
}
