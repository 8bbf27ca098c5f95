package io.promoagent.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.change.WriteConflictException;
import io.promoagent.core.change.WriteState;
import io.promoagent.core.change.RecordWriterContract;
import io.promoagent.core.ToolException;
import io.promoagent.dynamodb.item.AttributeValues;
import io.promoagent.dynamodb.store.DynamoDbRecordWriter;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** agent-core's record-writer contract, met by the DynamoDB writer on DynamoDB Local (fresh tables per test). */
class DynamoDbRecordWriterTest extends RecordWriterContract {

    private static final AtomicInteger STORES = new AtomicInteger();
    private final DynamoDbClient client = LocalDynamoDb.client();
    private DataModel model;
    private String prefix;

    @Override
    protected RecordWriter newWriter(DataModel contractModel, Map<String, List<Row>> rows) {
        prefix = "rw" + STORES.incrementAndGet() + "_";
        DataModel.Builder b = DataModel.builder();
        contractModel.sources().forEach(b::source);
        for (Entity e : contractModel.entities()) {
            b.entity(DemoModel.renamed(e, prefix + e.table()));
        }
        model = b.build();
        DynamoDbTables.create(client, model.entities());
        for (Entity e : model.entities()) {
            DynamoDbLoader.load(client, e, rows.getOrDefault(e.name(), List.of()));
        }
        return new DynamoDbRecordWriter(saltedTokens(client, prefix), model);
    }

    /**
     * The contract numbers its tokens from 1 in every test, for a fresh store each time; this DynamoDB Local
     * lives for the whole run and remembers tokens for ten minutes, so each store salts the tokens it sends.
     */
    static DynamoDbClient saltedTokens(DynamoDbClient delegate, String salt) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    try {
                        if (method.getName().equals("transactWriteItems") && args[0] instanceof Consumer<?> c) {
                            @SuppressWarnings("unchecked")
                            Consumer<TransactWriteItemsRequest.Builder> spec = (Consumer<TransactWriteItemsRequest.Builder>) c;
                            TransactWriteItemsRequest r = TransactWriteItemsRequest.builder().applyMutation(spec).build();
                            return delegate.transactWriteItems(r.toBuilder().clientRequestToken(salt + r.clientRequestToken()).build());
                        }
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Another instance of the application (another Lambda), sharing the tables but not the writer's memory. */
    private RecordWriter anotherInstance() {
        return new DynamoDbRecordWriter(saltedTokens(client, prefix), model);
    }

    @Test
    void aRepeatOnAnotherInstanceWritesNothingAgainAndReturnsTheSameRecords() {
        Row k1 = read("coupons", id("K1")).orElseThrow();
        String version = RecordVersion.of(COUPONS, k1);
        List<AffectedRecord> changes = List.of(
                AffectedRecord.update("coupons", id("K1"), k1, coupon("K1", "SAVE10", "30", "hello"), version),
                AffectedRecord.create("coupons", id("K7"), coupon("K7", "NEW", "5", null)),
                AffectedRecord.delete("coupons", id("K2"), read("coupons", id("K2")).orElseThrow(),
                        RecordVersion.of(COUPONS, read("coupons", id("K2")).orElseThrow())));

        List<AffectedRecord> first = anotherInstance().write(changes, "repeat-1");
        Row afterFirst = read("coupons", id("K1")).orElseThrow();
        List<AffectedRecord> again = anotherInstance().write(changes, "repeat-1");

        assertThat(again).isEqualTo(first);
        assertThat(read("coupons", id("K1"))).contains(afterFirst);
        assertThat(read("coupons", id("K2"))).isEmpty();
    }

    /** The same writer with a token table, as a process restarted after a crash would make it. */
    private RecordWriter restartedWithTokens() {
        DynamoDbRecordWriter.createTokenTable(client, prefix + "tokens");
        return new DynamoDbRecordWriter(saltedTokens(client, prefix), model, prefix + "tokens");
    }

    @Test
    void withoutATokenTableAnotherInstanceCannotTellWhetherAWriteHappened() {
        anotherInstance().write(List.of(AffectedRecord.create("coupons", id("K3"), coupon("K3", "NEW", "15", null))), "unknown-1");
        assertThat(anotherInstance().written("unknown-1")).isEqualTo(WriteState.UNKNOWN);
    }

    @Test
    void withATokenTableARestartedInstanceKnowsWhichWritesHappened() {
        restartedWithTokens().write(List.of(AffectedRecord.create("coupons", id("K3"), coupon("K3", "NEW", "15", null))), "known-1");

        assertThat(restartedWithTokens().written("known-1")).isEqualTo(WriteState.WRITTEN);
        assertThat(restartedWithTokens().written("known-2")).isEqualTo(WriteState.NOT_WRITTEN);
    }

    /** Two updates of K1 with {@code write}: the first's repeat comes after the record changed again. */
    private List<AffectedRecord> updatedTwice(java.util.function.BiFunction<List<AffectedRecord>, String, List<AffectedRecord>> write,
                                             String token) {
        Row k1 = read("coupons", id("K1")).orElseThrow();
        List<AffectedRecord> first = List.of(AffectedRecord.update("coupons", id("K1"), k1, coupon("K1", "SAVE10", "30", "hello"),
                RecordVersion.of(COUPONS, k1)));
        write.apply(first, token + "-1");
        Row now = read("coupons", id("K1")).orElseThrow();
        write.apply(List.of(AffectedRecord.update("coupons", id("K1"), now, coupon("K1", "SAVE10", "31", "hello"),
                RecordVersion.of(COUPONS, now))), token + "-2");
        return first;
    }

    @Test
    void withoutATokenTableARepeatAfterARestartIsAConflictOnceTheRecordChangedSince() {
        List<AffectedRecord> first = updatedTwice((changes, token) -> anotherInstance().write(changes, token), "old");

        assertThatThrownBy(() -> anotherInstance().write(first, "old-1")).isInstanceOf(WriteConflictException.class);
    }

    @Test
    void withATokenTableARepeatAfterARestartIsRecognisedEvenWhenTheRecordChangedSince() {
        List<List<AffectedRecord>> results = new ArrayList<>();
        List<AffectedRecord> first = updatedTwice((changes, token) -> {
            List<AffectedRecord> r = restartedWithTokens().write(changes, token);
            results.add(r);
            return r;
        }, "new");

        List<AffectedRecord> again = restartedWithTokens().write(first, "new-1");

        assertThat(again).isEqualTo(results.get(0));
        assertThat(first(read("coupons", id("K1")))).isEqualTo(new java.math.BigDecimal("31"));
    }

    @Test
    void withATokenTableARepeatedCreateReturnsTheCreatedRecordNotItsLaterChange() {
        List<AffectedRecord> create = List.of(AffectedRecord.create("coupons", id("K3"), coupon("K3", "NEW", "15", null)));
        List<AffectedRecord> made = restartedWithTokens().write(create, "create-1");
        Row k3 = read("coupons", id("K3")).orElseThrow();
        restartedWithTokens().write(List.of(AffectedRecord.update("coupons", id("K3"), k3, coupon("K3", "NEW", "16", null),
                RecordVersion.of(COUPONS, k3))), "create-2");

        assertThat(restartedWithTokens().write(create, "create-1")).isEqualTo(made);
    }

    @Test
    void withATokenTableTwoInstancesRacingWithOneTokenWriteOnce() throws Exception {
        Row k1 = read("coupons", id("K1")).orElseThrow();
        List<AffectedRecord> change = List.of(AffectedRecord.update("coupons", id("K1"), k1, coupon("K1", "SAVE10", "31", "hello"),
                RecordVersion.of(COUPONS, k1)));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<AffectedRecord>>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> restartedWithTokens().write(change, "race-token")));
            }
            List<AffectedRecord> first = results.get(0).get();
            for (var r : results) {
                assertThat(r.get()).isEqualTo(first);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(first(read("coupons", id("K1")))).isEqualTo(new java.math.BigDecimal("31"));
    }

    private static Object first(Optional<Row> row) {
        return row.orElseThrow().valueOrNull("percent");
    }

    @Test
    void aTokenReusedOnAnotherInstanceForOtherChangesIsRefused() {
        anotherInstance().write(List.of(AffectedRecord.create("coupons", id("K3"), coupon("K3", "NEW", "15", null))), "reuse-1");
        assertThatThrownBy(() -> anotherInstance().write(
                List.of(AffectedRecord.create("coupons", id("K4"), coupon("K4", "NEWER", "15", null))), "reuse-1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(read("coupons", id("K4"))).isEmpty();
    }

    @Test
    void aStaleChangeOnAnotherInstanceIsStillAConflict() {
        Row k1 = read("coupons", id("K1")).orElseThrow();
        String version = RecordVersion.of(COUPONS, k1);
        anotherInstance().write(List.of(AffectedRecord.update("coupons", id("K1"), k1,
                coupon("K1", "SAVE10", "30", "hello"), version)), "stale-1");
        assertThatThrownBy(() -> anotherInstance().write(List.of(AffectedRecord.update("coupons", id("K1"), k1,
                coupon("K1", "SAVE10", "40", "hello"), version)), "stale-2"))
                .isInstanceOfSatisfying(WriteConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(WriteConflictException.Reason.VERSION_CHANGED));
    }

    @Test
    void refusesAChangeSetOfMoreThanFourMegabytesBeforeWritingAny() {
        String big = "x".repeat(350_000);
        List<AffectedRecord> changes = new ArrayList<>();
        for (int i = 0; i < 13; i++) {
            changes.add(AffectedRecord.create("coupons", id("B" + i), coupon("B" + i, "BIG", "5", big)));
        }
        assertThatThrownBy(() -> anotherInstance().write(changes, "big-1"))
                .isInstanceOf(ToolException.class).hasMessageContaining("bytes").hasMessageContaining("nothing was written");
        assertThat(read("coupons", id("B0"))).isEmpty();
    }

    @Test
    void aCreateWhoseRecordAppearsBetweenTheReadAndTheWriteIsAConflict() {
        Entity coupons = model.requireEntity("coupons");
        DynamoDbClient racing = afterTransactGet(saltedTokens(client, prefix), () -> client.putItem(b -> b
                .tableName(coupons.table()).item(AttributeValues.item(coupon("K8", "THEIRS", "50", null)))));
        assertThatThrownBy(() -> new DynamoDbRecordWriter(racing, model).write(
                List.of(AffectedRecord.create("coupons", id("K8"), coupon("K8", "OURS", "5", null))), "race-1"))
                .isInstanceOfSatisfying(WriteConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(WriteConflictException.Reason.ALREADY_EXISTS));
        assertThat(read("coupons", id("K8")).orElseThrow().valueOrNull("code")).isEqualTo("THEIRS");
    }

    @Test
    void anUpdateWhoseRecordChangesBetweenTheReadAndTheWriteIsAConflictAndWritesNothing() {
        Entity coupons = model.requireEntity("coupons");
        Row k1 = read("coupons", id("K1")).orElseThrow();
        DynamoDbClient racing = afterTransactGet(saltedTokens(client, prefix), () -> client.updateItem(b -> b
                .tableName(coupons.table()).key(Map.of("id", AttributeValue.fromS("K1")))
                .updateExpression("SET label = :l").expressionAttributeValues(Map.of(":l", AttributeValue.fromS("theirs")))));
        assertThatThrownBy(() -> new DynamoDbRecordWriter(racing, model).write(List.of(AffectedRecord.update("coupons",
                id("K1"), k1, coupon("K1", "SAVE10", "30", "hello"), RecordVersion.of(COUPONS, k1))), "race-2"))
                .isInstanceOfSatisfying(WriteConflictException.class,
                        e -> assertThat(e.reason()).isEqualTo(WriteConflictException.Reason.VERSION_CHANGED));
        Row now = read("coupons", id("K1")).orElseThrow();
        assertThat(now.valueOrNull("label")).isEqualTo("theirs");
        assertThat(now.valueOrNull("percent")).isEqualTo(k1.valueOrNull("percent"));
    }

    /** A client that runs {@code meanwhile} right after each TransactGetItems: another writer racing this one. */
    private static DynamoDbClient afterTransactGet(DynamoDbClient delegate, Runnable meanwhile) {
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

    @Override
    protected Optional<Row> read(String entity, Map<String, Object> key) {
        Entity e = model.requireEntity(entity);
        Map<String, AttributeValue> k = Map.of(e.key().partition(), AttributeValues.of(key.get(e.key().partition())));
        Map<String, AttributeValue> item = client.getItem(g -> g.tableName(e.table()).key(k).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(AttributeValues.row(item));
    }
}
