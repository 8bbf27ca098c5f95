package io.promoagent.dynamodb.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.dynamodb.DynamoDbTables;
import io.promoagent.dynamodb.LocalDynamoDb;
import io.promoagent.dynamodb.compile.AttributeValues;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Index;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.ir.CalendarUnit;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Conditional writes of change sets on DynamoDB Local: collisions, stale previews, exact before-images, limits. */
class DynamoDbWriterTest {

    private static final Entity PROMOTIONS = Entity.builder("promotions").table("write_promotions").key("id")
            .index(Index.of("code-index", "code"))
            .field("id", FieldType.STRING).field("code", FieldType.STRING).field("status", FieldType.ENUM)
            .field("discount_value", FieldType.NUMBER).field("min_order_total", FieldType.NUMBER)
            .field("exclusive", FieldType.BOOLEAN).field("name", FieldType.STRING)
            .build();
    private static final Entity VERSIONED = Entity.builder("campaigns").table("write_campaigns").key("id")
            .field("id", FieldType.STRING).field("status", FieldType.STRING).field("version", FieldType.INTEGER)
            .build();
    private static final Entity ORDERS = Entity.builder("orders").table("write_orders").key("id")
            .index(Index.of("month-index", "order_month", "order_date"))
            .field("id", FieldType.STRING).field("order_date", FieldType.DATE)
            .field(io.promoagent.schema.model.Field.of("order_month", FieldType.STRING)
                    .withBucket(new io.promoagent.schema.model.Bucket("order_date", CalendarUnit.MONTH)))
            .build();

    private static DynamoDbClient client;
    private static DynamoDbWriter writer;

    @BeforeAll
    static void tables() {
        client = LocalDynamoDb.client();
        DynamoDbTables.create(client, List.of(PROMOTIONS, VERSIONED, ORDERS));
        writer = new DynamoDbWriter(client);
    }

    private static Row promotion(String id, String status) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", id);
        v.put("code", "CODE" + id);
        v.put("status", status);
        v.put("discount_value", new BigDecimal("25"));
        v.put("min_order_total", new BigDecimal("40.5"));
        v.put("exclusive", true);
        v.put("name", "Summer ✓");
        return new Row(v);
    }

    private static String id() {
        return "P" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, AttributeValue> raw(Entity e, String id) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(e.table())
                .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Map.of() : item;
    }

    private static Row with(Row row, String field, Object value) {
        Map<String, Object> v = new LinkedHashMap<>(row.values());
        if (value == null) {
            v.remove(field);
        } else {
            v.put(field, value);
        }
        return new Row(v);
    }

    @Nested
    class Creates {

        @Test
        void createsItemsThatDoNotExist() {
            String a = id();
            String b = id();
            WriteResult r = writer.write(List.of(ItemWrite.create(PROMOTIONS, promotion(a, "draft")),
                    ItemWrite.create(PROMOTIONS, promotion(b, "draft"))), UUID.randomUUID().toString());
            assertThat(AttributeValues.row(raw(PROMOTIONS, a))).isEqualTo(promotion(a, "draft"));
            assertThat(raw(PROMOTIONS, b)).isNotEmpty();
            assertThat(r.items()).allSatisfy(w -> assertThat(w.before()).isEmpty());
        }

        @Test
        void refusesACreateThatCollidesAndWritesNothingElse() {
            String existing = id();
            String fresh = id();
            writer.write(List.of(ItemWrite.create(PROMOTIONS, promotion(existing, "active"))), UUID.randomUUID().toString());

            assertThatThrownBy(() -> writer.write(List.of(ItemWrite.create(PROMOTIONS, promotion(fresh, "draft")),
                    ItemWrite.create(PROMOTIONS, promotion(existing, "draft"))), UUID.randomUUID().toString()))
                    .isInstanceOfSatisfying(ConditionFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ConditionFailedException.Reason.ALREADY_EXISTS);
                        assertThat(e.entity()).isEqualTo("promotions");
                        assertThat(e.key()).isEqualTo(Map.of("id", existing));
                        assertThat(e).hasMessageContaining(existing).hasMessageContaining("nothing was written");
                    });
            assertThat(raw(PROMOTIONS, fresh)).isEmpty();
            assertThat(AttributeValues.row(raw(PROMOTIONS, existing)).valueOrNull("status")).isEqualTo("active");
        }

        @Test
        void refusesACreateWhoseItemAppearsBetweenTheReadAndTheWrite() {
            String id = id();
            DynamoDbClient racing = afterTransactGet(client, () -> client.putItem(b -> b.tableName(PROMOTIONS.table())
                    .item(AttributeValues.item(promotion(id, "active")))));
            assertThatThrownBy(() -> new DynamoDbWriter(racing).write(
                    List.of(ItemWrite.create(PROMOTIONS, promotion(id, "draft"))), UUID.randomUUID().toString()))
                    .isInstanceOfSatisfying(ConditionFailedException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConditionFailedException.Reason.ALREADY_EXISTS));
            assertThat(AttributeValues.row(raw(PROMOTIONS, id)).valueOrNull("status")).isEqualTo("active");
        }
    }

    @Nested
    class Updates {

        @Test
        void refusesAnUpdateOfAnItemChangedSinceThePreview() {
            String id = id();
            Row previewed = promotion(id, "draft");
            writer.write(List.of(ItemWrite.create(PROMOTIONS, previewed)), UUID.randomUUID().toString());
            // Someone else changes the discount after the preview was shown.
            client.updateItem(b -> b.tableName(PROMOTIONS.table()).key(Map.of("id", AttributeValue.fromS(id)))
                    .updateExpression("SET discount_value = :d").expressionAttributeValues(Map.of(":d", AttributeValue.fromN("50"))));

            ItemWrite stale = ItemWrite.update(PROMOTIONS, previewed, with(previewed, "status", "active"), null);
            assertThatThrownBy(() -> writer.write(List.of(stale), UUID.randomUUID().toString()))
                    .isInstanceOfSatisfying(ConditionFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ConditionFailedException.Reason.CHANGED);
                        assertThat(e).hasMessageContaining(id).hasMessageContaining("discount_value");
                    });
            assertThat(AttributeValues.row(raw(PROMOTIONS, id)).valueOrNull("status")).isEqualTo("draft");
        }

        @Test
        void refusesAnUpdateWhenTheItemChangesBetweenTheReadAndTheWrite() {
            String id = id();
            Row previewed = promotion(id, "draft");
            writer.write(List.of(ItemWrite.create(PROMOTIONS, previewed)), UUID.randomUUID().toString());
            DynamoDbClient racing = afterTransactGet(client, () -> client.updateItem(b -> b.tableName(PROMOTIONS.table())
                    .key(Map.of("id", AttributeValue.fromS(id))).updateExpression("SET #n = :n")
                    .expressionAttributeNames(Map.of("#n", "name")).expressionAttributeValues(Map.of(":n", AttributeValue.fromS("renamed")))));
            ItemWrite update = ItemWrite.update(PROMOTIONS, previewed, with(previewed, "status", "active"), null);
            assertThatThrownBy(() -> new DynamoDbWriter(racing).write(List.of(update), UUID.randomUUID().toString()))
                    .isInstanceOfSatisfying(ConditionFailedException.class, e -> {
                        assertThat(e.reason()).isEqualTo(ConditionFailedException.Reason.CHANGED);
                        assertThat(e).hasMessageContaining("found while writing");
                    });
            Row now = AttributeValues.row(raw(PROMOTIONS, id));
            assertThat(now.valueOrNull("status")).isEqualTo("draft");
            assertThat(now.valueOrNull("name")).isEqualTo("renamed");
        }

        @Test
        void refusesAnUpdateOfAnItemThatIsGone() {
            Row ghost = promotion(id(), "draft");
            assertThatThrownBy(() -> writer.write(List.of(ItemWrite.update(PROMOTIONS, ghost, with(ghost, "status", "active"), null)),
                    UUID.randomUUID().toString()))
                    .isInstanceOfSatisfying(ConditionFailedException.class,
                            e -> assertThat(e.reason()).isEqualTo(ConditionFailedException.Reason.MISSING));
        }

        @Test
        void expectsAndIncrementsTheVersionOfAVersionedEntity() {
            String id = id();
            Row created = new Row(Map.of("id", id, "status", "draft"));
            WriteResult first = writer.write(List.of(ItemWrite.create(VERSIONED, created)), UUID.randomUUID().toString());
            Row v1 = first.items().get(0).after().orElseThrow();
            assertThat(v1.valueOrNull("version")).isEqualTo(BigDecimal.ONE);

            WriteResult second = writer.write(List.of(ItemWrite.update(VERSIONED, v1, with(v1, "status", "active"), "1")),
                    UUID.randomUUID().toString());
            assertThat(second.items().get(0).after().orElseThrow().valueOrNull("version")).isEqualTo(new BigDecimal("2"));

            assertThatThrownBy(() -> writer.write(List.of(ItemWrite.update(VERSIONED, v1, with(v1, "status", "paused"), "1")),
                    UUID.randomUUID().toString()))
                    .isInstanceOf(ConditionFailedException.class).hasMessageContaining("version 1 -> 2");
            assertThat(AttributeValues.row(raw(VERSIONED, id)).valueOrNull("status")).isEqualTo("active");
        }

        @Test
        void keepsABucketFieldInStepWithItsDate() {
            String id = id();
            Row order = new Row(Map.of("id", id, "order_date", "2026-05-31"));
            writer.write(List.of(ItemWrite.create(ORDERS, order)), UUID.randomUUID().toString());
            assertThat(raw(ORDERS, id).get("order_month").s()).isEqualTo("2026-05");
            Row stored = AttributeValues.row(raw(ORDERS, id));
            writer.write(List.of(ItemWrite.update(ORDERS, stored, with(stored, "order_date", "2026-06-01"), null)),
                    UUID.randomUUID().toString());
            assertThat(raw(ORDERS, id).get("order_month").s()).isEqualTo("2026-06");
        }
    }

    @Nested
    class BeforeImages {

        @Test
        void restoreTheExactPriorItemOfAnUpdate() {
            String id = id();
            writer.write(List.of(ItemWrite.create(PROMOTIONS, promotion(id, "draft"))), UUID.randomUUID().toString());
            Map<String, AttributeValue> original = raw(PROMOTIONS, id);
            Row previewed = AttributeValues.row(original);
            Row changed = with(with(with(previewed, "status", "active"), "min_order_total", null), "name", "Winter");

            WriteResult result = writer.write(List.of(ItemWrite.update(PROMOTIONS, previewed, changed, null)),
                    UUID.randomUUID().toString());
            assertThat(result.items().get(0).before()).contains(previewed);
            assertThat(result.items().get(0).after()).contains(changed);
            assertThat(AttributeValues.row(raw(PROMOTIONS, id))).isEqualTo(changed);

            writer.write(result.rollback(), UUID.randomUUID().toString());
            assertThat(raw(PROMOTIONS, id)).isEqualTo(original);
        }

        @Test
        void restoreADeletedItemAndRemoveACreatedOne() {
            String kept = id();
            String created = id();
            writer.write(List.of(ItemWrite.create(PROMOTIONS, promotion(kept, "paused"))), UUID.randomUUID().toString());
            Map<String, AttributeValue> original = raw(PROMOTIONS, kept);

            WriteResult result = writer.write(List.of(
                    ItemWrite.delete(PROMOTIONS, AttributeValues.row(original), null),
                    ItemWrite.create(PROMOTIONS, promotion(created, "draft"))), UUID.randomUUID().toString());
            assertThat(raw(PROMOTIONS, kept)).isEmpty();
            assertThat(result.items().get(0).before()).contains(AttributeValues.row(original));

            writer.write(result.rollback(), UUID.randomUUID().toString());
            assertThat(raw(PROMOTIONS, kept)).isEqualTo(original);
            assertThat(raw(PROMOTIONS, created)).isEmpty();
        }

        @Test
        void refuseToRollBackOverALaterChange() {
            String id = id();
            writer.write(List.of(ItemWrite.create(PROMOTIONS, promotion(id, "draft"))), UUID.randomUUID().toString());
            Row previewed = AttributeValues.row(raw(PROMOTIONS, id));
            WriteResult result = writer.write(List.of(ItemWrite.update(PROMOTIONS, previewed,
                    with(previewed, "status", "active"), null)), UUID.randomUUID().toString());
            client.updateItem(b -> b.tableName(PROMOTIONS.table()).key(Map.of("id", AttributeValue.fromS(id)))
                    .updateExpression("SET #s = :s").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("expired"))));
            assertThatThrownBy(() -> writer.write(result.rollback(), UUID.randomUUID().toString()))
                    .isInstanceOf(ConditionFailedException.class);
            assertThat(AttributeValues.row(raw(PROMOTIONS, id)).valueOrNull("status")).isEqualTo("expired");
        }
    }

    @Nested
    class Limits {

        @Test
        void writesAHundredItemsInOneTransaction() {
            List<ItemWrite> writes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                writes.add(ItemWrite.create(PROMOTIONS, promotion(id(), "draft")));
            }
            WriteResult r = writer.write(writes, UUID.randomUUID().toString());
            assertThat(r.items()).hasSize(100);
            assertThat(raw(PROMOTIONS, (String) writes.get(99).key().get("id"))).isNotEmpty();
        }

        @Test
        void refusesMoreThanAHundredItemsBeforeWritingAny() {
            List<ItemWrite> writes = new ArrayList<>();
            for (int i = 0; i < 101; i++) {
                writes.add(ItemWrite.create(PROMOTIONS, promotion(id(), "draft")));
            }
            assertThatThrownBy(() -> writer.write(writes, UUID.randomUUID().toString()))
                    .isInstanceOf(ChangeSetTooLargeException.class).hasMessageContaining("101 items");
            assertThat(raw(PROMOTIONS, (String) writes.get(0).key().get("id"))).isEmpty();
        }

        @Test
        void refusesMoreThanFourMegabytesBeforeWritingAny() {
            String big = "x".repeat(350_000);
            List<ItemWrite> writes = new ArrayList<>();
            for (int i = 0; i < 13; i++) {
                writes.add(ItemWrite.create(PROMOTIONS, with(promotion(id(), "draft"), "name", big)));
            }
            assertThatThrownBy(() -> writer.write(writes, UUID.randomUUID().toString()))
                    .isInstanceOf(ChangeSetTooLargeException.class).hasMessageContaining("bytes");
            assertThat(raw(PROMOTIONS, (String) writes.get(0).key().get("id"))).isEmpty();
        }

        @Test
        void refusesToWriteOneItemTwice() {
            Row p = promotion(id(), "draft");
            assertThatThrownBy(() -> writer.write(List.of(ItemWrite.create(PROMOTIONS, p),
                    ItemWrite.update(PROMOTIONS, p, with(p, "status", "active"), null)), UUID.randomUUID().toString()))
                    .isInstanceOf(DataSourceException.class).hasMessageContaining("twice");
        }

        @Test
        void hashesATokenDynamoDbWouldNotTake() {
            assertThat(DynamoDbWriter.clientRequestToken("approval-42")).isEqualTo("approval-42");
            String hashed = DynamoDbWriter.clientRequestToken("a change set id far longer than thirty-six characters");
            assertThat(hashed).hasSize(36).isEqualTo(DynamoDbWriter.clientRequestToken(
                    "a change set id far longer than thirty-six characters"));
        }
    }

    /** A client that runs {@code meanwhile} right after each TransactGetItems: another writer racing this one. */
    static DynamoDbClient afterTransactGet(DynamoDbClient delegate, Runnable meanwhile) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(delegate, args);
                        if (method.getName().equals("transactGetItems")) {
                            meanwhile.run();
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

}
