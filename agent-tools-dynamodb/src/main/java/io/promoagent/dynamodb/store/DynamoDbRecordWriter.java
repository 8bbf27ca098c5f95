package io.promoagent.dynamodb.store;

import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.RecordVersion;
import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.change.WriteConflictException;
import io.promoagent.core.change.WriteState;
import io.promoagent.core.ToolException;
import io.promoagent.dynamodb.SdkErrors;
import io.promoagent.dynamodb.ThrottledException;
import io.promoagent.dynamodb.item.AttributeValues;
import io.promoagent.dynamodb.item.ItemSize;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Row;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * The agent-core {@link RecordWriter} over DynamoDB: the changes of an approved change set in one
 * {@code TransactWriteItems}, each conditional on the record's previewed {@link RecordVersion}, with the
 * idempotency token as {@code ClientRequestToken}.
 *
 * <p>It reads the records first (one strongly consistent {@code TransactGetItems}) so that a stale change
 * fails early with a {@link WriteConflictException} naming the record, and so that every before-image is
 * the complete record read at write time. The transaction's requests are built from the changes alone, so
 * a repeat (the same token and changes) is the very same request, which DynamoDB applies once: a repeat
 * on this instance returns the remembered result (the last 10,000 tokens), and a repeat on another
 * instance is recognised by the records being as the first call left them and confirmed by DynamoDB
 * (for a record versioned by content whose previewed image does not hash to its version, a repeat from
 * another instance cannot be confirmed and fails as a conflict).
 *
 * <p>With a token table ({@link #DynamoDbRecordWriter(DynamoDbClient, DataModel, String)}) every write also
 * puts an item keyed by its token in the same transaction, so whether a token's write happened is known
 * durably, after a restart and past DynamoDB's ten-minute token window ({@link #written}); a repeat of a
 * written token returns the records as that write left them, without writing. One item of the transaction
 * is then the token's, so a change set writes at most {@code MAX_ITEMS - 1} records.
 */
public final class DynamoDbRecordWriter implements RecordWriter {

    /** DynamoDB's limit on the items of one transaction. */
    public static final int MAX_ITEMS = 100;
    /** DynamoDB's limit on the size of one transaction. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final int REMEMBERED = 10_000;
    private static final String TOKEN = "token";
    private static final String CHANGES = "changes";

    private final DynamoDbClient client;
    private final DataModel model;
    private final Optional<String> tokenTable;
    private final Map<String, Remembered> tokens = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > REMEMBERED;
        }
    };

    private record Remembered(List<AffectedRecord> changes, List<AffectedRecord> result) {
    }

    /** A writer that remembers tokens in memory only: {@link #written} is {@code UNKNOWN} after a restart. */
    public DynamoDbRecordWriter(DynamoDbClient client, DataModel model) {
        this(client, model, Optional.empty());
    }

    /** A writer that records every write's token in {@code tokenTable} ({@link #createTokenTable}), atomically with it. */
    public DynamoDbRecordWriter(DynamoDbClient client, DataModel model, String tokenTable) {
        this(client, model, Optional.of(tokenTable));
    }

    private DynamoDbRecordWriter(DynamoDbClient client, DataModel model, Optional<String> tokenTable) {
        this.client = client;
        this.model = model;
        this.tokenTable = tokenTable;
    }

    /** Creates a token table (key {@code token}, a string), unless it exists. */
    public static void createTokenTable(DynamoDbClient client, String table) {
        try {
            client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName(TOKEN).attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName(TOKEN).keyType(KeyType.HASH).build()));
            client.waiter().waitUntilTableExists(b -> b.tableName(table));
        } catch (ResourceInUseException exists) {
            // already there: nothing to do
        }
    }

    @Override
    public WriteState written(String idempotencyToken) {
        synchronized (tokens) {
            if (tokens.containsKey(idempotencyToken)) {
                return WriteState.WRITTEN;
            }
        }
        if (tokenTable.isEmpty()) {
            return WriteState.UNKNOWN;
        }
        try {
            Map<String, AttributeValue> item = client.getItem(b -> b.tableName(tokenTable.get()).consistentRead(true)
                    .key(Map.of(TOKEN, AttributeValue.fromS(idempotencyToken)))).item();
            return item != null && !item.isEmpty() ? WriteState.WRITTEN : WriteState.NOT_WRITTEN;
        } catch (SdkException e) {
            throw store(SdkErrors.translate("GetItem of the token " + idempotencyToken, e));
        }
    }

    @Override
    public List<AffectedRecord> write(List<AffectedRecord> changes, String idempotencyToken) {
        List<RecordChange> planned = validate(changes, idempotencyToken);
        synchronized (tokens) {
            Remembered r = tokens.get(idempotencyToken);
            if (r != null) {
                if (!r.changes().equals(changes)) {
                    throw new IllegalArgumentException("the token " + idempotencyToken + " was used for other changes");
                }
                return r.result();
            }
        }
        int capacity = tokenTable.isPresent() ? MAX_ITEMS - 1 : MAX_ITEMS;
        if (changes.size() > capacity) {
            throw new ToolException("the change set writes " + changes.size() + " records; one DynamoDB transaction "
                    + "writes at most " + capacity + ", so nothing was written");
        }
        if (tokenTable.isPresent()) {
            List<AffectedRecord> result = writeWithToken(planned, idempotencyToken);
            synchronized (tokens) {
                tokens.put(idempotencyToken, new Remembered(List.copyOf(changes), result));
            }
            return result;
        }
        List<Optional<Row>> stored = read(planned);
        WriteConflictException conflict = firstConflict(planned, stored);
        List<AffectedRecord> result;
        if (conflict == null) {
            checkSize(planned, stored);
            List<TransactWriteItem> items = new ArrayList<>();
            for (int i = 0; i < planned.size(); i++) {
                items.add(planned.get(i).item(stored.get(i)));
            }
            transact(items, idempotencyToken, planned);
            result = result(planned, stored, stored);
        } else {
            result = repeated(planned, stored, idempotencyToken).orElseThrow(() -> conflict);
        }
        synchronized (tokens) {
            tokens.put(idempotencyToken, new Remembered(List.copyOf(changes), result));
        }
        return result;
    }

    // ---- the token table ---------------------------------------------------------------------------------

    /**
     * The write with its token's item in the same transaction; when the token's item exists already, the
     * write happened earlier (before a crash, or in another instance) and is not made again.
     */
    private List<AffectedRecord> writeWithToken(List<RecordChange> planned, String token) {
        for (int attempt = 0; ; attempt++) {
            Optional<List<AffectedRecord>> earlier = earlierWrite(planned, token);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            List<Optional<Row>> stored = read(planned);
            WriteConflictException conflict = firstConflict(planned, stored);
            if (conflict != null) {
                if (attempt == 0 && written(token) == WriteState.WRITTEN) {
                    continue; // another call with this token wrote between the two reads
                }
                throw conflict;
            }
            checkSize(planned, stored);
            List<TransactWriteItem> items = new ArrayList<>();
            for (int i = 0; i < planned.size(); i++) {
                items.add(planned.get(i).item(stored.get(i)));
            }
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(tokenTable.get())
                    .item(Map.of(TOKEN, AttributeValue.fromS(token), CHANGES, AttributeValue.fromS(fingerprint(planned))))
                    .conditionExpression("attribute_not_exists(#t)").expressionAttributeNames(Map.of("#t", TOKEN))
                    .build()).build());
            try {
                transact(items, token, planned);
            } catch (ToolException e) {
                // the token's own condition failing cancels the transaction too
                if (attempt == 0 && written(token) == WriteState.WRITTEN) {
                    continue; // another call with this token won the race: return what it wrote
                }
                throw e;
            }
            return result(planned, stored, stored);
        }
    }

    /** The records as the earlier write with {@code token} left them, if that write happened. */
    private Optional<List<AffectedRecord>> earlierWrite(List<RecordChange> planned, String token) {
        Map<String, AttributeValue> item;
        try {
            item = client.getItem(b -> b.tableName(tokenTable.get()).consistentRead(true)
                    .key(Map.of(TOKEN, AttributeValue.fromS(token)))).item();
        } catch (SdkException e) {
            throw store(SdkErrors.translate("GetItem of the token " + token, e));
        }
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        if (!fingerprint(planned).equals(item.get(CHANGES).s())) {
            throw new IllegalArgumentException("the token " + token + " was used for other changes");
        }
        List<Optional<Row>> stored = read(planned);
        List<AffectedRecord> result = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            RecordChange c = planned.get(i);
            AffectedRecord.Operation op = c.change().operation();
            // when the record changed again since, the before-image is the previewed one the write was
            // conditioned on, and the after-image the one the write made of it
            Optional<Row> before = op == AffectedRecord.Operation.CREATE ? Optional.empty()
                    : op != AffectedRecord.Operation.DELETE && c.looksApplied(stored.get(i)) ? c.rebuiltBefore(stored.get(i))
                    : c.change().before();
            Optional<Row> made = c.after(before);
            boolean unchanged = made.isPresent() && stored.get(i).isPresent()
                    && RecordVersion.of(c.entity(), made.get()).equals(RecordVersion.of(c.entity(), stored.get(i).get()));
            result.add(record(c, before, unchanged ? stored.get(i) : made));
        }
        return Optional.of(List.copyOf(result));
    }

    /** What identifies the changes of a write: entity, key, operation and version of each, in order. */
    private static String fingerprint(List<RecordChange> planned) {
        StringBuilder b = new StringBuilder();
        for (RecordChange c : planned) {
            AffectedRecord r = c.change();
            b.append(r.entity()).append('|').append(new java.util.TreeMap<>(r.key())).append('|')
                    .append(r.operation().jsonName()).append('|').append(r.version().orElse("")).append('\n');
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    // ---- validation ------------------------------------------------------------------------------------

    private List<RecordChange> validate(List<AffectedRecord> changes, String token) {
        if (token == null || token.isEmpty() || token.length() > 36) {
            throw new IllegalArgumentException("an idempotency token has 1 to 36 characters, not '" + token + "'");
        }
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("a write needs at least one change");
        }
        List<RecordChange> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (AffectedRecord r : changes) {
            Entity entity = model.entity(r.entity()).orElseThrow(() -> new IllegalArgumentException(
                    "the data model has no entity '" + r.entity() + "'"));
            if (r.operation() == AffectedRecord.Operation.SEND) {
                throw new IllegalArgumentException("a record writer creates, updates and deletes; it does not send to "
                        + r.entity() + " " + r.key());
            }
            if (!r.key().keySet().equals(RecordChange.keyFields(entity))) {
                throw new IllegalArgumentException("the key of a " + r.entity() + " record is " + RecordChange.keyFields(entity)
                        + ", not " + r.key().keySet());
            }
            if (r.operation() != AffectedRecord.Operation.CREATE && r.version().isEmpty()) {
                throw new IllegalArgumentException("the " + r.operation().jsonName() + " of " + r.entity() + " " + r.key()
                        + " has no version; every update and delete is conditional");
            }
            if (r.operation() != AffectedRecord.Operation.DELETE) {
                Row after = r.after().orElseThrow(() -> new IllegalArgumentException("the " + r.operation().jsonName()
                        + " of " + r.entity() + " " + r.key() + " has no after-image"));
                for (String k : RecordChange.keyFields(entity)) {
                    Object v = after.valueOrNull(k);
                    if (v == null ? r.operation() == AffectedRecord.Operation.CREATE : !v.equals(r.key().get(k))) {
                        throw new IllegalArgumentException("the after-image of " + r.entity() + " " + r.key()
                                + " has another key; key fields cannot change");
                    }
                }
            }
            if (RecordVersion.isVersioned(entity) && r.version().isPresent() && !r.version().get().matches("\\d+")) {
                throw new IllegalArgumentException("the version of a versioned " + r.entity() + " record is a whole number, not "
                        + r.version().get());
            }
            if (!seen.add(entity.table() + " " + r.key())) {
                throw new IllegalArgumentException("two changes to " + r.entity() + " " + r.key()
                        + "; a transaction writes each record once");
            }
            out.add(new RecordChange(entity, r));
        }
        return out;
    }

    /** Refuses, before writing, a change set whose records exceed what one transaction takes (DynamoDB would cancel it). */
    private static void checkSize(List<RecordChange> planned, List<Optional<Row>> stored) {
        long bytes = 0;
        for (int i = 0; i < planned.size(); i++) {
            RecordChange c = planned.get(i);
            bytes += ItemSize.bytes(c.after(stored.get(i)).map(AttributeValues::item).orElseGet(c::key));
        }
        if (bytes > MAX_BYTES) {
            throw new ToolException("the change set writes " + bytes + " bytes; one DynamoDB transaction writes at most "
                    + MAX_BYTES + ", so nothing was written");
        }
    }

    // ---- reading and checking ----------------------------------------------------------------------------

    private List<Optional<Row>> read(List<RecordChange> planned) {
        List<TransactGetItem> gets = new ArrayList<>();
        for (RecordChange c : planned) {
            gets.add(TransactGetItem.builder().get(g -> g.tableName(c.entity().table()).key(c.key())).build());
        }
        List<ItemResponse> responses;
        try {
            responses = client.transactGetItems(b -> b.transactItems(gets)).responses();
        } catch (SdkException e) {
            throw store(SdkErrors.translate("TransactGetItems of the change set's records", e));
        }
        List<Optional<Row>> out = new ArrayList<>();
        for (ItemResponse r : responses) {
            out.add(r.hasItem() && !r.item().isEmpty() ? Optional.of(AttributeValues.row(r.item())) : Optional.empty());
        }
        return out;
    }

    private static WriteConflictException firstConflict(List<RecordChange> planned, List<Optional<Row>> stored) {
        for (int i = 0; i < planned.size(); i++) {
            WriteConflictException c = conflict(planned.get(i), stored.get(i));
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static WriteConflictException conflict(RecordChange c, Optional<Row> stored) {
        AffectedRecord r = c.change();
        if (r.operation() == AffectedRecord.Operation.CREATE) {
            return stored.isPresent() ? WriteConflictException.alreadyExists(r.entity(), r.key()) : null;
        }
        if (stored.isEmpty()) {
            return WriteConflictException.notFound(r.entity(), r.key(), r.operation());
        }
        String actual = RecordVersion.of(c.entity(), stored.get());
        String expected = r.version().orElseThrow();
        return actual.equals(expected) ? null
                : WriteConflictException.versionChanged(r.entity(), r.key(), r.operation(), expected, actual);
    }

    /**
     * The result of an earlier call with this token whose records are as it left them: DynamoDB, sent the
     * same request with the same token, confirms it without writing again.
     */
    private Optional<List<AffectedRecord>> repeated(List<RecordChange> planned, List<Optional<Row>> stored, String token) {
        for (int i = 0; i < planned.size(); i++) {
            if (!planned.get(i).deterministic() || !planned.get(i).looksApplied(stored.get(i))) {
                return Optional.empty();
            }
        }
        List<TransactWriteItem> items = new ArrayList<>();
        for (RecordChange c : planned) {
            items.add(c.item(Optional.empty()));
        }
        try {
            transact(items, token, planned);
        } catch (WriteConflictException e) {
            return Optional.empty(); // not a repeat: the records were changed by someone else
        }
        List<Optional<Row>> before = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            before.add(planned.get(i).rebuiltBefore(stored.get(i)));
        }
        List<AffectedRecord> result = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            RecordChange c = planned.get(i);
            AffectedRecord r = c.change();
            Optional<Row> after = r.operation() == AffectedRecord.Operation.DELETE ? Optional.empty() : stored.get(i);
            result.add(record(c, before.get(i), after));
        }
        return Optional.of(result);
    }

    // ---- writing ------------------------------------------------------------------------------------------

    private void transact(List<TransactWriteItem> items, String token, List<RecordChange> planned) {
        try {
            client.transactWriteItems(b -> b.transactItems(items).clientRequestToken(token)
                    .returnConsumedCapacity(ReturnConsumedCapacity.NONE));
        } catch (TransactionCanceledException e) {
            throw cancelled(e, planned);
        } catch (IdempotentParameterMismatchException e) {
            throw new IllegalArgumentException("the token " + token + " was used for other changes", e);
        } catch (TransactionInProgressException e) {
            throw new ToolException("a write with the token " + token + " is still in progress; try again", e);
        } catch (SdkException e) {
            throw store(SdkErrors.translate("TransactWriteItems of the change set", e));
        }
    }

    private RuntimeException cancelled(TransactionCanceledException e, List<RecordChange> planned) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        for (int i = 0; i < reasons.size() && i < planned.size(); i++) {
            if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                RecordChange c = planned.get(i);
                // Someone wrote the record between the read and the write: read it again to say how.
                Optional<Row> now = read(List.of(c)).get(0);
                WriteConflictException conflict = conflict(c, now);
                return conflict != null ? conflict : WriteConflictException.versionChanged(c.change().entity(),
                        c.change().key(), c.change().operation(), c.change().version().orElse("none"), null);
            }
        }
        for (CancellationReason r : reasons) {
            if ("TransactionConflict".equals(r.code())) {
                return new ToolException("another request was writing a record of the change set at the same time; "
                        + "nothing was written, and writing again is safe", e);
            }
            if ("ThrottlingError".equals(r.code()) || "ProvisionedThroughputExceeded".equals(r.code())) {
                return new ToolException("DynamoDB throttled the change set's transaction; nothing was written",
                        new ThrottledException(e.getMessage(), e));
            }
        }
        return new ToolException("DynamoDB cancelled the change set's transaction (" + e.getMessage()
                + "); nothing was written", e);
    }

    private static ToolException store(DataSourceException e) {
        return new ToolException(e.getMessage(), e);
    }

    // ---- the result -----------------------------------------------------------------------------------------

    private static List<AffectedRecord> result(List<RecordChange> planned, List<Optional<Row>> before,
                                               List<Optional<Row>> stored) {
        List<AffectedRecord> out = new ArrayList<>();
        for (int i = 0; i < planned.size(); i++) {
            RecordChange c = planned.get(i);
            out.add(record(c, before.get(i), c.after(stored.get(i))));
        }
        return List.copyOf(out);
    }

    private static AffectedRecord record(RecordChange c, Optional<Row> before, Optional<Row> after) {
        AffectedRecord r = c.change();
        String version = after.map(a -> RecordVersion.of(c.entity(), a))
                .orElseGet(() -> before.map(b -> RecordVersion.of(c.entity(), b)).orElse(r.version().orElse("")));
        return new AffectedRecord(r.entity(), r.key(), r.operation(), before, after, Optional.of(version));
    }
}
