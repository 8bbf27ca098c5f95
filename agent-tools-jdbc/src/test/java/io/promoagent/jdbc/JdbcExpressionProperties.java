package io.promoagent.jdbc;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.engine.ReferenceEvaluator;
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
import io.promoagent.schema.testing.ShopFixture;
import io.promoagent.schema.testing.StreamCheck;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For every construct of query IR 2.0 (agent-schema's {@link RandomExpressionQueries}: date parts, elapsed
 * time, arithmetic, text matching, medians and percentiles, conditional aggregates, formulas, related
 * fields and aggregates, windows, nested values, distinct and selected columns), random queries over random
 * data in PostgreSQL give the reference evaluator's answer, over the shop model in one source and over
 * random models. Each query runs as exactly one statement unless it holds a construct the compiler
 * declines ({@link Declined}), and then the engine computes it. A failure names the seed and construct.
 */
class JdbcExpressionProperties {

    private static final int MAX_ROWS = 16;
    private static final int QUERIES_PER_CASE = 4;

    static Stream<Arguments> cases() {
        return Stream.of(Construct.values()).flatMap(c -> LongStream.range(0, 6)
                .mapToObj(seed -> Arguments.of(c, seed * 7919 + c.ordinal())));
    }

    @ParameterizedTest(name = "{0}, shop model, seed {1}")
    @MethodSource("cases")
    void shopQueriesAgreeWithTheReferenceEvaluator(Construct construct, long seed) {
        check(ShopOnPostgres.model(), construct, seed);
    }

    @ParameterizedTest(name = "{0}, random model, seed {1}")
    @MethodSource("cases")
    void randomModelQueriesAgreeWithTheReferenceEvaluator(Construct construct, long seed) {
        check(RandomSqlModels.next(new Random(seed * 31 + 7)), construct, seed);
    }

    private static void check(DataModel model, Construct construct, long seed) {
        Random random = new Random(seed);
        RandomValues values = new RandomValues(model, random, ShopFixture.TODAY);
        Map<String, List<Row>> data = RandomDataset.generate(model, values, MAX_ROWS);
        DataSource db = ShopOnPostgres.load(model, data, NamingStrategy.AS_IS);
        try (TestDatabases.Dropped dropped = TestDatabases.dropAfter(db);
             JdbcDataSource source = JdbcDataSource.builder(db, model).id("pg").build()) {
            QueryEngine engine = QueryEngine.builder(model).source(source).clock(ShopFixture.CLOCK).build();
            ReferenceEvaluator oracle = new ReferenceEvaluator(model, ShopFixture.CLOCK);
            RandomExpressionQueries queries = new RandomExpressionQueries(model, values, MAX_ROWS);
            for (int i = 0; i < QUERIES_PER_CASE; i++) {
                Optional<Query> q = queries.next(construct);
                if (q.isEmpty()) {
                    continue;
                }
                Query query = QueryValidator.of(model).validate(q.get());
                try {
                    QueryResult result = StreamCheck.executed(engine, query);
                    ReferenceCheck.assertAgrees(oracle, data, query, result, true);
                    Optional<String> declined = Declined.reason(query);
                    if (declined.isEmpty()) {
                        OneStatement.assertWhole(result);
                    }
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError("seed " + seed + ", " + construct + ", query " + i + ": "
                            + QueryJson.write(query) + "\n" + e.getMessage(), e);
                }
            }
        }
    }
}
