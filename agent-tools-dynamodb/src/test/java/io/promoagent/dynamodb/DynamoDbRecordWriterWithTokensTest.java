package io.promoagent.dynamodb;

import io.promoagent.core.change.RecordWriter;
import io.promoagent.core.change.RecordWriterContract;
import io.promoagent.dynamodb.item.AttributeValues;
import io.promoagent.dynamodb.store.DynamoDbRecordWriter;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The record-writer contract met by the DynamoDB writer that keeps every write's token in a token table. */
class DynamoDbRecordWriterWithTokensTest extends RecordWriterContract {

    private static final AtomicInteger STORES = new AtomicInteger();
    private final DynamoDbClient client = LocalDynamoDb.client();
    private DataModel model;

    @Override
    protected RecordWriter newWriter(DataModel contractModel, Map<String, List<Row>> rows) {
        String prefix = "rwt" + STORES.incrementAndGet() + "_";
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
        DynamoDbRecordWriter.createTokenTable(client, prefix + "tokens");
        return new DynamoDbRecordWriter(DynamoDbRecordWriterTest.saltedTokens(client, prefix), model, prefix + "tokens");
    }

    @Override
    protected Optional<Row> read(String entity, Map<String, Object> key) {
        Entity e = model.requireEntity(entity);
        Map<String, AttributeValue> k = Map.of(e.key().partition(), AttributeValues.of(key.get(e.key().partition())));
        Map<String, AttributeValue> item = client.getItem(g -> g.tableName(e.table()).key(k).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(AttributeValues.row(item));
    }
}
