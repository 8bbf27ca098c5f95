package io.promoagent.dynamodb;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Index;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.RandomDataset;
import io.promoagent.schema.testing.RandomExpressionQueries;
import io.promoagent.schema.testing.RandomExpressionQueries.Construct;
import io.promoagent.schema.testing.RandomValues;
import io.promoagent.schema.testing.ReferenceCheck;
import io.promoagent.schema.testing.StreamCheck;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every construct of query IR 2.0 (agent-schema's {@link RandomExpressionQueries}) over random data of the
 * demo data model stored in DynamoDB Local: the engine over the DynamoDB source (conditions pushed down,
 * the rest computed in memory) gives the reference evaluator's answer over the same rows. Seeded: a
 * failure names its seed and construct.
 */
class ExpressionQueriesOverDynamoDbProperties {

    private static final int MAX_ROWS = 120;

    private static DataModel model;
    private static Map<String, List<Row>> data;
    private static DynamoDbDataSource source;
    private static QueryEngine engine;
    private static ReferenceEvaluator oracle;

    @BeforeAll
    static void load() {
        DynamoDbClient client = LocalDynamoDb.client();
        model = DemoModel.withTablePrefix("prop_expr_");
        DynamoDbTables.create(client, model);
        Map<String, List<Row>> rows = RandomDataset.generate(model, new RandomValues(model, new Random(11), DemoModel.NOW),
                MAX_ROWS);
        for (Entity e : model.entities()) {
            DynamoDbLoader.load(client, e, storable(e, rows.get(e.name())));
        }
        data = DemoModel.dataset(client, model);
        source = DynamoDbDataSource.builder(client).id("dynamodb").sparseIndexes(true).build();
        engine = QueryEngine.builder(model).source(source).clock(DemoModel.CLOCK).build();
        oracle = new ReferenceEvaluator(model, DemoModel.CLOCK);
    }

    /** An index key attribute cannot be an empty string in DynamoDB: such a value is left out. */
    private static List<Row> storable(Entity e, List<Row> rows) {
        Set<String> indexKeys = new HashSet<>();
        for (Index i : e.indexes()) {
            indexKeys.add(i.key().partition());
            i.key().sort().ifPresent(indexKeys::add);
        }
        return rows.stream().map(r -> {
            Map<String, Object> values = new LinkedHashMap<>(r.values());
            values.entrySet().removeIf(v -> indexKeys.contains(v.getKey()) && "".equals(v.getValue()));
            return new Row(values);
        }).toList();
    }

    @AfterAll
    static void close() {
        if (source != null) {
            source.close();
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(Construct.values()).flatMap(c -> LongStream.range(0, 15)
                .mapToObj(seed -> Arguments.of(c, seed * 104_729 + c.ordinal())));
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("cases")
    void agreesWithTheReferenceEvaluator(Construct construct, long seed) {
        RandomExpressionQueries queries = new RandomExpressionQueries(model,
                new RandomValues(model, new Random(seed), DemoModel.NOW), MAX_ROWS);
        Optional<Query> query = queries.next(construct);
        if (query.isPresent()) {
            ReferenceCheck.assertAgrees(oracle, data, io.promoagent.schema.model.QueryValidator.of(model)
                    .validate(query.get()), StreamCheck.executed(engine, query.get()), true);
        }
    }
}
