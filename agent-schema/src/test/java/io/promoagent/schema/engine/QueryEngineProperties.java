package io.promoagent.schema.engine;

import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.schema.testing.RandomDataset;
import io.promoagent.schema.testing.RandomQueries;
import io.promoagent.schema.testing.RandomValues;
import io.promoagent.schema.testing.ReferenceCheck;
import io.promoagent.schema.testing.SeededProperty;
import io.promoagent.schema.testing.ShopFixture;
import io.promoagent.schema.testing.StreamCheck;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * For random valid queries over random data, the engine (over in-memory sources, with random semi-join
 * and lookup batch limits) gives the reference evaluator's answer.
 */
class QueryEngineProperties {

    private static final int MAX_ROWS = 16;
    private static final int QUERIES_PER_DATASET = 8;
    private static final DataModel DEMO = DemoShop.model();
    private static final DataModel SHOP = ShopFixture.model();

    @SeededProperty(cases = 150)
    void agreesWithTheReferenceEvaluatorOnTheDemoModel(long seed) {
        check(DEMO, seed);
    }

    @SeededProperty(cases = 150)
    void agreesWithTheReferenceEvaluatorAcrossTwoSources(long seed) {
        check(SHOP, seed);
    }

    private static void check(DataModel model, long seed) {
        Random random = new Random(seed);
        RandomValues values = new RandomValues(model, random, ShopFixture.TODAY);
        Map<String, List<Row>> data = RandomDataset.generate(model, values, MAX_ROWS);
        QueryEngine engine = QueryEngine.builder(model)
                .sources(RandomDataset.sources(model, data))
                .clock(ShopFixture.CLOCK)
                .semiJoinKeyLimit(1 + random.nextInt(MAX_ROWS))
                .lookupBatchSize(1 + random.nextInt(4))
                .build();
        ReferenceEvaluator oracle = new ReferenceEvaluator(model, ShopFixture.CLOCK);
        RandomQueries queries = new RandomQueries(model, values, MAX_ROWS);
        for (int i = 0; i < QUERIES_PER_DATASET; i++) {
            Query q = queries.next();
            ReferenceCheck.assertAgrees(oracle, data, q, StreamCheck.executed(engine, q), false);
        }
    }
}
