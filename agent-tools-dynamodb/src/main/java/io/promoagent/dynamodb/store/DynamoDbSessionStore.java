package io.promoagent.dynamodb.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.session.Session;
import io.promoagent.core.session.SessionMessage;
import io.promoagent.core.session.SessionStore;
import io.promoagent.schema.source.DataSourceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
            JsonNode n = MAPPER.readTree(item.get("session").s());
            List<SessionMessage> messages = new ArrayList<>();
            for (JsonNode m : n.get("messages")) {
                messages.add(new SessionMessage(SessionMessage.Role.valueOf(m.get("role").textValue().toUpperCase(Locale.ROOT)),
                        m.get("text").textValue()));
            }
            return Optional.of(new Session(sessionId, messages, Instant.parse(n.get("updatedAt").textValue())));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new DataSourceException("session " + sessionId + " in table " + table + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void save(Session session) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("updatedAt", session.updatedAt().toString());
        ArrayNode messages = n.putArray("messages");
        session.messages().forEach(m -> messages.addObject().put("role", m.role().jsonName()).put("text", m.text()));
        client.putItem(b -> b.tableName(table).item(Map.of(
                "id", AttributeValue.fromS(session.id()),
                "session", AttributeValue.fromS(n.toString()),
                "expiresAt", AttributeValue.fromN(Long.toString(session.updatedAt().plus(timeToLive).getEpochSecond())))));
    }

    @Override
    public void delete(String sessionId) {
        client.deleteItem(b -> b.tableName(table).key(Map.of("id", AttributeValue.fromS(sessionId))));
    }
}
