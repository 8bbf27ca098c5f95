package io.promoagent.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.dynamodb.FakeDynamoDb.Reply;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.WriteConflictException;
import io.promoagent.core.ToolException;
import io.promoagent.dynamodb.store.DynamoDbRecordWriter;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Index;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Faults DynamoDB Local cannot produce, injected by a local server speaking DynamoDB's protocol:
 * throttling that clears and that does not, unprocessed batch items, connection resets, cancelled
 * transactions. Each ends in the right result after retries or in a typed error, and no write is applied
 * twice.
 */
class FaultTest {

    private static final Entity CUSTOMERS = Entity.builder("customers").key("id")
            .index(Index.of("segment-index", "segment", "total_spent"))
            .field("id", FieldType.STRING)
            .field(Field.of("segment", FieldType.ENUM).withValues(EnumValue.of("VIP"), EnumValue.of("Regular")))
            .field("total_spent", FieldType.NUMBER)
            .field("city", FieldType.STRING)
            .build();

    private FakeDynamoDb fake;
    private DynamoDbClient client;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeDynamoDb();
        client = fake.client(4);
    }

    @AfterEach
    void stop() {
        client.close();
        fake.close();
    }

    private static String item(String id, String segment, String spent) {
        return "{\"id\":{\"S\":\"" + id + "\"},\"segment\":{\"S\":\"" + segment + "\"},\"total_spent\":{\"N\":\"" + spent + "\"}}";
    }

    private static String page(List<String> items, String lastKey) {
        return "{\"Items\":[" + String.join(",", items) + "],\"Count\":" + items.size() + ",\"ScannedCount\":" + items.size()
                + (lastKey == null ? "" : ",\"LastEvaluatedKey\":" + lastKey)
                + ",\"ConsumedCapacity\":{\"TableName\":\"customers\",\"CapacityUnits\":0.5}}";
    }

    private static List<Row> read(DynamoDbDataSource source, SourceQuery q) {
        List<Row> rows = new ArrayList<>();
        try (SourceCursor c = source.open(q)) {
            c.forEachRemaining(rows::add);
        }
        return rows;
    }

    private DynamoDbDataSource source() {
        return DynamoDbDataSource.builder(client).id("fake").concurrency(1)
                .retry(new RetrySettings(4, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2),
                        java.time.Duration.ofMillis(10)))
                .build();
    }

    @Nested
    class Reads {

        @Test
        void returnsTheItemsOnceThrottlingClears() {
            fake.on("Query", (n, body) -> n <= 2 ? Reply.throttled()
                    : Reply.ok(page(List.of(item("C1", "VIP", "2500"), item("C2", "VIP", "3100")), null)));
            List<Row> rows = read(source(), SourceQuery.where(CUSTOMERS, Compare.eq("segment", "VIP")));
            assertThat(rows).extracting(r -> r.valueOrNull("id")).containsExactly("C1", "C2");
            assertThat(fake.requests("Query")).hasSize(3);
        }

        @Test
        void raisesAThrottledErrorWhenThrottlingNeverClears() {
            fake.on("Query", (n, body) -> Reply.throttled());
            assertThatThrownBy(() -> read(source(), SourceQuery.where(CUSTOMERS, Compare.eq("segment", "VIP"))))
                    .isInstanceOf(ThrottledException.class)
                    .hasMessageContaining("Query on customers/segment-index")
                    .hasMessageContaining("ProvisionedThroughputExceededException");
            assertThat(fake.requests("Query")).hasSize(4);
        }

        @Test
        void retriesAQueryWhoseConnectionWasReset() {
            fake.on("Query", (n, body) -> n == 1 ? Reply.RESET : Reply.ok(page(List.of(item("C1", "VIP", "2500")), null)));
            List<Row> rows = read(source(), SourceQuery.where(CUSTOMERS, Compare.eq("segment", "VIP")));
            assertThat(rows).hasSize(1);
            assertThat(fake.requests("Query")).hasSize(2);
        }

        @Test
        void asksAgainForTheKeysABatchLeftUnprocessed() {
            fake.on("BatchGetItem", (n, body) -> {
                List<String> ids = new ArrayList<>();
                body.path("RequestItems").path("customers").path("Keys").forEach(k -> ids.add(k.path("id").path("S").asText()));
                if (n == 1) {
                    // Half served, half left for later, as DynamoDB does under load.
                    List<String> served = ids.subList(0, ids.size() / 2);
                    List<String> left = ids.subList(ids.size() / 2, ids.size());
                    return Reply.ok(batchGet(served, left));
                }
                return Reply.ok(batchGet(ids, List.of()));
            });
            SourceQuery q = SourceQuery.where(CUSTOMERS, Compare.of("id", Operator.IN, "C1", "C2", "C3", "C4", "C5"));
            List<Row> rows = read(source(), q);
            assertThat(rows).extracting(r -> r.valueOrNull("id")).containsExactlyInAnyOrder("C1", "C2", "C3", "C4", "C5");
            assertThat(fake.requests("BatchGetItem")).hasSize(2);
            assertThat(fake.requests("BatchGetItem").get(1).body().path("RequestItems").path("customers").path("Keys"))
                    .hasSize(3);
        }

        @Test
        void raisesAThrottledErrorWhenKeysStayUnprocessed() {
            fake.on("BatchGetItem", (n, body) -> {
                List<String> ids = new ArrayList<>();
                body.path("RequestItems").path("customers").path("Keys").forEach(k -> ids.add(k.path("id").path("S").asText()));
                return Reply.ok(batchGet(List.of(), ids));
            });
            SourceQuery q = SourceQuery.where(CUSTOMERS, Compare.of("id", Operator.IN, "C1", "C2"));
            assertThatThrownBy(() -> read(source(), q)).isInstanceOf(ThrottledException.class)
                    .hasMessageContaining("unprocessed");
        }

        @Test
        void followsLastEvaluatedKeyUntilTheLimitHasMatchedAndNoFurther() {
            // Page 1 matches nothing after the filter, page 2 matches two, page 3 would match more.
            fake.on("Scan", (n, body) -> switch (n) {
                case 1 -> Reply.ok(page(List.of(), "{\"id\":{\"S\":\"C10\"}}"));
                case 2 -> Reply.ok(page(List.of(item("C11", "VIP", "10"), item("C12", "VIP", "20")), "{\"id\":{\"S\":\"C12\"}}"));
                default -> Reply.ok(page(List.of(item("C13", "VIP", "30")), null));
            });
            SourceQuery q = new SourceQuery(CUSTOMERS, Optional.of(Compare.eq("city", "Denver")), List.of(), OptionalInt.of(2));
            List<Row> rows = read(source(), q);
            assertThat(rows).hasSize(2);
            assertThat(fake.requests("Scan")).hasSize(2);
            assertThat(fake.requests("Scan").get(1).body().path("ExclusiveStartKey").path("id").path("S").asText())
                    .isEqualTo("C10");
        }
    }

    @Nested
    class Writes {

        private final Map<String, Integer> applied = new ConcurrentHashMap<>();
        private final Set<String> tokens = ConcurrentHashMap.newKeySet();

        @BeforeEach
        void nothingExistsYet() {
            fake.on("TransactGetItems", (n, body) -> Reply.ok("{\"Responses\":[" + String.join(",",
                    IntStream.range(0, body.path("TransactItems").size()).mapToObj(i -> "{}").toList()) + "]}"));
        }

        /** Applies a transaction once per ClientRequestToken, as DynamoDB does, and resets the first connection. */
        private Reply idempotentTransaction(int attempt, JsonNode body, boolean resetFirst) {
            String token = body.path("ClientRequestToken").asText();
            if (tokens.add(token)) {
                body.path("TransactItems").forEach(t -> applied.merge(t.path("Put").path("Item").path("id").path("S").asText(), 1, Integer::sum));
            }
            return resetFirst && attempt == 1 ? Reply.RESET : Reply.ok("{}");
        }

        private DynamoDbRecordWriter writer() {
            return new DynamoDbRecordWriter(client, DataModel.builder().source("default", "dynamodb").entity(CUSTOMERS).build());
        }

        private static AffectedRecord create(Map<String, Object> values) {
            return AffectedRecord.create("customers", Map.of("id", values.get("id")), new Row(values));
        }

        @Test
        void writesATransactionOnceWhenItsResponseIsLostAndTheSdkRetries() {
            fake.on("TransactWriteItems", (n, body) -> idempotentTransaction(n, body, true));
            List<AffectedRecord> result = writer().write(List.of(
                    create(Map.of("id", "C1", "segment", "VIP")),
                    create(Map.of("id", "C2", "segment", "VIP"))), "change-set-7");
            assertThat(result).hasSize(2);
            assertThat(fake.requests("TransactWriteItems")).hasSize(2)
                    .allSatisfy(r -> assertThat(r.body().path("ClientRequestToken").asText()).isEqualTo("change-set-7"));
            assertThat(fake.requests("TransactWriteItems").get(0).body())
                    .isEqualTo(fake.requests("TransactWriteItems").get(1).body());
            assertThat(applied).containsExactlyInAnyOrderEntriesOf(Map.of("C1", 1, "C2", 1));
        }

        @Test
        void sendsEachCreateWithACondition() {
            fake.on("TransactWriteItems", (n, body) -> idempotentTransaction(n, body, false));
            writer().write(List.of(create(Map.of("id", "C9"))), "t-1");
            JsonNode put = fake.requests("TransactWriteItems").get(0).body().path("TransactItems").get(0).path("Put");
            assertThat(put.path("ConditionExpression").asText()).isEqualTo("attribute_not_exists(#n0)");
            assertThat(put.path("ExpressionAttributeNames").path("#n0").asText()).isEqualTo("id");
        }

        @Test
        void raisesAConflictWhenTheTransactionIsCancelledByAnotherWriter() {
            fake.on("TransactWriteItems", (n, body) -> cancelled("TransactionConflict"));
            assertThatThrownBy(() -> writer().write(List.of(create(Map.of("id", "C1"))), "t-2"))
                    .isInstanceOf(ToolException.class).hasMessageContaining("nothing was written");
        }

        @Test
        void namesTheRecordWhoseConditionFailedInsideTheTransaction() {
            fake.on("TransactWriteItems", (n, body) -> cancelled("None\"},{\"Code\":\"ConditionalCheckFailed"));
            assertThatThrownBy(() -> writer().write(List.of(
                    create(Map.of("id", "C1")),
                    create(Map.of("id", "C2"))), "t-3"))
                    .isInstanceOfSatisfying(WriteConflictException.class,
                            e -> assertThat(e.key()).isEqualTo(Map.of("id", "C2")));
        }

        @Test
        void raisesAThrottledErrorWhenTheTransactionStaysThrottled() {
            fake.on("TransactWriteItems", (n, body) -> Reply.throttled());
            assertThatThrownBy(() -> writer().write(List.of(create(Map.of("id", "C1"))), "t-4"))
                    .isInstanceOf(ToolException.class).hasCauseInstanceOf(ThrottledException.class);
            assertThat(fake.requests("TransactWriteItems")).hasSize(4)
                    .allSatisfy(r -> assertThat(r.body().path("ClientRequestToken").asText()).isEqualTo("t-4"));
        }

        private Reply cancelled(String code) {
            return new Reply(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                    + "\"message\":\"Transaction cancelled\",\"CancellationReasons\":[{\"Code\":\"" + code + "\"}]}");
        }
    }

    @Nested
    class Loads {

        @Test
        void writesEveryItemOnceWhenBatchesLeaveItemsUnprocessed() {
            Map<String, Integer> stored = new ConcurrentHashMap<>();
            Map<Integer, Boolean> first = new ConcurrentHashMap<>();
            fake.on("BatchWriteItem", (n, body) -> {
                List<JsonNode> requests = new ArrayList<>();
                body.path("RequestItems").path("customers").forEach(requests::add);
                // Every other call stores only the first item and hands the rest back.
                boolean partial = first.putIfAbsent(n, true) == null && n % 2 == 1 && requests.size() > 1;
                List<JsonNode> done = partial ? requests.subList(0, 1) : requests;
                List<JsonNode> left = partial ? requests.subList(1, requests.size()) : List.of();
                done.forEach(r -> stored.merge(r.path("PutRequest").path("Item").path("id").path("S").asText(), 1, Integer::sum));
                return Reply.ok("{\"UnprocessedItems\":" + (left.isEmpty() ? "{}" : "{\"customers\":" + left + "}") + "}");
            });
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                rows.add(new Row(Map.of("id", "C" + i, "segment", "VIP", "total_spent", new BigDecimal(i))));
            }
            DynamoDbLoader.LoadResult result = DynamoDbLoader.load(client, CUSTOMERS, rows,
                    new RetrySettings(6, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5)));
            assertThat(result.items()).isEqualTo(60);
            Map<String, Integer> once = new HashMap<>();
            rows.forEach(r -> once.put((String) r.valueOrNull("id"), 1));
            assertThat(stored).containsExactlyInAnyOrderEntriesOf(once);
        }

        @Test
        void raisesAThrottledErrorWhenItemsStayUnprocessed() {
            fake.on("BatchWriteItem", (n, body) -> Reply.ok("{\"UnprocessedItems\":" + body.path("RequestItems") + "}"));
            List<Row> rows = List.of(new Row(Map.of("id", "C1")), new Row(Map.of("id", "C2")));
            assertThatThrownBy(() -> DynamoDbLoader.load(client, CUSTOMERS, rows,
                    new RetrySettings(3, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5))))
                    .isInstanceOf(ThrottledException.class).hasMessageContaining("unprocessed");
        }
    }

    private static String batchGet(List<String> served, List<String> left) {
        StringBuilder items = new StringBuilder();
        for (String id : served) {
            items.append(items.length() == 0 ? "" : ",").append(item(id, "VIP", "100"));
        }
        StringBuilder keys = new StringBuilder();
        for (String id : left) {
            keys.append(keys.length() == 0 ? "" : ",").append("{\"id\":{\"S\":\"").append(id).append("\"}}");
        }
        return "{\"Responses\":{\"customers\":[" + items + "]},\"UnprocessedKeys\":"
                + (left.isEmpty() ? "{}" : "{\"customers\":{\"Keys\":[" + keys + "]}}")
                + ",\"ConsumedCapacity\":[{\"TableName\":\"customers\",\"CapacityUnits\":1.0}]}";
    }

}
