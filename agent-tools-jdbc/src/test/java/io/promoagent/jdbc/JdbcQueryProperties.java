package io.promoagent.jdbc;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.RandomDataset;
import io.promoagent.schema.testing.RandomQueries;
import io.promoagent.schema.testing.RandomValues;
import io.promoagent.schema.testing.ReferenceCheck;
import io.promoagent.schema.testing.ShopFixture;
import io.promoagent.schema.testing.StreamCheck;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random queries (agent-schema's {@link RandomQueries}: the whole IR, rules, related records, paths,
 * measures, having, order, limit) over random data, run by the query engine over PostgreSQL, give the
 * reference evaluator's answer; each runs as exactly one SQL statement. Each seed makes its own model (the
 * shop fixture in one source, or a random model), data set and database. A failure names the seed.
 */
class JdbcQueryProperties {

    private static final int MAX_ROWS = 24;
    private static final int QUERIES_PER_SEED = 12;

    static LongStream seeds() {
        return LongStream.range(1, 31);
    }

    @ParameterizedTest(name = "shop model, seed {0}")
    @MethodSource("seeds")
    void shopQueriesAgreeWithTheReferenceEvaluator(long seed) {
        check(ShopOnPostgres.model(), seed, seed % 2 == 0 ? NamingStrategy.AS_IS : NamingStrategy.SNAKE_CASE);
    }

    @ParameterizedTest(name = "random model, seed {0}")
    @MethodSource("seeds")
    void randomModelQueriesAgreeWithTheReferenceEvaluator(long seed) {
        check(RandomSqlModels.next(new Random(seed * 7919)), seed, NamingStrategy.AS_IS);
    }

    @ParameterizedTest(name = "customers on PostgreSQL, orders in memory, seed {0}")
    @MethodSource("seeds")
    void queriesAcrossSourcesAgreeWithTheReferenceEvaluator(long seed) {
        DataModel model = ShopFixture.model(); // customers in source crm (here PostgreSQL), the rest in sales (memory)
        Random random = new Random(seed);
        RandomValues values = new RandomValues(model, random, ShopFixture.TODAY);
        Map<String, List<Row>> data = RandomDataset.generate(model, values, MAX_ROWS);
        DataSource db = TestDatabases.newDatabase("crm");
        JdbcTables.create(db, model, "crm", NamingStrategy.AS_IS);
        JdbcTables.load(db, model, model.requireEntity("customers"), NamingStrategy.AS_IS, data.get("customers"));
        try (TestDatabases.Dropped dropped = TestDatabases.dropAfter(db);
             JdbcDataSource crm = JdbcDataSource.builder(db, model).id("crm").build()) {
            QueryEngine engine = QueryEngine.builder(model).source(crm)
                    .source(new InMemoryDataSource("sales", Map.of("orders", data.get("orders"), "promotions", data.get("promotions"))))
                    .clock(ShopFixture.CLOCK).build();
            ReferenceEvaluator oracle = new ReferenceEvaluator(model, ShopFixture.CLOCK);
            RandomQueries queries = new RandomQueries(model, values, MAX_ROWS);
            for (int i = 0; i < QUERIES_PER_SEED; i++) {
                Query query = queries.next();
                try {
                    ReferenceCheck.assertAgrees(oracle, data, query, StreamCheck.executed(engine, query), true);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("seed " + seed + ", query " + i + ": " + QueryJson.write(query) + "\n"
                            + e.getMessage(), e);
                }
            }
        }
    }

    private static void check(DataModel model, long seed, NamingStrategy naming) {
        Random random = new Random(seed);
        RandomValues values = new RandomValues(model, random, ShopFixture.TODAY);
        Map<String, List<Row>> data = RandomDataset.generate(model, values, MAX_ROWS);
        DataSource db = ShopOnPostgres.load(model, data, naming);
        try (TestDatabases.Dropped dropped = TestDatabases.dropAfter(db);
             JdbcDataSource source = JdbcDataSource.builder(db, model).id("pg").naming(naming).build()) {
            QueryEngine engine = QueryEngine.builder(model).source(source).clock(ShopFixture.CLOCK).build();
            ReferenceEvaluator oracle = new ReferenceEvaluator(model, ShopFixture.CLOCK);
            RandomQueries queries = new RandomQueries(model, values, MAX_ROWS);
            for (int i = 0; i < QUERIES_PER_SEED; i++) {
                Query query = queries.next();
                try {
                    QueryResult result = engine.execute(query);
                    ReferenceCheck.assertAgrees(oracle, data, query, result, true);
                    OneStatement.assertWhole(result);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("seed " + seed + ", query " + i + ": " + QueryJson.write(query) + "\n"
                            + e.getMessage(), e);
                }
            }
        }
    }
}
