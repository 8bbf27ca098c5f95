package io.promoagent.example.cli;

import io.promoagent.dynamodb.DynamoDbDataSource;
import io.promoagent.dynamodb.DynamoDbLoader;
import io.promoagent.dynamodb.DynamoDbTables;
import io.promoagent.example.app.EmbeddedPostgresSources;
import io.promoagent.example.demo.DemoData;
import io.promoagent.example.demo.DemoDataExporter;
import io.promoagent.jdbc.JdbcDataSource;
import io.promoagent.jdbc.JdbcTables;
import io.promoagent.jdbc.NamingStrategy;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Index;
import io.promoagent.schema.model.Source;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.embedded.DynamoDBEmbedded;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * The demo data laid out across two stores for {@code bench federation}: customers and promotions in
 * DynamoDB Local in-process, orders in an embedded PostgreSQL. Kept in one class so that it can be unified
 * with the demo's own federated layout (the model derivation is the same: orders moved to a {@code jdbc}
 * source named {@code postgres}).
 *
 * <p>PostgreSQL gets a B-tree index on the partition key of each index the data model declares for a moved
 * entity ({@code orders.customer_id}, {@code orders.order_month}) and on the sort key ({@code order_date}), as
 * a database administrator would create for the same access paths, and {@code ANALYZE}, so that its row
 * estimates describe the data just loaded.
 */
final class FederatedBenchData implements AutoCloseable {

    /** The id of the PostgreSQL source the federated model adds. */
    static final String POSTGRES = "postgres";
    /** The entities moved to PostgreSQL. */
    static final String MOVED = "orders";

    private final DataModel model;
    private final AmazonDynamoDBLocal dynamoDbLocal;
    private final EmbeddedPostgres postgres;
    private final DynamoDbDataSource dynamoDb;
    private final JdbcDataSource jdbc;
    private final JdbcDataSource wholeTables;

    private FederatedBenchData(DataModel model, AmazonDynamoDBLocal dynamoDbLocal, EmbeddedPostgres postgres,
                               DynamoDbDataSource dynamoDb, JdbcDataSource jdbc, JdbcDataSource wholeTables) {
        this.model = model;
        this.dynamoDbLocal = dynamoDbLocal;
        this.postgres = postgres;
        this.dynamoDb = dynamoDb;
        this.jdbc = jdbc;
        this.wholeTables = wholeTables;
    }

    /** The demo model {@code demo} with {@link #MOVED} in a PostgreSQL source; everything else as declared. */
    static DataModel federated(DataModel demo) {
        DataModel.Builder b = DataModel.builder();
        demo.sources().forEach(b::source);
        b.source(new Source(POSTGRES, EmbeddedPostgresSources.JDBC));
        for (Entity e : demo.entities()) {
            b.entity(e.name().equals(MOVED)
                    ? new Entity(e.name(), POSTGRES, e.table(), e.description(), e.synonyms(), e.key(), e.indexes(), e.fields())
                    : e);
        }
        demo.relationships().forEach(b::relationship);
        demo.rules().forEach(b::rule);
        demo.measures().forEach(b::measure);
        demo.vocabulary().forEach(b::phrase);
        return b.build();
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
        EmbeddedPostgres postgres = null;
        try {
            DemoDataExporter.export(data, directory);
            DynamoDbClient client = local.dynamoDbClient();
            DynamoDbTables.create(client, model);
            postgres = EmbeddedPostgres.builder().setServerConfig("timezone", "UTC").start();
            javax.sql.DataSource database = postgres.getPostgresDatabase();
            JdbcTables.create(database, model, POSTGRES, NamingStrategy.AS_IS);
            for (Entity e : model.entities()) {
                Path file = directory.resolve(e.name() + ".jsonl");
                if (e.source().equals(POSTGRES)) {
                    JdbcTables.load(database, model, e, NamingStrategy.AS_IS, file);
                    loaded.accept(e.name(), indexAndAnalyze(database, e));
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
            closeQuietly(postgres);
            throw e;
        } finally {
            BenchCapacityCommand.delete(directory);
        }
    }

    /** Creates the indexes of the entity's declared access paths, analyzes the table, and returns its row count. */
    private static long indexAndAnalyze(javax.sql.DataSource database, Entity e) {
        Set<String> columns = new LinkedHashSet<>();
        for (Index index : e.indexes()) {
            columns.add(index.key().partition());
            index.key().sort().ifPresent(columns::add);
        }
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            for (String column : columns) {
                s.execute("CREATE INDEX ON \"" + e.table() + "\" (\"" + column + "\")");
            }
            s.execute("ANALYZE \"" + e.table() + "\"");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM \"" + e.table() + "\"")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("cannot index " + e.table() + " in PostgreSQL: " + ex.getMessage(), ex);
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

    /** The database of the PostgreSQL source, for reading its statistics. */
    javax.sql.DataSource database() {
        return postgres.getPostgresDatabase();
    }

    @Override
    public void close() {
        dynamoDb.close();
        jdbc.close();
        wholeTables.close();
        dynamoDbLocal.shutdown();
        closeQuietly(postgres);
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            // shutting down: the server's directory is temporary
        }
    }
}
