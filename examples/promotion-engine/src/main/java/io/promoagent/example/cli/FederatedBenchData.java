package io.promoagent.example.cli;

import io.promoagent.dynamodb.DynamoDbDataSource;
import io.promoagent.dynamodb.DynamoDbLoader;
import io.promoagent.dynamodb.DynamoDbTables;
import io.promoagent.example.app.DemoLayout;
import io.promoagent.example.app.PostgresDatabase;
import io.promoagent.example.demo.DemoData;
import io.promoagent.example.demo.DemoDataExporter;
import io.promoagent.jdbc.JdbcDataSource;
import io.promoagent.jdbc.JdbcTables;
import io.promoagent.jdbc.NamingStrategy;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * The demo data laid out across two stores for {@code bench federation}: customers and promotions in
 * DynamoDB Local in-process, orders in an embedded PostgreSQL, as {@link DemoLayout#FEDERATED} lays out the
 * demo. Unlike the demo it loads any number of customers, and keeps a second PostgreSQL source without a row
 * cap for the naive way. The orders live in a database of their own on the JVM's shared temporary PostgreSQL
 * ({@link PostgresDatabase#temporary()}, the demo's), which is stopped with the bench however it ends, even
 * killed with SIGKILL; PostgreSQL's statistics are per database, so the bench's count only its own tables. {@link JdbcTables} indexes the columns of the declared access paths and relationships
 * and runs {@code ANALYZE}, so that PostgreSQL's row estimates describe the data just loaded.
 */
final class FederatedBenchData implements AutoCloseable {

    /** The id of the PostgreSQL source the federated model adds. */
    static final String POSTGRES = DemoLayout.POSTGRES_SOURCE;

    private final DataModel model;
    private final AmazonDynamoDBLocal dynamoDbLocal;
    private final PostgresDatabase postgres;
    private final DynamoDbDataSource dynamoDb;
    private final JdbcDataSource jdbc;
    private final JdbcDataSource wholeTables;

    private FederatedBenchData(DataModel model, AmazonDynamoDBLocal dynamoDbLocal, PostgresDatabase postgres,
                               DynamoDbDataSource dynamoDb, JdbcDataSource jdbc, JdbcDataSource wholeTables) {
        this.model = model;
        this.dynamoDbLocal = dynamoDbLocal;
        this.postgres = postgres;
        this.dynamoDb = dynamoDb;
        this.jdbc = jdbc;
        this.wholeTables = wholeTables;
    }

    /** The demo model {@code demo} laid out as the demo runs by default: orders in PostgreSQL. */
    static DataModel federated(DataModel demo) {
        return DemoLayout.FEDERATED.model(demo);
    }

    /**
     * Starts both stores and loads {@code data} into them: DynamoDB Local for the entities of the demo
     * model's DynamoDB source, PostgreSQL for the moved ones.
     *
     * @param loaded told each entity's name and the records loaded
     */
    static FederatedBenchData start(DataModel demo, DemoData data, BiConsumer<String, Long> loaded) throws IOException {
        DataModel model = federated(demo);
        Path directory = Files.createTempDirectory("promo-agent-federation");
        AmazonDynamoDBLocal local = DynamoDBEmbedded.create(true);
        PostgresDatabase postgres = null;
        try {
            DemoDataExporter.export(data, directory);
            DynamoDbClient client = local.dynamoDbClient();
            DynamoDbTables.create(client, model);
            postgres = PostgresDatabase.temporary();
            javax.sql.DataSource database = postgres.dataSource();
            JdbcTables.create(database, model, POSTGRES, NamingStrategy.AS_IS);
            for (Entity e : model.entities()) {
                Path file = directory.resolve(e.name() + ".jsonl");
                if (e.source().equals(POSTGRES)) {
                    JdbcTables.load(database, model, e, NamingStrategy.AS_IS, file);
                    loaded.accept(e.name(), rowCount(database, e));
                } else {
                    loaded.accept(e.name(), DynamoDbLoader.load(client, e, file).items());
                }
            }
            DynamoDbDataSource dynamoDb = DynamoDbDataSource.builder(client)
                    .id(model.requireEntity("customers").source()).build();
            JdbcDataSource jdbc = JdbcDataSource.builder(database, model).id(POSTGRES).build();
            JdbcDataSource wholeTables = JdbcDataSource.builder(database, model).id(POSTGRES).maxRows(Integer.MAX_VALUE).build();
            return new FederatedBenchData(model, local, postgres, dynamoDb, jdbc, wholeTables);
        } catch (IOException | RuntimeException e) {
            local.shutdown();
            if (postgres != null) {
                postgres.close();
            }
            throw e;
        } finally {
            BenchCapacityCommand.delete(directory);
        }
    }

    /** The rows of the entity's table; {@link JdbcTables#load} has indexed the access paths and analyzed it. */
    private static long rowCount(javax.sql.DataSource database, Entity e) {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + e.table() + "\"")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot count " + e.table() + " in PostgreSQL: " + ex.getMessage(), ex);
        }
    }

    /** The federated data model. */
    DataModel model() {
        return model;
    }

    DynamoDbDataSource dynamoDb() {
        return dynamoDb;
    }

    /** The PostgreSQL source as the library builds it by default (its row cap included), for the engine. */
    JdbcDataSource jdbc() {
        return jdbc;
    }

    /** The same database with no row cap, for reading a whole table the naive way. */
    JdbcDataSource wholeTables() {
        return wholeTables;
    }

    /** The database of the PostgreSQL source, for reading its statistics (its own tables' only). */
    javax.sql.DataSource database() {
        return postgres.dataSource();
    }

    @Override
    public void close() {
        dynamoDb.close();
        jdbc.close();
        wholeTables.close();
        dynamoDbLocal.shutdown();
        postgres.close();
    }
}
