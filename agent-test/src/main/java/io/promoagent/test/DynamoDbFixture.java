package io.promoagent.test;

import io.promoagent.dynamodb.DynamoDbDataSource;
import io.promoagent.dynamodb.DynamoDbLoader;
import io.promoagent.dynamodb.DynamoDbTables;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Source;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * A {@link DataFixture} loaded into DynamoDB: the tables of the model's DynamoDB entities created and every
 * row written, in an in-process DynamoDB Local or through a client the caller owns.
 *
 * <pre>{@code
 * try (DynamoDbFixture dynamo = DynamoDbFixture.startLocal(DataFixture.load(model, demoDir))) {
 *     DataSource source = dynamo.dataSource();
 *     ...
 * }
 * }</pre>
 *
 * <p>Kept apart from {@link DataFixture} so that users without DynamoDB need none of its classes: this one
 * needs {@code io.promoagent:agent-tools-dynamodb}, and {@code software.amazon.dynamodb:DynamoDBLocal} for
 * {@link #startLocal}.
 */
public final class DynamoDbFixture implements AutoCloseable {

    private final AmazonDynamoDBLocal local;
    private final DynamoDbClient client;
    private final DataFixture data;
    private final Map<String, Long> loadedItems;
    private DynamoDbDataSource dataSource;

    private DynamoDbFixture(AmazonDynamoDBLocal local, DynamoDbClient client, DataFixture data, Map<String, Long> loadedItems) {
        this.local = local;
        this.client = client;
        this.data = data;
        this.loadedItems = Collections.unmodifiableMap(loadedItems);
    }

    /** Starts DynamoDB Local in this process, in memory, and loads {@code data} into it; close to stop it. */
    public static DynamoDbFixture startLocal(DataFixture data) {
        Objects.requireNonNull(data, "data");
        AmazonDynamoDBLocal local = DynamoDBEmbedded.create();
        try {
            DynamoDbClient client = local.dynamoDbClient();
            return new DynamoDbFixture(local, client, data, loadInto(client, data));
        } catch (RuntimeException | Error e) {
            local.shutdown();
            throw e;
        }
    }

    /**
     * Creates the missing tables of the model's DynamoDB entities through {@code client} and writes every row
     * of {@code data} (over items with the same key); the caller keeps and closes the client.
     */
    public static DynamoDbFixture load(DynamoDbClient client, DataFixture data) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(data, "data");
        return new DynamoDbFixture(null, client, data, loadInto(client, data));
    }

    private static Map<String, Long> loadInto(DynamoDbClient client, DataFixture data) {
        DataModel model = data.model();
        DynamoDbTables.create(client, model);
        Map<String, Long> loaded = new LinkedHashMap<>();
        for (Entity entity : dynamoDbEntities(model)) {
            loaded.put(entity.table(), DynamoDbLoader.load(client, entity, data.rows(entity.name())).items());
        }
        return loaded;
    }

    // The same rule as DynamoDbTables: a source of kind dynamodb, or one the model does not declare.
    private static List<Entity> dynamoDbEntities(DataModel model) {
        return model.entities().stream()
                .filter(e -> model.source(e.source()).map(s -> s.kind().equalsIgnoreCase("dynamodb")).orElse(true))
                .toList();
    }

    /** The client of the loaded DynamoDB. */
    public DynamoDbClient client() {
        return client;
    }

    /** The fixture that was loaded. */
    public DataFixture data() {
        return data;
    }

    /** The items written to each table, by table name. */
    public Map<String, Long> loadedItems() {
        return loadedItems;
    }

    /**
     * A data source over the loaded tables with the id of the model's only DynamoDB source; closed with this
     * fixture.
     *
     * @throws FixtureException when the model has no DynamoDB source or several
     */
    public synchronized DynamoDbDataSource dataSource() {
        if (dataSource == null) {
            List<Source> sources = data.model().sources().stream()
                    .filter(s -> s.kind().equalsIgnoreCase("dynamodb"))
                    .toList();
            if (sources.size() != 1) {
                throw new FixtureException("the data model declares " + sources.size()
                        + " DynamoDB sources; build a DynamoDbDataSource with the id of the one wanted");
            }
            dataSource = DynamoDbDataSource.builder(client).id(sources.get(0).id()).build();
        }
        return dataSource;
    }

    /** Closes the data source and stops DynamoDB Local if this fixture started it; a caller's client stays open. */
    @Override
    public synchronized void close() {
        if (dataSource != null) {
            dataSource.close();
        }
        if (local != null) {
            client.close();
            local.shutdown();
        }
    }
}
