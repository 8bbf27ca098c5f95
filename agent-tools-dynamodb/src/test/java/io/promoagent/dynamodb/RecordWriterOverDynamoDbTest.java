package io.promoagent.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.core.change.WriteConflictException;
import io.promoagent.core.ToolException;
import io.promoagent.dynamodb.item.AttributeValues;
import io.promoagent.dynamodb.store.DynamoDbRecordWriter;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The DynamoDB record writer over the demo model's {@code promotions} on DynamoDB Local, as the promotion
 * tools use it: records read through the query engine, versioned by their content. What agent-core's
 * contract (run in {@link DynamoDbRecordWriterTest}) does not reach: DynamoDB's 100 items per transaction,
 * and versions computed from rows the DynamoDB source returned, whose numbers DynamoDB normalised.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecordWriterOverDynamoDbTest {

    private final DynamoDbClient client = LocalDynamoDb.client();
    private DataModel model;
    private Entity promotions;
    private DynamoDbDataSource source;
    private QueryEngine engine;
    private DynamoDbRecordWriter writer;
    private int tokens;

    @BeforeAll
    void loadTheDemoData() {
        model = DemoModel.withTablePrefix("rwo_");
        DemoModel.createAndLoad(client, model);
        promotions = model.requireEntity("promotions");
        source = DynamoDbDataSource.builder(client).id(model.sources().get(0).id()).build();
        engine = QueryEngine.builder(model).source(source).clock(DemoModel.CLOCK).build();
        writer = new DynamoDbRecordWriter(client, model);
    }

    @AfterAll
    void close() {
        source.close();
    }

    @Test
    void refusesAChangeSetOfMoreThanAHundredRecordsAndWritesNoneOfThem() {
        List<AffectedRecord> creates = creates(5000, DynamoDbRecordWriter.MAX_ITEMS + 1);

        assertThatThrownBy(() -> write(creates))
                .isInstanceOf(ToolException.class)
                .hasMessageContaining("101").hasMessageContaining("100").hasMessageContaining("nothing was written");

        assertThat(stored("P5000")).isEmpty();
        assertThat(stored("P5100")).isEmpty();
    }

    @Test
    void writesAChangeSetOfExactlyAHundredRecordsInOneTransaction() {
        List<AffectedRecord> creates = creates(6000, DynamoDbRecordWriter.MAX_ITEMS);

        List<AffectedRecord> done = write(creates);

        assertThat(done).hasSize(DynamoDbRecordWriter.MAX_ITEMS);
        for (AffectedRecord r : done) {
            Row stored = stored((String) r.key().get("id")).orElseThrow();
            assertThat(r.version()).contains(RecordVersion.of(promotions, stored));
        }
    }

    @Test
    void aPromotionReadThroughTheQueryEngineHasTheContentVersionTheWriterChecks() {
        Row read = readThroughTheEngine("P0001");
        String version = RecordVersion.of(promotions, read);
        assertThat(version).startsWith("sha256:");
        assertThat(version).as("numbers the export writes as 10.00 are stored as 10: one version")
                .isEqualTo(RecordVersion.of(promotions, stored("P0001").orElseThrow()));

        List<AffectedRecord> done = write(List.of(AffectedRecord.update("promotions", id("P0001"), read,
                with(read, "status", "paused"), version)));

        Row now = readThroughTheEngine("P0001");
        assertThat(now.valueOrNull("status")).isEqualTo("paused");
        assertThat(done).singleElement().satisfies(r -> {
            assertThat(r.version()).contains(RecordVersion.of(promotions, now)).isNotEqualTo(Optional.of(version));
            assertThat(r.before()).contains(stored("P0001").map(s -> with(s, "status", "active")).orElseThrow());
        });

        // a second change previewed before the first was applied is stale
        assertThatThrownBy(() -> write(List.of(AffectedRecord.update("promotions", id("P0001"), read,
                with(read, "status", "expired"), version))))
                .isInstanceOfSatisfying(WriteConflictException.class, e -> {
                    assertThat(e.reason()).isEqualTo(WriteConflictException.Reason.VERSION_CHANGED);
                    assertThat(e.expectedVersion()).contains(version);
                });
        assertThat(readThroughTheEngine("P0001").valueOrNull("status")).isEqualTo("paused");
    }

    @Test
    void theBeforeImageIsTheWholeStoredRecordSoThatARollbackRestoresIt() {
        Row original = stored("P0002").orElseThrow();
        Row seen = original.project(List.of("id", "code", "status"));
        String version = RecordVersion.of(promotions, readThroughTheEngine("P0002"));

        List<AffectedRecord> done = write(List.of(AffectedRecord.update("promotions", id("P0002"), seen,
                with(seen, "code", "APP10B"), version)));

        assertThat(stored("P0002").orElseThrow().valueOrNull("name")).as("fields neither image names stay")
                .isEqualTo(original.valueOrNull("name"));
        AffectedRecord applied = done.get(0);
        assertThat(applied.before()).contains(original);

        write(List.of(new AffectedRecord("promotions", id("P0002"), AffectedRecord.Operation.UPDATE, applied.after(),
                applied.before(), applied.version())));
        assertThat(stored("P0002")).contains(original);
    }

    @Test
    void aRetryWithTheSameTokenAfterARestartWritesNothingAgain() {
        Row read = readThroughTheEngine("P0003");
        List<AffectedRecord> change = List.of(AffectedRecord.update("promotions", id("P0003"), read,
                with(read, "priority", new BigDecimal("31")), RecordVersion.of(promotions, read)));

        List<AffectedRecord> first = new DynamoDbRecordWriter(client, model).write(change, "rwo-retry-1");
        Row afterFirst = stored("P0003").orElseThrow();
        List<AffectedRecord> again = new DynamoDbRecordWriter(client, model).write(change, "rwo-retry-1");

        assertThat(again).isEqualTo(first);
        assertThat(stored("P0003")).contains(afterFirst);
    }

    @Test
    void aCreateOverAnExistingPromotionIsAConflictNamingIt() {
        Row existing = stored("P0004").orElseThrow();

        assertThatThrownBy(() -> write(List.of(AffectedRecord.create("promotions", id("P0004"), with(existing, "code", "OTHER")))))
                .isInstanceOfSatisfying(WriteConflictException.class, e -> {
                    assertThat(e.reason()).isEqualTo(WriteConflictException.Reason.ALREADY_EXISTS);
                    assertThat(e.getMessage()).contains("P0004");
                });
        assertThat(stored("P0004")).contains(existing);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private List<AffectedRecord> write(List<AffectedRecord> changes) {
        return writer.write(changes, "rwo-" + (++tokens));
    }

    private List<AffectedRecord> creates(int firstNumber, int count) {
        Row template = stored("P0001").orElseThrow();
        List<AffectedRecord> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "P" + (firstNumber + i);
            out.add(AffectedRecord.create("promotions", id(id), with(with(template, "id", id), "code", "BULK" + (firstNumber + i))));
        }
        return out;
    }

    @Test
    void keepsABucketFieldInStepWithItsDate() {
        Entity orders = model.requireEntity("orders");
        write(List.of(AffectedRecord.create("orders", id("O999001"),
                Row.of(Map.of("id", "O999001", "customer_id", "C0001", "order_date", "2026-05-31")))));
        Row created = stored(orders, "O999001").orElseThrow();
        assertThat(created.valueOrNull("order_month")).isEqualTo("2026-05");

        Map<String, Object> moved = new LinkedHashMap<>(created.values());
        moved.put("order_date", "2026-06-01");
        moved.remove("order_month");
        write(List.of(AffectedRecord.update("orders", id("O999001"), created, Row.of(moved),
                RecordVersion.of(orders, created))));
        assertThat(stored(orders, "O999001").orElseThrow().valueOrNull("order_month")).isEqualTo("2026-06");
    }

    private Row readThroughTheEngine(String id) {
        List<Row> rows = engine.execute(Query.builder("promotions").where(Compare.eq("id", id)).build()).rows();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** The item as stored, read straight from the table. */
    private Optional<Row> stored(String id) {
        return stored(promotions, id);
    }

    private Optional<Row> stored(Entity entity, String id) {
        Map<String, AttributeValue> item = client.getItem(g -> g.tableName(entity.table())
                .key(Map.of("id", AttributeValue.fromS(id))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(AttributeValues.row(item));
    }

    private static Map<String, Object> id(String id) {
        return Map.of("id", id);
    }

    private static Row with(Row row, String field, Object value) {
        Map<String, Object> values = new LinkedHashMap<>(row.values());
        values.put(field, value);
        return Row.of(values);
    }
}
