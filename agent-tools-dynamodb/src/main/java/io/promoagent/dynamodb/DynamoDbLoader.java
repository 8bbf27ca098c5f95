package io.promoagent.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.dynamodb.item.AttributeValues;
import io.promoagent.dynamodb.internal.compile.Buckets;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Row;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Loads items into a table with BatchWriteItem (25 items a call, a few calls at once), retrying the items
 * DynamoDB leaves unprocessed: the demo's JSON-lines files ({@code customers.jsonl}), or rows built in code.
 *
 * <p>Values take the DynamoDB type of their field (numbers {@code N}, text and dates {@code S}, booleans
 * {@code BOOL}); a JSON null is a missing attribute; a bucket field ({@code order_month}) absent from the
 * input is derived from its date field, so that bucketed queries find every item.
 */
public final class DynamoDbLoader {

    /** DynamoDB's limit on the items of one BatchWriteItem. */
    static final int MAX_BATCH = 25;
    private static final int PARALLEL_BATCHES = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a load wrote. */
    public record LoadResult(String table, long items, long calls) {
    }

    private DynamoDbLoader() {
    }

    /** Loads a JSON-lines file, one object per line, into the entity's table. */
    public static LoadResult load(DynamoDbClient client, Entity entity, Path jsonl) {
        return load(client, entity, jsonl, n -> { });
    }

    /**
     * Loads a JSON-lines file as {@link #load(DynamoDbClient, Entity, Path)} does, telling {@code progress} how
     * many items were handed to DynamoDB so far after every batch (for a progress bar over a long load).
     */
    public static LoadResult load(DynamoDbClient client, Entity entity, Path jsonl, LongConsumer progress) {
        try (BufferedReader reader = Files.newBufferedReader(jsonl, StandardCharsets.UTF_8)) {
            Iterator<Map<String, AttributeValue>> items = reader.lines()
                    .filter(line -> !line.isBlank())
                    .map(line -> item(entity, parse(line, jsonl)))
                    .iterator();
            return write(client, entity, items, RetrySettings.defaults(), progress);
        } catch (IOException e) {
            throw new DataSourceException("cannot read " + jsonl + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new DataSourceException("cannot read " + jsonl + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Loads rows into the entity's table. */
    public static LoadResult load(DynamoDbClient client, Entity entity, Iterable<Row> rows) {
        return load(client, entity, rows, RetrySettings.defaults());
    }

    /** Loads rows, retrying unprocessed items as {@code retry} says. */
    public static LoadResult load(DynamoDbClient client, Entity entity, Iterable<Row> rows, RetrySettings retry) {
        Iterator<Row> it = rows.iterator();
        Iterator<Map<String, AttributeValue>> items = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Map<String, AttributeValue> next() {
                return withBuckets(entity, AttributeValues.item(it.next()));
            }
        };
        return write(client, entity, items, retry, n -> { });
    }

    private static JsonNode parse(String line, Path file) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new DataSourceException("not a JSON object in " + file + ": " + e.getMessage(), e);
        }
    }

    /** The item of one JSON object, typed by the entity's fields. */
    static Map<String, AttributeValue> item(Entity entity, JsonNode object) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        object.properties().forEach(e -> attribute(entity.field(e.getKey()), e.getValue())
                .ifPresent(a -> item.put(e.getKey(), a)));
        return withBuckets(entity, item);
    }

    private static Optional<AttributeValue> attribute(Optional<Field> field, JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return Optional.empty();
        }
        FieldType type = field.map(Field::type).orElse(null);
        if (type != null && type.isNumeric()) {
            return Optional.of(AttributeValue.fromN(v.isNumber() ? v.decimalValue().toPlainString()
                    : new BigDecimal(v.asText()).toPlainString()));
        }
        if (type == FieldType.BOOLEAN) {
            return Optional.of(AttributeValue.fromBool(v.isBoolean() ? v.booleanValue() : Boolean.parseBoolean(v.asText())));
        }
        if (type != null) {
            return Optional.of(AttributeValue.fromS(v.asText()));
        }
        return Optional.of(untyped(v));
    }

    private static AttributeValue untyped(JsonNode v) {
        if (v.isNumber()) {
            return AttributeValue.fromN(v.decimalValue().toPlainString());
        }
        if (v.isBoolean()) {
            return AttributeValue.fromBool(v.booleanValue());
        }
        if (v.isArray()) {
            List<AttributeValue> list = new ArrayList<>();
            v.forEach(e -> list.add(e.isNull() ? AttributeValue.fromNul(true) : untyped(e)));
            return AttributeValue.fromL(list);
        }
        if (v.isObject()) {
            Map<String, AttributeValue> map = new LinkedHashMap<>();
            v.properties().forEach(e -> map.put(e.getKey(),
                    e.getValue().isNull() ? AttributeValue.fromNul(true) : untyped(e.getValue())));
            return AttributeValue.fromM(map);
        }
        return AttributeValue.fromS(v.asText());
    }

    /** Adds the bucket fields the item lacks, derived from their date fields. */
    static Map<String, AttributeValue> withBuckets(Entity entity, Map<String, AttributeValue> item) {
        for (Field f : entity.fields()) {
            if (f.bucket().isEmpty() || item.containsKey(f.name())) {
                continue;
            }
            AttributeValue date = item.get(f.bucket().get().of());
            if (date != null && date.s() != null) {
                Buckets.of(date.s(), f.bucket().get().unit()).ifPresent(b -> item.put(f.name(), AttributeValue.fromS(b)));
            }
        }
        return item;
    }

    private static LoadResult write(DynamoDbClient client, Entity entity, Iterator<Map<String, AttributeValue>> items,
                                    RetrySettings retry, LongConsumer progress) {
        String table = entity.table();
        AtomicLong calls = new AtomicLong();
        long count = 0;
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_BATCHES, r -> {
            Thread t = new Thread(r, "dynamodb-load");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> inFlight = new ArrayList<>();
        try {
            Map<String, WriteRequest> batch = new LinkedHashMap<>();
            while (items.hasNext()) {
                Map<String, AttributeValue> item = items.next();
                // A batch may not name one key twice; a later line for the same key wins, as a Put would.
                batch.put(keyOf(entity, item), WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                count++;
                if (batch.size() == MAX_BATCH) {
                    submit(pool, inFlight, client, table, new ArrayList<>(batch.values()), retry, calls);
                    batch.clear();
                    progress.accept(count);
                }
            }
            if (!batch.isEmpty()) {
                submit(pool, inFlight, client, table, new ArrayList<>(batch.values()), retry, calls);
            }
            for (Future<?> f : inFlight) {
                await(f);
            }
            progress.accept(count);
        } finally {
            pool.shutdownNow();
        }
        return new LoadResult(table, count, calls.get());
    }

    private static String keyOf(Entity entity, Map<String, AttributeValue> item) {
        AttributeValue p = item.get(entity.key().partition());
        if (p == null) {
            throw new DataSourceException("an item for table '" + entity.table() + "' has no key attribute '"
                    + entity.key().partition() + "'");
        }
        return p + entity.key().sort().map(s -> "|" + item.get(s)).orElse("");
    }

    private static void submit(ExecutorService pool, List<Future<?>> inFlight, DynamoDbClient client, String table,
                               List<WriteRequest> batch, RetrySettings retry, AtomicLong calls) {
        // Bound the batches held in memory: wait for the oldest before queueing more than a few.
        while (inFlight.size() >= PARALLEL_BATCHES * 2) {
            await(inFlight.remove(0));
        }
        inFlight.add(pool.submit(() -> writeBatch(client, table, batch, retry, calls)));
    }

    private static void writeBatch(DynamoDbClient client, String table, List<WriteRequest> batch, RetrySettings retry,
                                   AtomicLong calls) {
        List<WriteRequest> pending = batch;
        int attempt = 0;
        while (!pending.isEmpty()) {
            List<WriteRequest> request = pending;
            BatchWriteItemResponse r = SdkErrors.call("BatchWriteItem on " + table,
                    () -> client.batchWriteItem(b -> b.requestItems(Map.of(table, request))));
            calls.incrementAndGet();
            List<WriteRequest> unprocessed = r.hasUnprocessedItems() ? r.unprocessedItems().getOrDefault(table, List.of())
                    : List.of();
            if (unprocessed.isEmpty()) {
                return;
            }
            attempt = unprocessed.size() < pending.size() ? 1 : attempt + 1;
            if (attempt >= retry.maxAttempts()) {
                throw new ThrottledException("BatchWriteItem on " + table + " left " + unprocessed.size()
                        + " items unprocessed after " + attempt + " attempts");
            }
            pending = unprocessed;
            try {
                Thread.sleep(retry.throttlingDelay(attempt).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataSourceException("interrupted while loading " + table, e);
            }
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new DataSourceException("loading failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataSourceException("interrupted while loading", e);
        }
    }
}
