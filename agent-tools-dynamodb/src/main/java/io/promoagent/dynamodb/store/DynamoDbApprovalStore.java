package io.promoagent.dynamodb.store;

import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalRecord;
import io.promoagent.core.approval.ApprovalStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Approvals in a DynamoDB table shared by every instance (Lambda functions, several servers). Each record
 * is one item keyed by {@code approvalId}, holding the record's exact JSON and its revision; a replace is a
 * PutItem conditioned on the stored revision, so of two instances deciding or applying at once exactly one
 * succeeds. A global secondary index on {@code changeSetId} finds the approval of a change set.
 */
public final class DynamoDbApprovalStore implements ApprovalStore {

    static final String CHANGE_SET_INDEX = "changeSetId-index";

    private final DynamoDbClient client;
    private final String table;

    public DynamoDbApprovalStore(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Creates the table with its index (on-demand billing) unless it exists. */
    public static void createTable(DynamoDbClient client, String table) {
        try {
            client.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName("approvalId").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("changeSetId").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("approvalId").keyType(KeyType.HASH).build())
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName(CHANGE_SET_INDEX)
                            .keySchema(KeySchemaElement.builder().attributeName("changeSetId").keyType(KeyType.HASH).build())
                            .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
            client.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (ResourceInUseException exists) {
            // already there: nothing to do
        }
    }

    @Override
    public void create(ApprovalRecord record) {
        try {
            client.putItem(b -> b.tableName(table).item(item(record))
                    .conditionExpression("attribute_not_exists(approvalId)"));
        } catch (ConditionalCheckFailedException e) {
            throw new ApprovalException(ApprovalException.DUPLICATE_APPROVAL, "approval " + record.approvalId() + " exists");
        }
    }

    @Override
    public Optional<ApprovalRecord> find(String approvalId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("approvalId", AttributeValue.fromS(approvalId)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(record(item));
    }

    @Override
    public Optional<ApprovalRecord> findByChangeSet(String changeSetId) {
        QueryResponse r = client.query(b -> b.tableName(table).indexName(CHANGE_SET_INDEX)
                .keyConditionExpression("changeSetId = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(changeSetId))));
        if (r.items().isEmpty()) {
            return Optional.empty();
        }
        // the index is eventually consistent: read the item itself for its current revision
        return find(r.items().get(0).get("approvalId").s());
    }

    @Override
    public boolean replace(ApprovalRecord expected, ApprovalRecord next) {
        if (!expected.approvalId().equals(next.approvalId())) {
            throw new IllegalArgumentException("a replace keeps the approval id");
        }
        try {
            client.putItem(b -> b.tableName(table).item(item(next))
                    .conditionExpression("revision = :r")
                    .expressionAttributeValues(Map.of(":r", AttributeValue.fromN(Long.toString(expected.revision())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Every approval, oldest first; a Scan, meant for the small approvals table of an application. */
    @Override
    public List<ApprovalRecord> list() {
        List<ApprovalRecord> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = client.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from));
            page.items().forEach(i -> out.add(record(i)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        out.sort(Comparator.comparing((ApprovalRecord r) -> r.changeSet().createdAt()).thenComparing(ApprovalRecord::approvalId));
        return out;
    }

    private static Map<String, AttributeValue> item(ApprovalRecord r) {
        return Map.of(
                "approvalId", AttributeValue.fromS(r.approvalId()),
                "changeSetId", AttributeValue.fromS(r.changeSet().id()),
                "status", AttributeValue.fromS(r.status().name()),
                "revision", AttributeValue.fromN(Long.toString(r.revision())),
                "record", AttributeValue.fromS(r.toJson()));
    }

    private static ApprovalRecord record(Map<String, AttributeValue> item) {
        return ApprovalRecord.fromJson(item.get("record").s());
    }
}
