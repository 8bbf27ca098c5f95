package io.promoagent.example.defog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.QueryValidator;
import io.promoagent.schema.model.ValidatedQuery;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.Row;
import io.promoagent.test.DataFixture;
import io.promoagent.test.DynamoDbFixture;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The query a perfect model would write for every question of the defog development set
 * ({@code ../shared/eval/defog}: its data models, data and gold answers), kept in
 * {@code defog/<db>.ir.jsonl}, runs over the in-memory source and over DynamoDB Local and gives the gold
 * answer by the rules of its {@code grade.py}. Skipped where the defog folder is not next to the project
 * (set {@code -Ddefog.dir=...} to point at it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefogIrTest {

    private static final List<String> DATABASES = List.of("broker", "derm_treatment");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The fixed today the data and the gold answers hang on: 2025-05-14, 12:00 UTC. */
    private static final Clock NOW = Clock.fixed(Instant.parse("2025-05-14T12:00:00Z"), ZoneOffset.UTC);

    private Path defog;
    private JsonNode questions;
    private final List<DynamoDbFixture> dynamo = new ArrayList<>();

    @BeforeAll
    void locate() throws IOException {
        Optional<Path> found = folder();
        assumeTrue(found.isPresent(), "the defog evaluation folder is not next to the project");
        defog = found.get();
        questions = JSON.readTree(defog.resolve("questions.json").toFile());
    }

    /** The defog evaluation folder ({@code -Ddefog.dir}, or beside the project), if there is one. */
    static Optional<Path> folder() {
        return Stream.of(System.getProperty("defog.dir"), "../../../shared/eval/defog",
                        "../../../../shared/eval/defog", "../../shared/eval/defog")
                .filter(p -> p != null && Files.isRegularFile(Path.of(p, "questions.json")))
                .map(Path::of).findFirst();
    }

    @AfterAll
    void close() {
        dynamo.forEach(DynamoDbFixture::close);
    }

    @Test
    void everyQuestionIsExpressedAndAnsweredExactlyOverMemoryAndDynamoDb() throws IOException {
        int total = 0;
        List<String> wrong = new ArrayList<>();
        List<String> notExpressed = new ArrayList<>();
        for (String db : DATABASES) {
            DataModel model = DataModelYaml.load(defog.resolve(db).resolve("model.yaml"));
            DataFixture data = DataFixture.load(model, defog.resolve(db).resolve("data"));
            DynamoDbFixture local = DynamoDbFixture.startLocal(data);
            dynamo.add(local);
            Map<String, QueryEngine> engines = Map.of(
                    "memory", engine(model, data.inMemorySource()),
                    "dynamodb", engine(model, local.dataSource()));
            Map<String, JsonNode> byId = new LinkedHashMap<>();
            questions.get("databases").get(db).get("questions").forEach(q -> byId.put(q.get("id").asText(), q));
            for (JsonNode line : lines(db)) {
                String id = line.get("id").asText();
                JsonNode question = byId.remove(id);
                assertThat(question).as("a question with id " + id).isNotNull();
                total++;
                if (line.get("query").isNull()) {
                    notExpressed.add(id + ": " + line.path("reason").asText());
                    continue;
                }
                ValidatedQuery query = QueryValidator.of(model).accept(QueryJson.read(line.get("query")));
                engines.forEach((name, engine) -> {
                    QueryResult result = engine.execute(query);
                    String why = DefogGrade.grade(question, result.columns(), rows(result));
                    if (!why.isEmpty()) {
                        wrong.add(id + " over " + name + ": " + why + " " + result.rows());
                    }
                });
            }
            assertThat(byId.keySet()).as("questions of " + db + " without a line").isEmpty();
        }
        assertThat(total).isEqualTo(62);
        assertThat(wrong).as("questions answered wrongly").isEmpty();
        // the bar is 95 % exactly right; every question is expressed today
        assertThat(total - notExpressed.size()).as("not expressed: " + notExpressed).isGreaterThanOrEqualTo(59);
    }

    private QueryEngine engine(DataModel model, DataSource source) {
        return QueryEngine.builder(model).source(source).clock(NOW).build();
    }

    static List<JsonNode> lines(String db) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (InputStream in = DefogIrTest.class.getResourceAsStream("/defog/" + db + ".ir.jsonl")) {
            assertThat(in).as("defog/" + db + ".ir.jsonl").isNotNull();
            for (String l : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!l.isBlank()) {
                    out.add(JSON.readTree(l));
                }
            }
        }
        return out;
    }

    static List<Map<String, Object>> rows(QueryResult result) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Row r : result.rows()) {
            out.add(new LinkedHashMap<>(r.values()));
        }
        return out;
    }
}
