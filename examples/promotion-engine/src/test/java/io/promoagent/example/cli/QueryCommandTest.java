package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promo-agent query} over the demo data and over a data model and data of one's own: one JSON line
 * per query with its columns and rows (and how it ran, with --explain), or with its error.
 */
class QueryCommandTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-06-30T12:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        QueryCommand command = new QueryCommand(CLOCK, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return new PromoAgentCli(List.of(command)).run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                lines.add(JSON.readTree(l));
            }
        }
        return lines;
    }

    @Test
    void runsEveryLineOfStandardInputOverTheDemoData() throws Exception {
        String queries = String.join("\n",
                "{\"entity\": \"customers\", \"aggregates\": [{\"fn\": \"count\"}]}",
                "{\"entity\": \"orders\", \"groupBy\": [{\"expr\": {\"datePart\": \"weekend\", \"of\": {\"field\": \"order_date\"}},"
                        + " \"as\": \"weekend\"}], \"aggregates\": [{\"fn\": \"median\", \"field\": \"total\"}],"
                        + " \"windows\": [{\"fn\": \"share\", \"of\": \"median_total\", \"as\": \"share\"}]}",
                "{\"entity\": \"orders\", \"aggregates\": [{\"fn\": \"median\", \"field\": \"status\"}]}",
                "{\"entity\": \"ordrs\"}",
                "not json");
        int code = run(queries, "query", "--json", "--explain", "--customers", "50", "--now", "2026-06-30");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(PromoAgentCli.EXIT_FAILURE);
        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0).get("columns").toString()).isEqualTo("[\"count\"]");
        assertThat(lines.get(0).get("rows").get(0).get(0).asInt()).isEqualTo(50);
        assertThat(lines.get(0).get("explain").get("calls")).isNotEmpty();
        assertThat(lines.get(0).get("query").get("entity").asText()).isEqualTo("customers");
        // the estimate, made before the read, names the same calls the read then made
        JsonNode estimate = lines.get(0).get("estimate");
        assertThat(estimate.get("calls").get(0).get("operation").asText())
                .isEqualTo(lines.get(0).get("explain").get("calls").get(0).get("operation").asText());
        assertThat(estimate.get("readUnits").asDouble()).isPositive();
        assertThat(estimate.get("currency").asText()).isEqualTo("USD");
        assertThat(estimate.get("priceRegion").asText()).isEqualTo("us-east-1");

        JsonNode weekend = lines.get(1);
        assertThat(weekend.get("columns").toString()).isEqualTo("[\"weekend\",\"median_total\",\"share\"]");
        assertThat(weekend.get("rows")).hasSize(2);
        double shares = weekend.get("rows").get(0).get(2).asDouble() + weekend.get("rows").get(1).get(2).asDouble();
        assertThat(shares).isCloseTo(100.0, org.assertj.core.data.Offset.offset(0.001));

        assertThat(lines.get(2).get("error").get("code").asText()).isEqualTo("not_aggregatable");
        assertThat(lines.get(2).get("error").get("path").asText()).isEqualTo("$.aggregates[0].field");
        assertThat(lines.get(2).get("error").get("suggestions")).isNotEmpty();
        assertThat(lines.get(3).get("error").get("code").asText()).isEqualTo("unknown_entity");
        assertThat(lines.get(3).get("error").get("suggestions").get(0).asText()).isEqualTo("orders");
        assertThat(lines.get(4).get("error").get("code").asText()).isEqualTo("malformed_json");
        assertThat(lines.get(4).get("query").asText()).isEqualTo("not json");
    }

    @Test
    void runsOneQueryOverADataModelAndDataOfOnesOwn(@TempDir Path dir) throws Exception {
        Path model = books(dir, "dynamodb");
        Path data = booksData(dir);

        int code = run("", "query", "--data-model", model.toString(), "--data", data.toString(), "--now", "2026-06-30",
                NESTED_MEDIAN);

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(PromoAgentCli.EXIT_SUCCESS);
        assertThat(out.toString(StandardCharsets.UTF_8).split("\n")).containsExactly(
                "title\tid\tage", "Emma\tb2\t210", "Ulysses\tb3\t104", "(2 rows)");
    }

    @Test
    void runsOverAnEmbeddedPostgresWhenTheModelsSourceIsJdbc(@TempDir Path dir) throws Exception {
        Path model = books(dir, "jdbc");
        Path data = booksData(dir);
        String endsWith = "{\"entity\": \"books\", \"fields\": [\"title\"], \"select\": [{\"expr\": {\"yearsBetween\":"
                + " {\"from\": {\"field\": \"published\"}, \"to\": {\"today\": true}}}, \"as\": \"age\"}],"
                + " \"where\": {\"type\": \"compare\", \"field\": \"title\", \"op\": \"ends_with\", \"value\": \"a\"},"
                + " \"orderBy\": [{\"by\": \"age\", \"direction\": \"desc\"}]}";

        int code = run(NESTED_MEDIAN + "\n" + endsWith + "\n", "query", "--data-model", model.toString(), "--data",
                data.toString(), "--now", "2026-06-30", "--json", "--explain");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(PromoAgentCli.EXIT_SUCCESS);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("embedded PostgreSQL").doesNotContain("DynamoDB");
        List<JsonNode> lines = lines();
        assertThat(lines.get(0).get("rows").toString()).isEqualTo("[[\"Emma\",\"b2\",210],[\"Ulysses\",\"b3\",104]]");
        assertThat(lines.get(0).get("explain").get("calls")).as("the nested median too is one statement").hasSize(1);
        JsonNode estimated = lines.get(0).get("estimate").get("calls").get(0);
        assertThat(estimated.get("kind").asText()).isEqualTo("jdbc");
        assertThat(estimated.get("plannerCost").asDouble()).as("PostgreSQL's planner cost").isPositive();
        assertThat(estimated.has("rows")).as("PostgreSQL's row estimate").isTrue();
        assertThat(lines.get(0).get("explain").get("calls").get(0).get("nativeQuery").asText()).contains("array_agg(");
        assertThat(lines.get(1).get("rows").toString()).isEqualTo("[[\"Emma\",\"b2\",210]]");
        JsonNode calls = lines.get(1).get("explain").get("calls");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).get("source").asText()).isEqualTo("main");
        assertThat(calls.get(0).get("nativeQuery").asText()).startsWith("SELECT ").contains("right(");
        assertThat(calls.get(0).get("notes").toString()).contains("the whole query in this statement");
    }

    /** Books at least as dear as the median book, the oldest first, with their age (a nested query's value). */
    private static final String NESTED_MEDIAN = "{\"entity\": \"books\", \"fields\": [\"title\"], \"select\": [{\"expr\":"
            + " {\"yearsBetween\": {\"from\": {\"field\": \"published\"}, \"to\": {\"today\": true}}}, \"as\": \"age\"}],"
            + " \"where\": {\"type\": \"test\", \"left\": {\"field\": \"price\"}, \"op\": \"gte\","
            + " \"right\": {\"query\": {\"entity\": \"books\", \"aggregates\": [{\"fn\": \"median\", \"field\": \"price\"}]}}},"
            + " \"orderBy\": [{\"by\": \"age\", \"direction\": \"desc\"}]}";

    private static Path books(Path dir, String kind) throws Exception {
        Path model = dir.resolve("books.yaml");
        Files.writeString(model, String.join("\n",
                "sources:",
                "  - {id: main, kind: " + kind + "}",
                "entities:",
                "  - name: books",
                "    source: main",
                "    key: {partition: id}",
                "    fields:",
                "      - {name: id, type: string}",
                "      - {name: title, type: string}",
                "      - {name: published, type: date}",
                "      - {name: price, type: number}",
                ""));
        return model;
    }

    private static Path booksData(Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("books.jsonl"), String.join("\n",
                "{\"id\": \"b1\", \"title\": \"Dune\", \"published\": \"1965-08-01\", \"price\": 10}",
                "{\"id\": \"b2\", \"title\": \"Emma\", \"published\": \"1815-12-23\", \"price\": 30}",
                "{\"id\": \"b3\", \"title\": \"Ulysses\", \"published\": \"1922-02-02\", \"price\": 20}", ""));
        return data;
    }
}
