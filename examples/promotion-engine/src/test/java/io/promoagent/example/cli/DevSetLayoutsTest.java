package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.example.app.DemoLayout;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.schema.model.Source;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The development set (shared/NL-DEV-SET.md, as {@link DevSetThroughAskTest} lists it) asked of the demo in
 * both layouts: orders in PostgreSQL beside customers and promotions in DynamoDB, and everything in
 * DynamoDB. The replies are the same, as {@code ask --json} prints them, but for what differs between any
 * two runs (ids, times, durations, signatures). One engine per layout for the whole class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevSetLayoutsTest {

    private static final EngineOptions DEMO = EngineOptions.demo(42, 300, LocalDate.of(2026, 6, 30));

    private PromotionEngine federated;
    private PromotionEngine dynamodb;

    @BeforeAll
    void start() {
        // the start-up times say what the federated default costs every test that starts an engine
        long t0 = System.nanoTime();
        federated = PromotionEngine.start(DEMO.withLayout(DemoLayout.FEDERATED));
        long t1 = System.nanoTime();
        dynamodb = PromotionEngine.start(DEMO.withLayout(DemoLayout.DYNAMODB));
        long t2 = System.nanoTime();
        System.out.printf("engine start, 300 customers: federated %d ms, dynamodb %d ms%n", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000);
    }

    @AfterAll
    void stop() {
        federated.close();
        dynamodb.close();
    }

    @Test
    void theFederatedDemoKeepsOrdersInPostgresql() {
        String ordersSource = federated.model().requireEntity("orders").source();
        assertThat(federated.model().source(ordersSource).map(Source::kind)).contains("jdbc");
        assertThat(federated.model().source(federated.model().requireEntity("customers").source()).map(Source::kind))
                .contains("dynamodb");
        assertThat(dynamodb.model().sources()).extracting(Source::kind).containsOnly("dynamodb");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.promoagent.example.cli.DevSetThroughAskTest#devSet")
    void getsTheSameReplyInBothLayouts(DevSetThroughAskTest.Case c) {
        JsonNode inFederated = comparable(ReplyJson.toTree(federated.ask(DemoUsers.MARKETER, "dev-set", c.request(), p -> { })));
        JsonNode inDynamodb = comparable(ReplyJson.toTree(dynamodb.ask(DemoUsers.MARKETER, "dev-set", c.request(), p -> { })));

        assertThat(inFederated.path("blocks").size()).as("the reply has blocks").isPositive();
        assertThat(unsigned(ReplyJson.writeTree(inFederated))).isEqualTo(unsigned(ReplyJson.writeTree(inDynamodb)));
    }

    /** Unsubscribe links are signed with each engine's own random key. */
    private static String unsigned(String reply) {
        return reply.replaceAll("([?&](amp;)?s=)[A-Za-z0-9_-]+", "$1<signature>");
    }

    /** The reply without what differs between two runs of the same request: ids, times and durations. */
    private static JsonNode comparable(JsonNode reply) {
        JsonNode copy = reply.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("usage");
            Iterator<Map.Entry<String, JsonNode>> fields = o.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String name = f.getKey();
                if (f.getValue().isTextual() && (name.endsWith("Id") || name.equals("id") || name.endsWith("At")
                        || f.getValue().asText().matches(".*[0-9a-f]{8}-[0-9a-f]{4}-.*"))) {
                    f.setValue(o.textNode("<varies>"));
                } else {
                    strip(f.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(DevSetLayoutsTest::strip);
        }
    }
}
