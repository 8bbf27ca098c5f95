package io.promoagent.dynamodb.store;

import io.promoagent.core.audit.AuditConflictException;
import io.promoagent.core.audit.AuditException;
import io.promoagent.core.audit.AuditRecord;
import io.promoagent.core.audit.AuditStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The audit chain in a DynamoDB table shared by every instance of a service (Lambda functions, several
 * servers). A chain is one partition: partition key {@code chain} (the chain id, {@code "audit"} unless
 * told otherwise), sort key {@code seq}, and the record's exact JSON in {@code record}.
 *
 * <p>An append is a PutItem conditioned on {@code attribute_not_exists(seq)}: of two instances that both
 * read head {@code n} and both write {@code n + 1}, one succeeds and the other gets an
 * {@link AuditConflictException}, re-reads the head and links after the winner, so the chain never forks.
 * The store does not check that the record links to record {@code n} (that would take a transaction per
 * append); {@link io.promoagent.core.audit.ChainedAuditSink} always links to the head it read, and a
 * writer that does not is found by {@link io.promoagent.core.audit.AuditVerifier}. Reads are strongly
 * consistent, so the head read after a lost race is the winner's record.
 *
 * <p>One partition takes about 1,000 small writes a second, far above the audit traffic of an agent;
 * separate chains (per tenant, per application) can share a table under their own chain ids.
 */
public final class DynamoDbAuditStore implements AuditStore {

    /** The chain id used when none is given. */
    public static final String DEFAULT_CHAIN = "audit";

    private static final int PAGE = 1000;

    private final DynamoDbClient client;
    private final String table;
    private final String chain;

    /** The chain {@link #DEFAULT_CHAIN} in {@code table}. */
    public DynamoDbAuditStore(DynamoDbClient client, String table) {
        this(client, table, DEFAULT_CHAIN);
    }

    /** The chain {@code chain} in {@code table}. */
    public DynamoDbAuditStore(DynamoDbClient client, String table, String chain) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.chain = Objects.requireNonNull(chain, "chain");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chain id must not be empty");
        }
    }

    /** Creates the table (on-demand billing) unless it exists, and waits until it is active. */
    public static void createTable(DynamoDbClient client, String table) {
        try {
            client.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName("chain").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("seq").attributeType(ScalarAttributeType.N).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName("chain").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("seq").keyType(KeyType.RANGE).build()));
            client.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (ResourceInUseException exists) {
            // already there: nothing to do
        }
    }

    @Override
    public void append(AuditRecord record) {
        Map<String, AttributeValue> item = Map.of(
                "chain", AttributeValue.fromS(chain),
                "seq", AttributeValue.fromN(Long.toString(record.sequence())),
                "hash", AttributeValue.fromS(record.hash()),
                "record", AttributeValue.fromS(record.toJson()));
        try {
            call("PutItem of audit record " + record.sequence(), () -> client.putItem(b -> b.tableName(table)
                    .item(item)
                    .conditionExpression("attribute_not_exists(seq)")));
        } catch (ConditionalCheckFailedException e) {
            throw new AuditConflictException(record.sequence(), "audit record " + record.sequence() + " of chain '"
                    + chain + "' exists already", e);
        }
    }

    @Override
    public Optional<AuditRecord> head() {
        QueryResponse r = call("Query of the audit head", () -> client.query(b -> b.tableName(table)
                .consistentRead(true)
                .keyConditionExpression("#c = :c")
                .expressionAttributeNames(Map.of("#c", "chain"))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(chain)))
                .scanIndexForward(false)
                .limit(1)));
        return r.items().isEmpty() ? Optional.empty() : Optional.of(record(r.items().get(0)));
    }

    @Override
    public List<AuditRecord> read(long fromSequence, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        List<AuditRecord> out = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        while (out.size() < limit) {
            Map<String, AttributeValue> from = start;
            int want = Math.min(limit - out.size(), PAGE);
            QueryResponse page = call("Query of audit records", () -> client.query(b -> b.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("#c = :c AND #s >= :s")
                    .expressionAttributeNames(Map.of("#c", "chain", "#s", "seq"))
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS(chain),
                            ":s", AttributeValue.fromN(Long.toString(Math.max(fromSequence, 1)))))
                    .exclusiveStartKey(from)
                    .limit(want)));
            page.items().forEach(i -> out.add(record(i)));
            if (!page.hasLastEvaluatedKey() || page.lastEvaluatedKey().isEmpty()) {
                break;
            }
            start = page.lastEvaluatedKey();
        }
        return List.copyOf(out);
    }

    /** The chain id. */
    public String chain() {
        return chain;
    }

    private AuditRecord record(Map<String, AttributeValue> item) {
        AttributeValue json = item.get("record");
        if (json == null || json.s() == null) {
            throw new AuditException("audit item " + item.get("seq") + " of chain '" + chain + "' in table " + table
                    + " has no record");
        }
        return AuditRecord.fromJson(json.s());
    }

    /** Runs one call; a conditional failure goes to the caller, any other SDK failure is an AuditException. */
    private <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (AwsServiceException e) {
            String detail = e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
                    ? e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage() : e.getMessage();
            throw new AuditException(what + " in table " + table + " failed: " + detail, e);
        } catch (SdkException e) {
            throw new AuditException(what + " in table " + table + " failed: DynamoDB could not be reached ("
                    + e.getMessage() + ")", e);
        }
    }
}
