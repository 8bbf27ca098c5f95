package io.promoagent.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The pages of one Query, following LastEvaluatedKey. */
final class QueryPages implements PageStream {

    private final DynamoDbClient client;
    private final QueryRequest request;
    private final String what;
    private Map<String, AttributeValue> startKey;
    private boolean exhausted;

    QueryPages(DynamoDbClient client, QueryRequest request) {
        this.client = client;
        this.request = request;
        this.what = "Query on " + request.tableName() + (request.indexName() == null ? "" : "/" + request.indexName());
    }

    @Override
    public Page next(int limit) {
        QueryRequest.Builder b = request.toBuilder();
        if (startKey != null) {
            b.exclusiveStartKey(startKey);
        }
        if (limit > 0) {
            b.limit(limit);
        }
        QueryResponse r = SdkErrors.call(what, () -> client.query(b.build()));
        startKey = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        exhausted = startKey == null;
        return new Page(r.items(), r.scannedCount() == null ? r.items().size() : r.scannedCount(),
                Page.units(r.consumedCapacity()), 1);
    }

    @Override
    public boolean exhausted() {
        return exhausted;
    }
}
