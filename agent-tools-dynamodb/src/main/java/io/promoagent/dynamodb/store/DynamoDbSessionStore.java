package io.promoagent.dynamodb.store;

import io.promoagent.core.session.Session;
import io.promoagent.core.session.SessionStore;
import io.promoagent.schema.source.DataSourceException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Conversations in a DynamoDB table, so that any instance serves any session: one item per session id
 * with the remembered messages as JSON and an {@code expiresAt} epoch-second attribute that DynamoDB's time
 * to live can delete idle sessions by.
 */
public final class DynamoDbSessionStore implements SessionStore {


    private final DynamoDbClient client;
    private final String table;
    private final Duration timeToLive;

    public DynamoDbSessionStore(DynamoDbClient client, String table, Duration timeToLive) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
    }

    public static void createTable(DynamoDbClient client, String table) {
        try {
            client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()));
            client.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (ResourceInUseException exists) {
            // already there
        }
    }

    @Override
    public Optional<Session> find(String sessionId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS(sessionId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Session.fromJson(sessionId, item.get("session").s()));
        } catch (IllegalArgumentException e) {
            throw new DataSourceException("session " + sessionId + " in table " + table + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Session session) {
        client.putItem(b -> b.tableName(table).item(Map.of(
                "id", AttributeValue.fromS(session.id()),
                "session", AttributeValue.fromS(session.toJson()),
                "expiresAt", AttributeValue.fromN(Long.toString(session.updatedAt().plus(timeToLive).getEpochSecond())))));
    }

    @Override
    public void delete(String sessionId) {
        client.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(sessionId))));
    }
}
