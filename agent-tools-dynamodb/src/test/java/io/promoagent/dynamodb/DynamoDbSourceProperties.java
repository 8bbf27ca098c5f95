package io.promoagent.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.eval.RowPredicate;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.testing.SeedArguments;
import io.promoagent.schema.testing.SeededProperty;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * For random filters over random data, the rows the DynamoDB source returns from DynamoDB Local are
 * exactly those the reference meaning of the filter selects ({@link RowPredicate}, the reference
 * evaluator's), whatever access path was chosen; with a limit, that many of them. Twice: over data
 * whose items all have their indexes' key attributes (the default assumption), and over sparse data
 * with a source told that indexes are sparse.
 */
class DynamoDbSourceProperties {

    /** A data set in its own tables and a source reading it. */
    private record Fixture(DataModel model, Map<String, List<Row>> data, DynamoDbDataSource source) {
    }

    private static final List<String> PATHS = List.of("GetItem", "BatchGetItem", "Query", "Query per bucket",
            "Query per enum value", "Query per key", "Scan");

    private static Fixture dense;
    private static Fixture sparse;
    /** What the dense property's cases did: how often each access path was taken, and how often rows came back. */
    private static final Map<String, Integer> densePaths = new TreeMap<>();
    private static int denseCases;
    private static int denseWithRows;

    @BeforeAll
    static void load() {
        DynamoDbClient client = LocalDynamoDb.client();
        dense = fixture(client, "prop_dense_", false, DynamoDbDataSource.builder(client).id("dynamodb").build());
        sparse = fixture(client, "prop_sparse_", true,
                DynamoDbDataSource.builder(client).id("dynamodb").sparseIndexes(true).concurrency(1).build());
    }

    private static Fixture fixture(DynamoDbClient client, String prefix, boolean sparseData, DynamoDbDataSource source) {
        DataModel model = DemoModel.withTablePrefix(prefix);
        DynamoDbTables.create(client, model);
        Map<String, List<Row>> rows = RandomShopData.generate(model, 20260630L,
                Map.of("customers", 120, "orders", 400, "promotions", 30), sparseData);
        for (Entity e : model.entities()) {
            DynamoDbLoader.load(client, e, rows.get(e.name()));
        }
        return new Fixture(model, DemoModel.dataset(client, model), source);
    }

    @AfterAll
    static void close() {
        dense.source().close();
        sparse.source().close();
    }

    /** Every access path is taken, and most queries find something: the dense property is not vacuous. */
    @AfterAll
    static void theDenseCasesTookEveryPathAndMostFoundRows() {
        if (denseCases < 100 || System.getProperty(SeedArguments.SEED) != null) {
            return; // a replay of one case, or a run of a few: too few cases to judge coverage by
        }
        for (String path : PATHS) {
            assertThat(densePaths.getOrDefault(path, 0)).as("cases taking " + path + " of " + densePaths)
                    .isGreaterThanOrEqualTo(2);
        }
        assertThat(denseWithRows * 100 / denseCases).as("percent of cases that found rows").isGreaterThan(40);
    }

    @SeededProperty(cases = 400)
    void returnsExactlyTheRowsTheFilterSelects(long seed) {
        check(dense, seed);
    }

    @SeededProperty(cases = 200)
    void returnsExactlyTheRowsTheFilterSelectsWhenIndexesAreSparse(long seed) {
        check(sparse, seed);
    }

    private static void check(Fixture fixture, long seed) {
        DataModel model = fixture.model();
        Map<String, List<Row>> data = fixture.data();
        DynamoDbDataSource source = fixture.source();
        Random random = new Random(seed);
        Entity entity = model.entities().get(random.nextInt(model.entities().size()));
        Filter filter = new RandomFilters(entity, data.get(entity.name()), random, false).filter();
        List<String> fields = new ArrayList<>();
        if (random.nextBoolean()) {
            for (Field f : entity.fields()) {
                if (random.nextInt(4) == 0) {
                    fields.add(f.name());
                }
            }
        }
        OptionalInt limit = random.nextInt(3) == 0 ? OptionalInt.of(1 + random.nextInt(12)) : OptionalInt.empty();
        SourceQuery query = new SourceQuery(entity, Optional.of(filter), fields, limit);

        List<Row> rows = new ArrayList<>();
        String explanation;
        try (SourceCursor cursor = source.open(query)) {
            cursor.forEachRemaining(rows::add);
            if (fixture == dense) {
                densePaths.merge(path(cursor.explanation()), 1, Integer::sum);
                denseCases++;
                denseWithRows += rows.isEmpty() ? 0 : 1;
            }
            explanation = cursor.explanation().operation() + " " + cursor.explanation().accessPath() + " "
                    + cursor.explanation().nativeQuery() + " " + cursor.explanation().notes();
            assertThat(cursor.stats().itemsReturned()).isEqualTo(rows.size());
        }

        RowPredicate predicate = RowPredicate.of(entity);
        List<String> returned = returned(entity, fields);
        List<Row> expected = data.get(entity.name()).stream()
                .filter(r -> predicate.test(filter, r))
                .map(r -> returned.isEmpty() ? r : r.project(returned))
                .toList();
        String description = entity.name() + " where " + QueryJson.write(filter) + " fields " + fields + " limit "
                + limit + "\n  executed as " + explanation;
        if (limit.isPresent()) {
            assertThat(rows).as(description).hasSize(Math.min(limit.getAsInt(), expected.size()));
            assertThat(expected).as(description).containsAll(rows);
            assertThat(Set.copyOf(rows)).as(description + " (no row twice)").hasSize(rows.size());
        } else {
            assertThat(rows).as(description).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    /** The access path of an explanation, with the kind of fan-out of a multi-partition query. */
    static String path(io.promoagent.schema.source.Explanation x) {
        for (String note : x.notes()) {
            if (note.contains("queries, one per bucket")) {
                return "Query per bucket";
            }
            if (note.contains("queries, one per declared value")) {
                return "Query per enum value";
            }
            if (note.contains("queries, one per value")) {
                return "Query per key";
            }
        }
        return x.operation();
    }

    private static List<String> returned(Entity entity, List<String> fields) {
        if (fields.isEmpty()) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>(fields);
        out.add(entity.key().partition());
        return List.copyOf(out);
    }
}
