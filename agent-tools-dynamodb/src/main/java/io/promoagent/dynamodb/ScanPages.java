package io.promoagent.dynamodb;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** The pages of one Scan (or one segment of a parallel scan), following LastEvaluatedKey. */
final class ScanPages implements PageStream {

    private final DynamoDbClient client;
    private final ScanRequest request;
    private final String what;
    private Map<String, AttributeValue> startKey;
    private boolean exhausted;

    ScanPages(DynamoDbClient client, ScanRequest request) {
        this.client = client;
        this.request = request;
        this.what = "Scan of " + request.tableName()
                + (request.segment() == null ? "" : " (segment " + request.segment() + "/" + request.totalSegments() + ")");
    }

    @Override
    public Page next(int limit) {
        ScanRequest.Builder b = request.toBuilder();
        if (startKey != null) {
            b.exclusiveStartKey(startKey);
        }
        if (limit > 0) {
            b.limit(limit);
        }
        ScanResponse r = SdkErrors.call(what, () -> client.scan(b.build()));
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
