package io.promoagent.example.defog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.example.app.EmbeddedPostgresSources;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.QueryValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The gold IR of the defog development set ({@code defog/<db>.ir.jsonl}, the lines {@link DefogIrTest} runs
 * over memory and DynamoDB) over PostgreSQL: each database's model, written for DynamoDB, with only its
 * source's kind changed to {@code jdbc}, loaded into an embedded PostgreSQL the way
 * {@code query --data-model --data} loads it. Every question gets its gold answer, and every query, all of
 * whose entities live in the one source, runs as one SQL statement unless it holds a construct the compiler
 * declines (docs/jdbc.md). Prints the statements per query. Skipped where the defog folder is absent.
 */
class DefogIrOnPostgresTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2025-05-14T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void everyGoldQueryIsAnsweredExactlyOnPostgresInOneStatement() throws Exception {
        Optional<Path> defog = DefogIrTest.folder();
        assumeTrue(defog.isPresent(), "the defog evaluation folder is not next to the project");
        JsonNode questions = new ObjectMapper().readTree(defog.get().resolve("questions.json").toFile());
        List<String> wrong = new ArrayList<>();
        Map<String, Long> statements = new LinkedHashMap<>();
        List<String> notWhole = new ArrayList<>();
        for (String db : List.of("broker", "derm_treatment")) {
            Path dir = defog.get().resolve(db);
            String yaml = Files.readString(dir.resolve("model.yaml"));
            assertThat(yaml).contains("kind: dynamodb");
            DataModel model = DataModelYaml.parse(yaml.replace("kind: dynamodb", "kind: jdbc"), db + "-on-postgres.yaml");
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            questions.get("databases").get(db).get("questions").forEach(q -> byId.put(q.get("id").asText(), q));
            try (EmbeddedPostgresSources pg = EmbeddedPostgresSources.start(model, dir.resolve("data"))) {
                QueryEngine engine = QueryEngine.builder(model).sources(pg.sources()).clock(NOW).build();
                for (JsonNode line : DefogIrTest.lines(db)) {
                    String id = line.get("id").asText();
                    if (line.get("query").isNull()) {
                        continue;
                    }
                    QueryResult result = engine.execute(QueryValidator.of(model).accept(QueryJson.read(line.get("query"))));
                    String why = DefogGrade.grade(byId.get(id), result.columns(), DefogIrTest.rows(result));
                    if (!why.isEmpty()) {
                        wrong.add(id + ": " + why + " " + result.rows());
                    }
                    statements.put(id, result.stats().calls());
                    boolean whole = result.explanations().size() == 1
                            && result.explanations().get(0).notes().contains("the whole query in this statement");
                    if (!whole) {
                        notWhole.add(id);
                    }
                }
            }
        }
        System.out.println("defog gold IR on PostgreSQL: " + statements.size() + " queries, "
                + statements.values().stream().mapToLong(Long::longValue).sum() + " statements; not handed over whole: "
                + notWhole + "; statements per query: " + statements);
        assertThat(wrong).as("questions answered wrongly on PostgreSQL").isEmpty();
        assertThat(statements).hasSizeGreaterThanOrEqualTo(59);
        assertThat(notWhole).as("queries the engine did not hand whole to PostgreSQL").isEmpty();
        assertThat(statements.values()).as("statements per query").allMatch(n -> n == 1);
    }
}
