package io.promoagent.dynamodb.write;

import io.promoagent.dynamodb.ItemSize;
import io.promoagent.dynamodb.SdkErrors;
import io.promoagent.dynamodb.ThrottledException;
import io.promoagent.dynamodb.compile.AttributeValues;
import io.promoagent.dynamodb.compile.Buckets;
import io.promoagent.dynamodb.compile.ExpressionBuilder;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Writes a change set to DynamoDB all or nothing, exactly as previewed, keeping a before-image of every
 * item touched.
 *
 * <p>It reads the items first (one strongly consistent TransactGetItems) and checks each against what was
 * previewed, so that a stale change set fails naming the item and what changed. It then writes everything
 * in one TransactWriteItems: a create only if the key is absent ({@code attribute_not_exists}), an update or
 * delete only if the item is still exactly as read (its {@code version}, or every attribute), which makes
 * the before-images exact. The transaction carries a ClientRequestToken, so a retry of the same request,
 * by the SDK after a lost response, writes nothing twice. Bucket fields are kept in step with their date
 * fields, and a {@code version} field is incremented by every write.
 *
 * <p>Change sets beyond one transaction (100 items, 4 MB) are refused with a
 * {@link ChangeSetTooLargeException} before anything is read or written.
 */
public final class DynamoDbWriter {

    /** DynamoDB's limit on the items of one transaction. */
    public static final int MAX_ITEMS = 100;
    /** DynamoDB's limit on the size of one transaction. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;
    /** Above this, a condition on every attribute would exceed DynamoDB's 4 KB expression limit. */
    private static final int MAX_CONDITION_LENGTH = 4_000;

    private final DynamoDbClient client;

    public DynamoDbWriter(DynamoDbClient client) {
        this.client = client;
    }

    /**
     * Applies the writes as one transaction.
     *
     * @param writes the items of the change set, each at most once
     * @param token  the idempotency token, for example the change set's id; reused verbatim when it is a
     *               valid ClientRequestToken (at most 36 characters), else hashed into one
     * @throws ChangeSetTooLargeException   beyond 100 items or 4 MB
     * @throws ConditionFailedException     when an item is not as previewed
     * @throws TransactionConflictException when another request wrote one of the items at the same time
     * @throws ThrottledException           when DynamoDB kept throttling after every retry
     */
    public WriteResult write(List<ItemWrite> writes, String token) {
        String requestToken = clientRequestToken(token);
        if (writes.isEmpty()) {
            return new WriteResult(requestToken, List.of(), 0);
        }
        checkLimits(writes);
        List<Optional<Map<String, AttributeValue>>> before = read(writes);
        List<TransactWriteItem> items = new ArrayList<>();
        List<WrittenItem> written = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < writes.size(); i++) {
            ItemWrite w = writes.get(i);
            Optional<Map<String, AttributeValue>> b = before.get(i);
            check(w, b);
            Map<String, AttributeValue> after = after(w, b);
            bytes += after.isEmpty() ? ItemSize.bytes(key(w)) : ItemSize.bytes(after);
            items.add(transactItem(w, b, after));
            written.add(new WrittenItem(w, b.map(AttributeValues::row),
                    after.isEmpty() ? Optional.empty() : Optional.of(AttributeValues.row(after))));
        }
        if (bytes > MAX_BYTES) {
            throw new ChangeSetTooLargeException("the change set writes " + bytes + " bytes, more than the "
                    + MAX_BYTES + " one DynamoDB transaction takes; nothing was written");
        }
        TransactWriteItemsResponse response = transact(items, requestToken, writes);
        double units = response.hasConsumedCapacity()
                ? response.consumedCapacity().stream().mapToDouble(c -> c.capacityUnits() == null ? 0 : c.capacityUnits()).sum()
                : 0;
        return new WriteResult(requestToken, written, units);
    }

    /** The token as DynamoDB takes it: 1 to 36 printable characters; a longer token is hashed. */
    static String clientRequestToken(String token) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("a change set needs an idempotency token");
        }
        if (token.length() <= 36 && token.chars().allMatch(c -> c > 32 && c < 127)) {
            return token;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 36);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static void checkLimits(List<ItemWrite> writes) {
        if (writes.size() > MAX_ITEMS) {
            throw new ChangeSetTooLargeException("the change set touches " + writes.size() + " items, more than the "
                    + MAX_ITEMS + " one DynamoDB transaction takes; nothing was written");
        }
        Set<String> seen = new HashSet<>();
        for (ItemWrite w : writes) {
            if (!seen.add(w.entity().table() + " " + w.key())) {
                throw new DataSourceException("the change set writes " + w.entity().name() + " " + w.key()
                        + " twice; a transaction writes each item once");
            }
        }
    }

    // ---- reading the before-images --------------------------------------------------------------------

    private List<Optional<Map<String, AttributeValue>>> read(List<ItemWrite> writes) {
        List<TransactGetItem> gets = new ArrayList<>();
        for (ItemWrite w : writes) {
            gets.add(TransactGetItem.builder().get(g -> g.tableName(w.entity().table()).key(key(w))).build());
        }
        List<ItemResponse> responses = SdkErrors.call("TransactGetItems of the change set's items",
                () -> client.transactGetItems(b -> b.transactItems(gets)).responses());
        List<Optional<Map<String, AttributeValue>>> out = new ArrayList<>();
        for (ItemResponse r : responses) {
            out.add(r.hasItem() && !r.item().isEmpty() ? Optional.of(r.item()) : Optional.empty());
        }
        return out;
    }

    /** Fails early, naming the item, when it is not as previewed. */
    private static void check(ItemWrite w, Optional<Map<String, AttributeValue>> before) {
        String entity = w.entity().name();
        if (w instanceof ItemWrite.Create) {
            if (before.isPresent()) {
                throw new ConditionFailedException(entity, w.key(), ConditionFailedException.Reason.ALREADY_EXISTS, null);
            }
            return;
        }
        if (before.isEmpty()) {
            throw new ConditionFailedException(entity, w.key(), ConditionFailedException.Reason.MISSING, null);
        }
        Expectation expected = w instanceof ItemWrite.Update u ? u.expected() : ((ItemWrite.Delete) w).expected();
        Row current = AttributeValues.row(before.get());
        List<String> changed = new ArrayList<>();
        if (expected instanceof Expectation.Version v) {
            Object version = current.valueOrNull(ItemWrites.VERSION);
            if (version == null || !ItemWrites.text(version).equals(normalised(v.value()))) {
                changed.add("version " + v.value() + " -> " + (version == null ? "none" : ItemWrites.text(version)));
            }
        } else {
            Expectation.Values values = (Expectation.Values) expected;
            values.values().values().forEach((name, value) -> {
                Object now = current.valueOrNull(name);
                if (now == null || !Values.same(value, now)) {
                    changed.add(name);
                }
            });
            for (String name : values.absent()) {
                if (before.get().containsKey(name)) {
                    changed.add(name);
                }
            }
        }
        if (!changed.isEmpty()) {
            throw new ConditionFailedException(entity, w.key(), ConditionFailedException.Reason.CHANGED,
                    "changed: " + String.join(", ", changed));
        }
    }

    private static String normalised(String version) {
        try {
            return new BigDecimal(version).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return version;
        }
    }

    // ---- the after-images -------------------------------------------------------------------------------

    /** The item as the write leaves it; empty for a delete. */
    private static Map<String, AttributeValue> after(ItemWrite w, Optional<Map<String, AttributeValue>> before) {
        if (w instanceof ItemWrite.Delete) {
            return Map.of();
        }
        Map<String, AttributeValue> after = new LinkedHashMap<>();
        if (w instanceof ItemWrite.Create c) {
            after.putAll(AttributeValues.item(c.item()));
        } else {
            ItemWrite.Update u = (ItemWrite.Update) w;
            after.putAll(before.orElseThrow());
            Set<String> keys = keyAttributes(w.entity());
            u.set().values().forEach((name, value) -> {
                if (!keys.contains(name)) {
                    after.put(name, AttributeValues.of(value));
                }
            });
            for (String name : u.remove()) {
                if (!keys.contains(name)) {
                    after.remove(name);
                }
            }
        }
        derivedBuckets(w.entity(), after);
        if (w.entity().field(ItemWrites.VERSION).isPresent()) {
            BigDecimal previous = before.map(b -> b.get(ItemWrites.VERSION)).filter(v -> v.n() != null)
                    .map(v -> new BigDecimal(v.n())).orElse(BigDecimal.ZERO);
            after.put(ItemWrites.VERSION, AttributeValue.fromN(previous.add(BigDecimal.ONE).toPlainString()));
        }
        return after;
    }

    /** Keeps each bucket field ({@code order_month}) in step with its date field. */
    private static void derivedBuckets(Entity entity, Map<String, AttributeValue> item) {
        for (Field f : entity.fields()) {
            if (f.bucket().isEmpty()) {
                continue;
            }
            AttributeValue date = item.get(f.bucket().get().of());
            Optional<String> bucket = date == null || date.s() == null ? Optional.empty()
                    : Buckets.of(date.s(), f.bucket().get().unit());
            if (bucket.isPresent()) {
                item.put(f.name(), AttributeValue.fromS(bucket.get()));
            } else {
                item.remove(f.name());
            }
        }
    }

    // ---- the transaction -------------------------------------------------------------------------------

    private static TransactWriteItem transactItem(ItemWrite w, Optional<Map<String, AttributeValue>> before,
                                                  Map<String, AttributeValue> after) {
        String table = w.entity().table();
        ExpressionBuilder e = new ExpressionBuilder();
        if (w instanceof ItemWrite.Create) {
            String condition = "attribute_not_exists(" + e.name(w.entity().key().partition()) + ")";
            return TransactWriteItem.builder().put(Put.builder().tableName(table).item(after)
                    .conditionExpression(condition).expressionAttributeNames(e.names()).build()).build();
        }
        String condition = unchanged(w.entity(), before.orElseThrow(), e);
        if (w instanceof ItemWrite.Delete) {
            Delete.Builder d = Delete.builder().tableName(table).key(key(w)).conditionExpression(condition)
                    .expressionAttributeNames(e.names());
            if (!e.values().isEmpty()) {
                d.expressionAttributeValues(e.values());
            }
            return TransactWriteItem.builder().delete(d.build()).build();
        }
        String update = updateExpression(w.entity(), before.get(), after, e);
        if (update.isEmpty()) {
            // Nothing to change, but the item must still be as previewed for the rest to be written.
            ConditionCheck.Builder c = ConditionCheck.builder().tableName(table).key(key(w)).conditionExpression(condition)
                    .expressionAttributeNames(e.names());
            if (!e.values().isEmpty()) {
                c.expressionAttributeValues(e.values());
            }
            return TransactWriteItem.builder().conditionCheck(c.build()).build();
        }
        Update.Builder u = Update.builder().tableName(table).key(key(w)).updateExpression(update)
                .conditionExpression(condition).expressionAttributeNames(e.names());
        if (!e.values().isEmpty()) {
            u.expressionAttributeValues(e.values());
        }
        return TransactWriteItem.builder().update(u.build()).build();
    }

    /**
     * The condition that the item is still exactly as read: its version when versioned, else every
     * attribute (falling back to the key's existence should that exceed the expression limit).
     */
    private static String unchanged(Entity entity, Map<String, AttributeValue> before, ExpressionBuilder e) {
        String exists = "attribute_exists(" + e.name(entity.key().partition()) + ")";
        if (entity.field(ItemWrites.VERSION).isPresent() && before.containsKey(ItemWrites.VERSION)) {
            return exists + " AND " + e.name(ItemWrites.VERSION) + " = " + e.value(before.get(ItemWrites.VERSION));
        }
        StringJoiner all = new StringJoiner(" AND ");
        all.add(exists);
        before.forEach((name, value) -> all.add(e.name(name) + " = " + e.value(value)));
        return all.length() <= MAX_CONDITION_LENGTH ? all.toString() : exists;
    }

    /** SET every attribute that differs from the before-image, REMOVE every one that vanished; empty if none. */
    private static String updateExpression(Entity entity, Map<String, AttributeValue> before,
                                           Map<String, AttributeValue> after, ExpressionBuilder e) {
        Set<String> keys = keyAttributes(entity);
        StringJoiner set = new StringJoiner(", ", "SET ", "");
        set.setEmptyValue("");
        after.forEach((name, value) -> {
            if (!keys.contains(name) && !value.equals(before.get(name))) {
                set.add(e.name(name) + " = " + e.value(value));
            }
        });
        StringJoiner remove = new StringJoiner(", ", "REMOVE ", "");
        remove.setEmptyValue("");
        for (String name : before.keySet()) {
            if (!keys.contains(name) && !after.containsKey(name)) {
                remove.add(e.name(name));
            }
        }
        return (set + " " + remove).trim();
    }

    private TransactWriteItemsResponse transact(List<TransactWriteItem> items, String token, List<ItemWrite> writes) {
        try {
            return client.transactWriteItems(b -> b.transactItems(items).clientRequestToken(token)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        } catch (TransactionCanceledException e) {
            throw cancelled(e, writes);
        } catch (IdempotentParameterMismatchException e) {
            throw new DataSourceException("the token " + token + " was used within the last 10 minutes for a "
                    + "different change set; nothing was written", e);
        } catch (TransactionInProgressException e) {
            throw new TransactionConflictException("a transaction with the token " + token
                    + " is still in progress; nothing more was written", e);
        } catch (SdkException e) {
            throw SdkErrors.translate("TransactWriteItems of the change set", e);
        }
    }

    private static DataSourceException cancelled(TransactionCanceledException e, List<ItemWrite> writes) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
            String code = reasons.get(i).code();
            ItemWrite w = writes.get(i);
            if ("ConditionalCheckFailed".equals(code)) {
                ConditionFailedException.Reason reason = w instanceof ItemWrite.Create
                        ? ConditionFailedException.Reason.ALREADY_EXISTS : ConditionFailedException.Reason.CHANGED;
                return new ConditionFailedException(w.entity().name(), w.key(), reason, "found while writing");
            }
        }
        for (CancellationReason r : reasons) {
            if ("TransactionConflict".equals(r.code())) {
                return new TransactionConflictException("another request was writing an item of the change set at "
                        + "the same time; nothing was written, and applying it again is safe", e);
            }
            if ("ThrottlingError".equals(r.code()) || "ProvisionedThroughputExceeded".equals(r.code())) {
                return new ThrottledException("DynamoDB throttled the change set's transaction; nothing was written", e);
            }
        }
        return new DataSourceException("DynamoDB cancelled the change set's transaction (" + e.getMessage()
                + "); nothing was written", e);
    }

    private static Map<String, AttributeValue> key(ItemWrite w) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        w.key().forEach((name, value) -> key.put(name, AttributeValues.of(value)));
        return key;
    }

    private static Set<String> keyAttributes(Entity entity) {
        Set<String> keys = new HashSet<>();
        keys.add(entity.key().partition());
        entity.key().sort().ifPresent(keys::add);
        return keys;
    }
}
