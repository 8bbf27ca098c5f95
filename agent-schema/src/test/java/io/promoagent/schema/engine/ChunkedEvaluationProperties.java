package io.promoagent.schema.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.QueryValidator;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.schema.testing.RandomDataset;
import io.promoagent.schema.testing.RandomExpressionQueries;
import io.promoagent.schema.testing.RandomExpressionQueries.Construct;
import io.promoagent.schema.testing.RandomValues;
import io.promoagent.schema.testing.ReferenceCheck;
import io.promoagent.schema.testing.ShopFixture;
import io.promoagent.schema.testing.StreamCheck;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A row-local query of query IR 2.0 evaluated a few rows at a time (chunks of 1 to 4 rows) gives exactly the
 * answer of the same query evaluated in one chunk, and the reference evaluator's: random queries of every
 * construct over random data of two models (one split over two sources), each also with a random limit.
 * Seeded: a failure names its seed.
 */
class ChunkedEvaluationProperties {

    private static final int MAX_ROWS = 16;
    private static final DataModel DEMO = DemoShop.load();
    private static final DataModel SHOP = ShopFixture.model();
    private static int rowLocalQueries;

    static Stream<Arguments> seeds() {
        return LongStream.range(0, 60).mapToObj(seed -> Arguments.of(seed * 104_729 + 17));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void chunkedEqualsWholeAndTheReference(long seed) {
        for (DataModel model : List.of(DEMO, SHOP)) {
            Random random = new Random(seed);
            RandomValues values = new RandomValues(model, random, ShopFixture.TODAY);
            Map<String, List<Row>> data = RandomDataset.generate(model, values, MAX_ROWS);
            int lookupBatch = 1 + random.nextInt(4);
            QueryEngine chunked = engine(model, data, lookupBatch, 1 + random.nextInt(4));
            QueryEngine whole = engine(model, data, lookupBatch, Integer.MAX_VALUE);
            ReferenceEvaluator oracle = new ReferenceEvaluator(model, ShopFixture.CLOCK);
            RandomExpressionQueries queries = new RandomExpressionQueries(model, values, MAX_ROWS);
            for (Construct construct : Construct.values()) {
                Optional<Query> q = queries.next(construct);
                if (q.isEmpty() || !RowLocal.holds(model, QueryValidator.of(model).validate(q.get()))) {
                    continue;
                }
                for (Query query : List.of(q.get(), q.get().toBuilder().limit(1 + random.nextInt(5)).build())) {
                    rowLocalQueries++;
                    String context = "seed " + seed + ", " + construct + ": " + QueryJson.write(query);
                    QueryResult a = StreamCheck.executed(chunked, query);
                    assertThat(a.rows()).as(context).isEqualTo(whole.execute(query).rows());
                    ReferenceCheck.assertAgrees(oracle, data, QueryValidator.of(model).validate(query), a, false);
                }
            }
        }
    }

    /** Guards the property above against testing nothing: the generators do produce row-local queries. */
    @Test
    void theGeneratorsProduceRowLocalQueries() {
        int before = rowLocalQueries;
        seeds().limit(10).forEach(a -> chunkedEqualsWholeAndTheReference((Long) a.get()[0]));
        assertThat(rowLocalQueries - before).isGreaterThan(20);
    }

    private static QueryEngine engine(DataModel model, Map<String, List<Row>> data, int lookupBatch, int chunk) {
        return QueryEngine.builder(model).sources(RandomDataset.sources(model, data)).clock(ShopFixture.CLOCK)
                .lookupBatchSize(lookupBatch).inMemoryChunkSize(chunk).build();
    }
}
