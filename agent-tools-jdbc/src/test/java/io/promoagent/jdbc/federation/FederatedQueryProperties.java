package io.promoagent.jdbc.federation;

import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random queries (agent-schema's {@link RandomQueries}: the whole IR, rules, related records in and/or/not,
 * paths, measures, having, order, limit) over random data split between DynamoDB Local and PostgreSQL give
 * the reference evaluator's answer, whichever direction the engine chooses for a semi-join and whether or not
 * it aggregates before crossing. Each seed has its own data, tables and database; a failure names the seed.
 */
class FederatedQueryProperties {

    private static final int MAX_ROWS = 30;
    private static final int QUERIES_PER_SEED = 15;

    static LongStream seeds() {
        return LongStream.range(1, 17);
    }

    @ParameterizedTest(name = "customers in DynamoDB, orders and promotions in PostgreSQL, seed {0}")
    @MethodSource("seeds")
    void customersInDynamoDbOrdersInPostgres(long seed) {
        check(seed, "crm");
    }

    @ParameterizedTest(name = "customers in PostgreSQL, orders and promotions in DynamoDB, seed {0}")
    @MethodSource("seeds")
    void customersInPostgresOrdersInDynamoDb(long seed) {
        check(seed, "sales");
    }

    private static void check(long seed, String inDynamo) {
        DataModel model = ShopFixture.model();
        Random random = new Random(seed);
        RandomValues values = new RandomValues(model, random, ShopFixture.TODAY);
        Map<String, List<Row>> data = RandomDataset.generate(model, values, MAX_ROWS);
        try (Federation f = new Federation("fedprop_" + inDynamo + "_" + seed, inDynamo, data)) {
            ReferenceEvaluator oracle = new ReferenceEvaluator(f.model, ShopFixture.CLOCK);
            RandomQueries queries = new RandomQueries(f.model, values, MAX_ROWS);
            for (int i = 0; i < QUERIES_PER_SEED; i++) {
                Query query = queries.next();
                try {
                    ReferenceCheck.assertAgrees(oracle, data, query, StreamCheck.executed(f.engine, query), true);
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("seed " + seed + " (" + inDynamo + " in DynamoDB), query " + i + ": "
                            + QueryJson.write(query) + "\n" + e.getMessage(), e);
                }
            }
        }
    }
}
