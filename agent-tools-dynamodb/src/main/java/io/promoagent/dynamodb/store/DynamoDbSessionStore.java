package io.promoagent.dynamodb.store;

import io.promoagent.core.session.Session;
import io.promoagent.core.session.SessionStore;
import io.promoagent.schema.source.DataSourceException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Conversations in a DynamoDB table, so that any instance serves any session: one item per session id
 * with the remembered messages as JSON, a random {@code revision} for conditional writes
 * ({@link #update}), and an {@code expiresAt} epoch-second attribute that DynamoDB's time to live can delete idle
 * sessions by.
 */
public final class DynamoDbSessionStore implements SessionStore {

    /** A random value each write gives the item, for conditional writes. */
    private static final String REVISION = "revision";

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
        return parse(sessionId, item(sessionId));
    }

    private Map<String, AttributeValue> item(String sessionId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS(sessionId)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private Optional<Session> parse(String sessionId, Map<String, AttributeValue> item) {
        if (item == null) {
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
        client.putItem(b -> b.tableName(table).item(itemOf(session)));
    }

    /**
     * Optimistic locking: every write gives the item a new random {@code revision}, and a change is written with
     * the condition that the revision is still the one read (that the item is still absent, or still has no
     * revision when an earlier version wrote it); when the condition fails, another instance changed the session
     * in between and the change is applied again to the newer state.
     */
    @Override
    public Session update(String sessionId, Function<Optional<Session>, Session> change) {
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> item = item(sessionId);
            Optional<Session> current = parse(sessionId, item);
            Session next = Objects.requireNonNull(change.apply(current), "session");
            if (current.isPresent() && current.get() == next) {
                return next;
            }
            AttributeValue revision = item == null ? null : item.get(REVISION);
            try {
                client.putItem(b -> {
                    b.tableName(table).item(itemOf(next));
                    if (item == null) {
                        b.conditionExpression("attribute_not_exists(id)");
                    } else if (revision == null) {
                        b.conditionExpression("attribute_exists(id) AND attribute_not_exists(#rev)")
                                .expressionAttributeNames(Map.of("#rev", REVISION));
                    } else {
                        b.conditionExpression("#rev = :r").expressionAttributeNames(Map.of("#rev", REVISION))
                                .expressionAttributeValues(Map.of(":r", revision));
                    }
                });
                return next;
            } catch (ConditionalCheckFailedException changed) {
                // another instance wrote or deleted the session since it was read: read it again
            }
        }
        throw new DataSourceException("session " + sessionId + " in table " + table + " kept changing while it was updated");
    }

    private Map<String, AttributeValue> itemOf(Session session) {
        return Map.of(
                "id", AttributeValue.fromS(session.id()),
                "session", AttributeValue.fromS(session.toJson()),
                REVISION, AttributeValue.fromS(UUID.randomUUID().toString()),
                "expiresAt", AttributeValue.fromN(Long.toString(session.updatedAt().plus(timeToLive).getEpochSecond())));
    }

    @Override
    public void delete(String sessionId) {
        client.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(sessionId))));
    }
}
