package io.promoagent.jdbc.federation;

import io.promoagent.dynamodb.DynamoDbDataSource;
import io.promoagent.dynamodb.DynamoDbLoader;
import io.promoagent.dynamodb.DynamoDbTables;
import io.promoagent.jdbc.JdbcDataSource;
import io.promoagent.jdbc.JdbcTables;
import io.promoagent.jdbc.NamingStrategy;
import io.promoagent.jdbc.TestDatabases;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.ShopFixture;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * The shop fixture split across two real stores: the entities of one of its sources in DynamoDB Local
 * (in process), those of the other in an embedded PostgreSQL database, each table set of its own.
 */
final class Federation implements AutoCloseable {

    private static AmazonDynamoDBLocal local;
    private static DynamoDbClient client;

    final DataModel model;
    final DynamoDbDataSource dynamo;
    final JdbcDataSource postgres;
    final QueryEngine engine;
    private final DataSource database;

    /**
     * @param name          a name of its own: prefixes the DynamoDB tables and names the database
     * @param inDynamo      the source id whose entities go to DynamoDB ({@code crm} or {@code sales})
     * @param data          the rows of every entity
     */
    Federation(String name, String inDynamo, Map<String, List<Row>> data) {
        this.model = withTablePrefix(ShopFixture.model(), name + "_");
        String inPostgres = inDynamo.equals("crm") ? "sales" : "crm";
        DynamoDbClient ddb = client();
        List<Entity> dynamoEntities = model.entities().stream().filter(e -> e.source().equals(inDynamo)).toList();
        DynamoDbTables.create(ddb, dynamoEntities);
        dynamoEntities.forEach(e -> DynamoDbLoader.load(ddb, e, data.getOrDefault(e.name(), List.of())));
        this.database = TestDatabases.newDatabase(name);
        JdbcTables.create(database, model, inPostgres, NamingStrategy.AS_IS);
        for (Entity e : model.entities()) {
            if (e.source().equals(inPostgres)) {
                JdbcTables.load(database, model, e, NamingStrategy.AS_IS, data.getOrDefault(e.name(), List.of()));
            }
        }
        this.dynamo = DynamoDbDataSource.builder(ddb).id(inDynamo).build();
        this.postgres = JdbcDataSource.builder(database, model).id(inPostgres).build();
        this.engine = QueryEngine.builder(model).source(dynamo, postgres).clock(ShopFixture.CLOCK).build();
    }

    static synchronized DynamoDbClient client() {
        if (client == null) {
            local = DynamoDBEmbedded.create(true);
            client = local.dynamoDbClient();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> local.shutdown()));
        }
        return client;
    }

    /** Drops the PostgreSQL database: the next statement fails as when the server is gone. */
    void dropDatabase() {
        TestDatabases.drop(database);
    }

    private static DataModel withTablePrefix(DataModel m, String prefix) {
        DataModel.Builder b = DataModel.builder();
        m.sources().forEach(b::source);
        for (Entity e : m.entities()) {
            b.entity(new Entity(e.name(), e.source(), prefix + e.table(), e.description(), e.synonyms(), e.key(),
                    e.indexes(), e.fields()));
        }
        m.relationships().forEach(b::relationship);
        m.rules().forEach(b::rule);
        m.measures().forEach(b::measure);
        return b.build();
    }

    @Override
    public void close() {
        dynamo.close();
        postgres.close();
        try {
            TestDatabases.drop(database);
        } catch (IllegalStateException e) {
            // dropped by the test already
        }
    }
}
