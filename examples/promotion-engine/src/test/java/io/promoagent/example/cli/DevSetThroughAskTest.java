package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request of the development set (shared/NL-DEV-SET.md) through what {@code promo-agent ask --json}
 * prints for it, over the demo data in DynamoDB Local, with the offline planner and no model. Each request
 * must produce the kind of reply its meaning asks for; the test prints the share answered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DevSetThroughAskTest {

    /** A request and the reply it must get: a block type, and the entity, tool or error code it names. */
    record Case(String request, String blockType, String names) {
        @Override
        public String toString() {
            return request;
        }
    }

    static List<Case> devSet() {
        List<Case> c = new ArrayList<>();
        for (String r : List.of("Show VIP customers", "list our premium customers", "Show customers who spent > $1000",
                "customers with total spend between 500 and 800 dollars", "Which customers joined in the last 2 weeks?",
                "new customers", "customers from Germany", "Find John Smith", "show customer C00042",
                "VIP customers who opted in to marketing", "reachable VIP customers", "lapsed customers",
                "VIP customers with recent orders", "premium customers who haven't ordered in 60 days",
                "customers with more than 10 orders", "top 5 customers by total spent")) {
            c.add(new Case(r, "table", "customers"));
        }
        for (String r : List.of("Recent orders", "orders over $250 placed this month", "refunded orders from last month",
                "orders by John Smith")) {
            c.add(new Case(r, "table", "orders"));
        }
        for (String r : List.of("show active promotions", "which promotions expire this week", "promotions that are paused")) {
            c.add(new Case(r, "table", "promotions"));
        }
        c.add(new Case("How many VIP customers do we have?", "metric", ""));
        c.add(new Case("total revenue last month", "metric", ""));
        c.add(new Case("average order value by channel", "table", "orders"));
        c.add(new Case("average order value by customer segment", "table", "orders"));
        c.add(new Case("number of customers per segment", "table", "customers"));
        c.add(new Case("what was our best month for revenue this year", "table", "orders"));
        c.add(new Case("Create 25% VIP discount", "approval", "create_promotion"));
        c.add(new Case("Create a $10 off promotion for premium customers with code SAVE10 valid until the end of next month",
                "approval", "create_promotion"));
        c.add(new Case("pause the SUMMER25 promotion", "approval", "change_promotion_status"));
        c.add(new Case("Email john@example.com about new promotion", "approval", "send_email"));
        c.add(new Case("Email John about the promotion", "clarification", ""));
        c.add(new Case("email all reachable VIP customers about the VIP25 promotion", "approval", "send_email"));
        c.add(new Case("show customers by favourite colour", "error", "unknown_field"));
        c.add(new Case("delete all customers", "error", ""));
        c.add(new Case("create a 150% discount", "error", ""));
        c.add(new Case("email everyone", "clarification|approval", ""));
        return c;
    }

    private PromotionEngine engine;
    private int answered;

    @BeforeAll
    void start() {
        engine = PromotionEngine.start(EngineOptions.demo(42, 300, LocalDate.of(2026, 6, 30)));
    }

    @AfterAll
    void stop() {
        engine.close();
        System.out.printf("development set answered by the offline planner with no model: %d of %d (%.0f %%)%n",
                answered, devSet().size(), 100.0 * answered / devSet().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("devSet")
    void getsTheReplyItsMeaningAsksFor(Case c) throws Exception {
        String line = ReplyJson.write(engine.ask(DemoUsers.MARKETER, "dev-set", c.request(), p -> { }));
        JsonNode reply = new ObjectMapper().readTree(line);

        assertThat(reply.path("usage").path("modelCalls").asInt()).isZero();
        List<String> types = new ArrayList<>();
        reply.path("blocks").forEach(b -> types.add(b.path("type").asText()));
        JsonNode block = null;
        for (JsonNode b : reply.path("blocks")) {
            if (b.path("type").asText().matches(c.blockType())) {
                block = b;
                break;
            }
        }
        assertThat(block).as("a %s block for '%s', got %s: %s", c.blockType(), c.request(), types, reply.path("text").asText())
                .isNotNull();
        switch (block.path("type").asText()) {
            case "table" -> {
                assertThat(block.path("entity").asText()).isEqualTo(c.names());
                assertThat(block.path("rows").size()).isEqualTo(block.path("total").asInt());
            }
            case "approval" -> {
                if (!c.names().isEmpty()) {
                    assertThat(block.path("tool").asText()).isEqualTo(c.names());
                }
                assertThat(block.path("status").asText()).isEqualTo("pending");
            }
            case "error" -> {
                if (!c.names().isEmpty()) {
                    assertThat(block.path("code").asText()).isEqualTo(c.names());
                }
            }
            default -> {
            }
        }
        answered++;
    }

    @Test
    void nothingTheDevSetProposedWasWrittenOrSent() {
        assertThat(engine.outbox()).isEmpty();
        assertThat(engine.approvals()).allSatisfy(a -> assertThat(a.status().jsonName()).isIn("pending", "refused"));
    }
}
