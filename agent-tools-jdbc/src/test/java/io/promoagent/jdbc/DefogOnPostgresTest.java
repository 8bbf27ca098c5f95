package io.promoagent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.RandomQueries;
import io.promoagent.schema.testing.RandomValues;
import io.promoagent.schema.testing.ReferenceCheck;
import io.promoagent.schema.testing.ShopFixture;
import io.promoagent.test.DataFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import javax.sql.DataSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Someone else's schemas: the two development databases of the defog evaluation ({@code shared/eval/defog},
 * beside the repository), their data models written for DynamoDB with only the source's kind changed to
 * {@code jdbc}, loaded into PostgreSQL. The start-up check passes, and random queries over their real data
 * give the reference evaluator's answers, each in one statement. Skipped where the folder is absent.
 */
class DefogOnPostgresTest {

    private static final int QUERIES = 150;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"broker", "derm_treatment"})
    void randomQueriesOverTheDevelopmentDatabasesAgreeWithTheReferenceEvaluator(String database) throws Exception {
        Optional<Path> folder = defog();
        Assumptions.assumeTrue(folder.isPresent(), "shared/eval/defog is not beside this repository");
        Path dir = folder.get().resolve(database);
        String yaml = Files.readString(dir.resolve("model.yaml")).replace("{id: dynamodb, kind: dynamodb}", "{id: dynamodb, kind: jdbc}");
        DataModel model = DataModelYaml.parse(yaml, database + "-on-postgres.yaml");
        Map<String, List<Row>> data = DataFixture.load(model, dir.resolve("data")).rows();

        DataSource db = TestDatabases.newDatabase(database);
        JdbcTables.create(db, model, "dynamodb", NamingStrategy.AS_IS);
        for (Entity e : model.entities()) {
            JdbcTables.load(db, model, e, NamingStrategy.AS_IS, data.getOrDefault(e.name(), List.of()));
        }
        long statements = 0;
        try (TestDatabases.Dropped dropped = TestDatabases.dropAfter(db);
             JdbcDataSource source = JdbcDataSource.builder(db, model).id("dynamodb").build()) {
            QueryEngine engine = QueryEngine.builder(model).source(source).clock(ShopFixture.CLOCK).build();
            ReferenceEvaluator oracle = new ReferenceEvaluator(model, ShopFixture.CLOCK);
            RandomQueries queries = new RandomQueries(model, new RandomValues(model, new Random(database.hashCode()),
                    ShopFixture.TODAY), 200);
            for (int i = 0; i < QUERIES; i++) {
                Query query = queries.next();
                try {
                    QueryResult result = engine.execute(query);
                    ReferenceCheck.assertAgrees(oracle, data, query, result, true);
                    statements += result.stats().calls();
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(database + " query " + i + ": " + QueryJson.write(query) + "\n" + e.getMessage(), e);
                }
            }
        }
        assertThat(statements).as("statements for " + QUERIES + " queries").isEqualTo(QUERIES);
    }

    /** The defog folder, looked for beside the repository (the main checkout's or a worktree's parent). */
    private static Optional<Path> defog() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/eval/defog");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
