package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.example.demo.DemoData;
import io.promoagent.example.demo.DemoDataGenerator;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code bench federation} runs its cross-source set over DynamoDB Local and PostgreSQL, answers every query
 * as the reference evaluator does, and says what each way read.
 */
class BenchFederationCommandTest {

    private static final long SEED = 7;
    private static final int CUSTOMERS = 150;
    private static final LocalDate NOW = LocalDate.parse("2026-06-30");

    @Test
    void answersEveryQueryCorrectlyAndReportsWhatEachWayRead() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exitCode = new PromoAgentCli(Clock.systemUTC()).run(new String[] {"bench", "federation", "--seed", "" + SEED,
                "--customers", "" + CUSTOMERS, "--now", NOW.toString(), "--rounds", "1", "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exitCode).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode result = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
        DemoData data = DemoDataGenerator.generate(SEED, CUSTOMERS, NOW);
        assertThat(result.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        for (JsonNode q : result) {
            names.add(q.get("name").asText());
            assertThat(q.get("correct").asBoolean()).as(q.toString()).isTrue();
            assertThat(q.get("engineItemsRead").isIntegralNumber()).as(q.toString()).isTrue();
            // the naive way reads both stores whole: every customer from DynamoDB, every order from PostgreSQL
            assertThat(q.get("naiveDynamoDbItems").asLong()).as(q.toString()).isEqualTo(data.customers().size());
            assertThat(q.get("naivePostgresRows").asLong()).as(q.toString()).isEqualTo(data.orders().size());
            assertThat(q.get("naiveItemsRead").asLong()).isEqualTo(data.customers().size() + data.orders().size());
            assertThat(q.get("engineItemsRead").asLong())
                    .isEqualTo(q.get("engineDynamoDbItems").asLong() + q.get("enginePostgresRows").asLong());
            // PostgreSQL's own statistics: a whole-table read examines at least every row it returns
            assertThat(q.get("naivePostgresRowsScanned").asLong()).as(q.toString()).isGreaterThanOrEqualTo(data.orders().size());
            // both stores answered the engine: the query crossed them
            assertThat(q.get("engineDynamoDbCalls").asLong()).as(q.toString()).isPositive();
            assertThat(q.get("enginePostgresCalls").asLong()).as(q.toString()).isPositive();
            assertThat(q.get("enginePlan").asText()).contains("SELECT orders");
        }
        assertThat(names).containsExactly("vip_recent_orders", "revenue_by_segment_this_quarter",
                "promo_code_buyers_opted_out", "top_customers_by_revenue", "lapsed_vips_last_order");
        assertThat(result.get(0).get("answerRows").asInt()).isPositive();
    }

    @Test
    void theFederatedModelMovesOnlyOrdersToPostgres() {
        DataModel demo = DataModelYaml.loadResource(BenchFederationCommandTest.class, "/io/promoagent/example/promotion-model.yaml");

        DataModel federated = FederatedBenchData.federated(demo);

        assertThat(federated.source(FederatedBenchData.POSTGRES)).hasValueSatisfying(s -> assertThat(s.kind()).isEqualTo("jdbc"));
        for (Entity e : demo.entities()) {
            Entity moved = federated.requireEntity(e.name());
            assertThat(moved.source()).isEqualTo(e.name().equals("orders") ? FederatedBenchData.POSTGRES : e.source());
            assertThat(moved.fields()).isEqualTo(e.fields());
        }
        assertThat(federated.relationships()).isEqualTo(demo.relationships());
        assertThat(federated.rules()).isEqualTo(demo.rules());
        assertThat(federated.measures()).isEqualTo(demo.measures());
    }

    @Test
    void answersAreComparedByValueAndInOrderOnlyWhenOrdered() {
        Row a = Row.of(Map.of("id", "C1", "total_spent", new BigDecimal("10.50")));
        Row aScaled = Row.of(Map.of("id", "C1", "total_spent", new BigDecimal("10.5")));
        Row b = Row.of(Map.of("id", "C2", "total_spent", new BigDecimal("11")));

        assertThat(same(List.of(a, b), List.of(b, aScaled), false)).isTrue();
        assertThat(same(List.of(a, b), List.of(aScaled, b), true)).isTrue();
        assertThat(same(List.of(a, b), List.of(b, a), true)).isFalse();
        assertThat(same(List.of(a, b), List.of(a), false)).isFalse();
        assertThat(same(List.of(a, a), List.of(a, b), false)).isFalse();
        assertThat(same(List.of(a, b), List.of(a, a), false)).isFalse();
        assertThat(same(List.of(a), List.of(Row.of(Map.of("id", "C1", "total_spent", new BigDecimal("10.51")))), false))
                .isFalse();
        // the columns count too: the same values under another name are another answer
        assertThat(same(List.of(a), List.of(Row.of(Map.of("id", "C1", "spent", new BigDecimal("10.5")))), false))
                .isFalse();
    }

    @Test
    void aStreamedAnswerIsFingerprintedAsItsRowsAre() {
        Row a = Row.of(Map.of("id", "C1", "total_spent", new BigDecimal("10.50")));
        Row b = Row.of(Map.of("id", "C2", "total_spent", new BigDecimal("11")));
        AnswerDigest streamed = new AnswerDigest();
        List.of(a, b).forEach(streamed);

        assertThat(streamed.rows()).isEqualTo(2);
        assertThat(streamed.sameAnswer(AnswerDigest.of(List.of(a, b)), true)).isTrue();
    }

    private static boolean same(List<Row> actual, List<Row> expected, boolean inOrder) {
        return AnswerDigest.of(actual).sameAnswer(AnswerDigest.of(expected), inOrder);
    }
}
