package io.promoagent.dynamodb;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.RandomDataset;
import io.promoagent.schema.testing.RandomQueries;
import io.promoagent.schema.testing.RandomValues;
import io.promoagent.schema.testing.ReferenceCheck;
import io.promoagent.schema.testing.SeededProperty;
import io.promoagent.schema.testing.StreamCheck;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The project's shared random queries (agent-schema's {@link RandomQueries}: the whole IR, measures,
 * having and paths included) over the demo data model, run by the query engine over the DynamoDB source,
 * agree with the reference evaluator ({@link ReferenceCheck}). The shared random data may lack any field,
 * index keys included, so the source is told that indexes are sparse.
 */
class SharedRandomQueriesProperties {

    private static final int MAX_ROWS = 150;

    private static DataModel model;
    private static Map<String, List<Row>> data;
    private static DynamoDbDataSource source;
    private static QueryEngine engine;
    private static ReferenceEvaluator oracle;

    @BeforeAll
    static void load() {
        DynamoDbClient client = LocalDynamoDb.client();
        model = DemoModel.withTablePrefix("prop_shared_");
        DynamoDbTables.create(client, model);
        Map<String, List<Row>> rows = RandomDataset.generate(model, new RandomValues(model, new Random(7), DemoModel.NOW),
                MAX_ROWS);
        for (Entity e : model.entities()) {
            DynamoDbLoader.load(client, e, storable(e, rows.get(e.name())));
        }
        data = DemoModel.dataset(client, model);
        source = DynamoDbDataSource.builder(client).id("dynamodb").sparseIndexes(true).build();
        engine = QueryEngine.builder(model).source(source).clock(DemoModel.CLOCK).build();
        oracle = new ReferenceEvaluator(model, DemoModel.CLOCK);
    }

    /**
     * The rows as DynamoDB can hold them: an index key attribute cannot be an empty string, so such a value
     * is left out (the reference evaluator reads the rows back from DynamoDB, so both see the same data).
     */
    private static List<Row> storable(Entity e, List<Row> rows) {
        java.util.Set<String> indexKeys = new java.util.HashSet<>();
        for (io.promoagent.schema.model.Index i : e.indexes()) {
            indexKeys.add(i.key().partition());
            i.key().sort().ifPresent(indexKeys::add);
        }
        return rows.stream().map(r -> {
            Map<String, Object> values = new java.util.LinkedHashMap<>(r.values());
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

    @SeededProperty(cases = 250)
    void sharedRandomQueriesAgreeWithTheReferenceEvaluator(long seed) {
        RandomQueries queries = new RandomQueries(model, new RandomValues(model, new Random(seed), DemoModel.NOW), MAX_ROWS);
        Query query = queries.next();
        ReferenceCheck.assertAgrees(oracle, data, query, StreamCheck.executed(engine, query), true);
    }
}
