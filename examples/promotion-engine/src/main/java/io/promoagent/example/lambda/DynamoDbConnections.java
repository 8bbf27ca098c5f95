package io.promoagent.example.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.promoagent.core.security.Principal;
import io.promoagent.example.server.ConnectionState;
import io.promoagent.example.server.ServerMessages;
import io.promoagent.example.server.SessionDirectory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * What the Lambda handler keeps between invocations, in one DynamoDB table: each open connection's state
 * ({@code connection#ID}: its conversation, who signed in, messages waiting to be posted) and the owner of
 * each conversation ({@code session#ID}), claimed with a conditional write. Items carry an
 * {@code expiresAt} epoch-second attribute for DynamoDB's time-to-live.
 */
public final class DynamoDbConnections implements SessionDirectory {

    private static final String KEY = "pk";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final DynamoDbClient client;
    private final String table;
    private final Clock clock;
    private final Duration timeToLive;

    public DynamoDbConnections(DynamoDbClient client, String table, Clock clock, Duration timeToLive) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
    }

    /** Creates the table (on-demand billing) unless it exists; the SAM template creates it in a deployment. */
    public static void createTable(DynamoDbClient client, String table) {
        try {
            client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(KEY).attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName(KEY).keyType(KeyType.HASH).build()));
            client.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (ResourceInUseException exists) {
            // already there
        }
    }

    /** A connection's state and the messages waiting for it. */
    public record Stored(ConnectionState state, List<String> pending) {
        public Stored {
            Objects.requireNonNull(state, "state");
            pending = List.copyOf(pending);
        }
    }

    public Optional<Stored> find(String connectionId) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(KEY, AttributeValue.fromS("connection#" + connectionId)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        Optional<Principal> principal = item.containsKey("principal")
                ? Optional.of(new Principal(item.get("principal").s(), new java.util.HashSet<>(strings(item.get("roles")))))
                : Optional.empty();
        return Optional.of(new Stored(new ConnectionState(connectionId, item.get("sessionId").s(), principal),
                strings(item.get("pending"))));
    }

    public void save(Stored stored) {
        ConnectionState state = stored.state();
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KEY, AttributeValue.fromS("connection#" + state.connectionId()));
        item.put("sessionId", AttributeValue.fromS(state.sessionId()));
        state.principal().ifPresent(p -> {
            item.put("principal", AttributeValue.fromS(p.id()));
            item.put("roles", AttributeValue.fromS(write(new ArrayList<>(p.roles()))));
        });
        item.put("pending", AttributeValue.fromS(write(stored.pending())));
        item.put("expiresAt", expiresAt());
        client.putItem(b -> b.tableName(table).item(item));
    }

    public void delete(String connectionId) {
        client.deleteItem(b -> b.tableName(table).key(Map.of(KEY, AttributeValue.fromS("connection#" + connectionId))));
    }

    @Override
    public boolean claim(String sessionId, String principalId) {
        try {
            client.putItem(b -> b.tableName(table)
                    .item(Map.of(KEY, AttributeValue.fromS("session#" + sessionId), "owner", AttributeValue.fromS(principalId),
                            "expiresAt", expiresAt()))
                    .conditionExpression("attribute_not_exists(#k) OR #o = :p")
                    .expressionAttributeNames(Map.of("#k", KEY, "#o", "owner"))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(principalId))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private AttributeValue expiresAt() {
        return AttributeValue.fromN(Long.toString(clock.instant().plus(timeToLive).getEpochSecond()));
    }

    private static List<String> strings(AttributeValue value) {
        if (value == null || value.s() == null) {
            return List.of();
        }
        try {
            return ServerMessages.mapper().readValue(value.s(), STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored connection is not readable", e);
        }
    }

    private static String write(List<String> values) {
        try {
            return ServerMessages.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
