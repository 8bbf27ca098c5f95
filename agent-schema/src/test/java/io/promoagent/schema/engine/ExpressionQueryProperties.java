package io.promoagent.schema.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.QueryValidator;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.RandomDataset;
import io.promoagent.schema.testing.RandomExpressionQueries;
import io.promoagent.schema.testing.RandomExpressionQueries.Construct;
import io.promoagent.schema.testing.RandomValues;
import io.promoagent.schema.testing.ReferenceCheck;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.schema.testing.ShopFixture;
import io.promoagent.schema.testing.StreamCheck;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every construct of query IR 2.0, random queries over random data of two models (the demo model and
 * a shop spread over two sources) are valid, survive their JSON form, and the engine (over in-memory
 * sources, with random semi-join and lookup limits) gives the reference evaluator's answer. Seeded: a
 * failure names its seed and construct.
 */
class ExpressionQueryProperties {

    private static final int MAX_ROWS = 16;
    private static final DataModel DEMO = DemoShop.load();
    private static final DataModel SHOP = ShopFixture.model();

    static Stream<Arguments> cases() {
        return Stream.of(Construct.values()).flatMap(c -> LongStream.range(0, 25)
                .mapToObj(seed -> Arguments.of(c, seed * 7919 + c.ordinal())));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void agreesWithTheReferenceEvaluator(Construct construct, long seed) {
        for (DataModel model : List.of(DEMO, SHOP)) {
            Random random = new Random(seed);
            RandomValues values = new RandomValues(model, random, ShopFixture.TODAY);
            Map<String, List<Row>> data = RandomDataset.generate(model, values, MAX_ROWS);
            QueryEngine engine = QueryEngine.builder(model).sources(RandomDataset.sources(model, data))
                    .clock(ShopFixture.CLOCK).semiJoinKeyLimit(1 + random.nextInt(MAX_ROWS))
                    .lookupBatchSize(1 + random.nextInt(4)).build();
            ReferenceEvaluator oracle = new ReferenceEvaluator(model, ShopFixture.CLOCK);
            RandomExpressionQueries queries = new RandomExpressionQueries(model, values, MAX_ROWS);
            for (int i = 0; i < 4; i++) {
                Optional<Query> q = queries.next(construct);
                if (q.isEmpty()) {
                    continue;
                }
                String context = "seed " + seed + ", " + construct + ": " + QueryJson.write(q.get());
                assertThat(QueryValidator.of(model).check(q.get())).as(context).isEmpty();
                assertThat(QueryJson.read(QueryJson.write(q.get()))).as(context).isEqualTo(q.get());
                Query valid = QueryValidator.of(model).validate(q.get());
                ReferenceCheck.assertAgrees(oracle, data, valid, StreamCheck.executed(engine, q.get()), false);
            }
        }
    }
}
