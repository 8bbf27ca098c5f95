package io.promoagent.example.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.email.DeliveryState;
import io.promoagent.email.EmailAddress;
import io.promoagent.email.EmailException;
import io.promoagent.email.EmailMessage;
import io.promoagent.email.OutboxEntry;
import io.promoagent.email.OutboxStore;
import io.promoagent.email.SendReceipt;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
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
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The e-mail outbox in a DynamoDB table, so that what was sent outlives the process: after a crash, the
 * recovery of an interrupted send finds its messages SENT (not sent again) or SENDING (marked uncertain by
 * {@link io.promoagent.email.Outbox#recoverAfterRestart}, not sent again either). One item per message:
 * partition key {@code approvalId}, sort key {@code recipient}, so that an approval's messages are one
 * strongly consistent Query; every change is a PutItem conditioned on the state and attempts read, so of
 * two deliverers only one hands a message to the transport.
 */
public final class DynamoDbOutboxStore implements OutboxStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APPROVAL = "approvalId";
    private static final String RECIPIENT = "recipient";

    private final DynamoDbClient client;
    private final String table;
    /** Orders the entries one process adds; the time first, so that entries of earlier processes come first. */
    private final AtomicLong added = new AtomicLong();

    public DynamoDbOutboxStore(DynamoDbClient client, String table) {
        this.client = Objects.requireNonNull(client, "client");
        this.table = Objects.requireNonNull(table, "table");
    }

    /** Creates the table (on-demand billing) unless it exists. */
    public static void createTable(DynamoDbClient client, String table) {
        try {
            client.createTable(b -> b.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName(APPROVAL).attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName(RECIPIENT).attributeType(ScalarAttributeType.S).build())
                    .keySchema(
                            KeySchemaElement.builder().attributeName(APPROVAL).keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName(RECIPIENT).keyType(KeyType.RANGE).build()));
            client.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (ResourceInUseException exists) {
            // already there: nothing to do
        }
    }

    @Override
    public boolean addIfAbsent(OutboxEntry entry) {
        long order = added.updateAndGet(last -> Math.max(last + 1, System.currentTimeMillis() * 1_000));
        try {
            client.putItem(b -> b.tableName(table).item(item(entry, order))
                    .conditionExpression("attribute_not_exists(" + APPROVAL + ")"));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<OutboxEntry> find(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of(APPROVAL, AttributeValue.fromS(key.substring(0, slash)),
                        RECIPIENT, AttributeValue.fromS(key.substring(slash + 1))))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(entry(item));
    }

    @Override
    public boolean replace(OutboxEntry expected, OutboxEntry next) {
        if (!expected.key().equals(next.key())) {
            throw new IllegalArgumentException("a replace keeps the entry's key");
        }
        try {
            client.updateItem(b -> b.tableName(table).key(key(expected))
                    .updateExpression("SET #s = :ns, #a = :na, #e = :e")
                    .conditionExpression("#s = :s AND #a = :a")
                    .expressionAttributeNames(Map.of("#s", "state", "#a", "attempts", "#e", "entry"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(expected.state().name()),
                            ":a", AttributeValue.fromN(Integer.toString(expected.attempts())),
                            ":ns", AttributeValue.fromS(next.state().name()),
                            ":na", AttributeValue.fromN(Integer.toString(next.attempts())),
                            ":e", AttributeValue.fromS(json(next)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false; // changed meanwhile by another deliverer, or absent
        }
    }

    @Override
    public List<OutboxEntry> forApproval(String approvalId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = client.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("#p = :p")
                    .expressionAttributeNames(Map.of("#p", APPROVAL))
                    .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(approvalId)))
                    .exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return inOrderAdded(items);
    }

    @Override
    public List<OutboxEntry> all() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = client.scan(b -> b.tableName(table).consistentRead(true).exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return inOrderAdded(items);
    }

    private static List<OutboxEntry> inOrderAdded(List<Map<String, AttributeValue>> items) {
        return items.stream()
                .sorted(Comparator.comparingLong((Map<String, AttributeValue> i) -> Long.parseLong(i.get("added").n())))
                .map(DynamoDbOutboxStore::entry).toList();
    }

    private static Map<String, AttributeValue> key(OutboxEntry e) {
        return Map.of(APPROVAL, AttributeValue.fromS(e.approvalId()),
                RECIPIENT, AttributeValue.fromS(e.key().substring(e.approvalId().length() + 1)));
    }

    private static Map<String, AttributeValue> item(OutboxEntry e, long order) {
        if (!e.key().startsWith(e.approvalId() + "/")) {
            throw new IllegalArgumentException("an outbox key is approvalId/recipient, not " + e.key());
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(key(e));
        item.put("state", AttributeValue.fromS(e.state().name()));
        item.put("attempts", AttributeValue.fromN(Integer.toString(e.attempts())));
        item.put("added", AttributeValue.fromN(Long.toString(order)));
        item.put("entry", AttributeValue.fromS(json(e)));
        return item;
    }

    private static String json(OutboxEntry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("key", e.key());
        n.put("approvalId", e.approvalId());
        n.put("state", e.state().name());
        n.put("attempts", e.attempts());
        e.lastError().ifPresent(v -> n.put("lastError", v));
        e.receipt().ifPresent(r -> n.putObject("receipt").put("transport", r.transport()).put("messageId", r.messageId())
                .put("acceptedAt", r.acceptedAt().toString()));
        EmailMessage m = e.message();
        ObjectNode message = n.putObject("message");
        address(message.putObject("from"), m.from());
        address(message.putObject("to"), m.to());
        message.put("subject", m.subject()).put("text", m.text()).put("html", m.html()).put("idempotencyKey", m.idempotencyKey());
        ObjectNode headers = message.putObject("headers");
        m.headers().forEach(headers::put);
        return n.toString();
    }

    private static void address(ObjectNode n, EmailAddress a) {
        n.put("address", a.address());
        a.name().ifPresent(v -> n.put("name", v));
    }

    private static OutboxEntry entry(Map<String, AttributeValue> item) {
        try {
            JsonNode n = JSON.readTree(item.get("entry").s());
            JsonNode m = n.get("message");
            Map<String, String> headers = new LinkedHashMap<>();
            m.get("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
            EmailMessage message = new EmailMessage(address(m.get("from")), address(m.get("to")), m.get("subject").asText(),
                    m.get("text").asText(), m.get("html").asText(), headers, m.get("idempotencyKey").asText());
            Optional<SendReceipt> receipt = Optional.ofNullable(n.get("receipt")).map(r -> new SendReceipt(
                    r.get("transport").asText(), r.get("messageId").asText(), Instant.parse(r.get("acceptedAt").asText())));
            return new OutboxEntry(n.get("key").asText(), n.get("approvalId").asText(), message,
                    DeliveryState.valueOf(n.get("state").asText()), n.get("attempts").asInt(),
                    Optional.ofNullable(n.get("lastError")).map(JsonNode::asText), receipt);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new EmailException("the outbox entry of approval " + item.get(APPROVAL).s() + " to "
                    + item.get(RECIPIENT).s() + " cannot be read: " + e.getMessage(), false);
        }
    }

    private static EmailAddress address(JsonNode n) {
        return new EmailAddress(n.get("address").asText(), Optional.ofNullable(n.get("name")).map(JsonNode::asText));
    }
}
