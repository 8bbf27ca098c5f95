package io.promoagent.planner;

import static io.promoagent.planner.Expect.clarify;
import static io.promoagent.planner.Expect.error;
import static io.promoagent.planner.Expect.read;
import static io.promoagent.planner.Expect.refuse;
import static io.promoagent.planner.Expect.tool;
import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.planner.plan.Plan;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.ir.CalendarUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every request of the development set (NL-DEV-SET.md) planned with no model, over the demo data model and
 * the demo data (today is 2026-06-30): the query it reads, the tool call it proposes, or the question,
 * error or refusal it answers with, each confident enough to be acted on without a model.
 */
class DevSetTest {

    static final Map<String, Expect> DEV_SET = new LinkedHashMap<>();

    static {
        // reading customers
        DEV_SET.put("Show VIP customers", read(customers(RuleRef.of("vip"))));
        DEV_SET.put("list our premium customers", read(customers(RuleRef.of("premium"))));
        DEV_SET.put("Show customers who spent > $1000", read(customers(Compare.of("total_spent", Operator.GT, 1000))));
        DEV_SET.put("customers with total spend between 500 and 800 dollars",
                read(customers(Compare.of("total_spent", Operator.BETWEEN, 500, 800))));
        DEV_SET.put("Which customers joined in the last 2 weeks?",
                read(customers(new Within("join_date", new TimeRange.Last(14, CalendarUnit.DAY)))));
        DEV_SET.put("new customers", read(customers(RuleRef.of("new_customer"))));
        DEV_SET.put("customers from Germany", read(customers(Compare.eq("country", "DE"))));
        DEV_SET.put("Find John Smith", read(customers(name("John Smith"))));
        DEV_SET.put("show customer C00042", read(customers(Compare.eq("id", "C00042"))));
        DEV_SET.put("VIP customers who opted in to marketing",
                read(customers(Filter.and(RuleRef.of("vip"), Compare.eq("marketing_opt_in", true)))));
        DEV_SET.put("reachable VIP customers", read(customers(Filter.and(RuleRef.of("reachable"), RuleRef.of("vip")))));
        DEV_SET.put("lapsed customers", read(customers(RuleRef.of("lapsed_customer"))));
        DEV_SET.put("VIP customers with recent orders",
                read(customers(Filter.and(RuleRef.of("vip"), Related.exists("orders", RuleRef.of("recent_orders"))))));
        DEV_SET.put("premium customers who haven't ordered in 60 days",
                read(customers(Filter.and(RuleRef.of("premium"),
                        Related.notExists("orders", new Within("order_date", new TimeRange.Last(60, CalendarUnit.DAY)))))));
        DEV_SET.put("customers with more than 10 orders", read(customers(Compare.of("order_count", Operator.GT, 10))));
        // reading orders and promotions
        DEV_SET.put("Recent orders", read(orders(RuleRef.of("recent_orders"))));
        DEV_SET.put("orders over $250 placed this month", read(orders(Filter.and(Compare.of("total", Operator.GT, 250),
                new Within("order_date", new TimeRange.Calendar(CalendarUnit.MONTH, 0))))));
        DEV_SET.put("refunded orders from last month", read(orders(Filter.and(Compare.eq("status", "refunded"),
                new Within("order_date", new TimeRange.Calendar(CalendarUnit.MONTH, -1))))));
        DEV_SET.put("orders by John Smith", read(orders(Related.exists("customer", name("John Smith")))));
        DEV_SET.put("show active promotions", read(promotions(RuleRef.of("active_promotion"))));
        DEV_SET.put("which promotions expire this week",
                read(promotions(new Within("ends_at", new TimeRange.RestOf(CalendarUnit.WEEK)))));
        DEV_SET.put("promotions that are paused", read(promotions(Compare.eq("status", "paused"))));
        // counting, totals, rankings
        DEV_SET.put("How many VIP customers do we have?",
                read(Query.builder("customers").where(RuleRef.of("vip")).aggregate(Aggregate.count()).build()));
        DEV_SET.put("total revenue last month", read(Query.builder("orders")
                .where(new Within("order_date", new TimeRange.Calendar(CalendarUnit.MONTH, -1)))
                .aggregate(Aggregate.measure("revenue")).build()));
        DEV_SET.put("average order value by channel", read(Query.builder("orders").groupBy(GroupBy.of("channel"))
                .aggregate(Aggregate.measure("average_order_value")).build()));
        DEV_SET.put("average order value by customer segment", read(Query.builder("orders")
                .groupBy(GroupBy.of("customer.segment")).aggregate(Aggregate.measure("average_order_value")).build()));
        DEV_SET.put("number of customers per segment", read(Query.builder("customers").groupBy(GroupBy.of("segment"))
                .aggregate(Aggregate.count()).build()));
        DEV_SET.put("top 5 customers by total spent", read(Query.builder("customers")
                .orderBy(OrderBy.desc("total_spent")).limit(5).build()));
        DEV_SET.put("what was our best month for revenue this year", read(Query.builder("orders")
                .where(new Within("order_date", new TimeRange.Calendar(CalendarUnit.YEAR, 0)))
                .groupBy(GroupBy.of("order_date", CalendarUnit.MONTH)).aggregate(Aggregate.measure("revenue"))
                .orderBy(OrderBy.desc("revenue")).limit(1).build()));
        // writing and sending, always proposals
        DEV_SET.put("Create 25% VIP discount", tool("create_promotion",
                "{\"discount_type\":\"percent\",\"discount_value\":25,\"audience_rule\":\"vip\",\"exclusive\":false}"));
        DEV_SET.put("Create a $10 off promotion for premium customers with code SAVE10 valid until the end of next month",
                tool("create_promotion", "{\"code\":\"SAVE10\",\"discount_type\":\"fixed\",\"discount_value\":10,"
                        + "\"audience_rule\":\"premium\",\"ends_at\":\"2026-07-31\",\"exclusive\":false}"));
        DEV_SET.put("pause the SUMMER25 promotion",
                tool("change_promotion_status", "{\"code\":\"SUMMER25\",\"status\":\"paused\"}"));
        DEV_SET.put("Email john@example.com about new promotion", tool("send_email",
                "{\"audience\":{\"type\":\"compare\",\"field\":\"id\",\"op\":\"eq\",\"value\":\"C00040\"},"
                        + "\"promotion_code\":\"SUMMER25\",\"template\":\"promotion_announcement\"}"));
        DEV_SET.put("Email John about the promotion", clarify(c -> {
            assertThat(c.options()).hasSize(5).contains("Email John Smith (C00040) about the promotion",
                    "Email John Moore (C00001) about the promotion", "Email John Moore (C00032) about the promotion");
            assertThat(c.message()).contains("John");
        }));
        DEV_SET.put("email all reachable VIP customers about the VIP25 promotion", tool("send_email",
                "{\"audience\":{\"type\":\"and\",\"operands\":[{\"type\":\"rule\",\"rule\":\"reachable\"},"
                        + "{\"type\":\"rule\",\"rule\":\"vip\"}]},"
                        + "\"promotion_code\":\"VIP25\",\"template\":\"promotion_announcement\"}"));
        // refused or clarified, never guessed
        DEV_SET.put("show customers by favourite colour", error("unknown_field", e -> {
            assertThat(e.message()).contains("favourite colour");
            assertThat(e.suggestions()).isNotEmpty().contains("segment");
        }));
        DEV_SET.put("delete all customers", refuse());
        DEV_SET.put("create a 150% discount", error("invalid_argument", e ->
                assertThat(e.message()).contains("discount_value").contains("at most 100").contains("percent")));
        DEV_SET.put("email everyone", clarify(c -> {
            assertThat(c.message()).contains("promotion_code");
            assertThat(c.options()).contains("email everyone about the SUMMER25 promotion");
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRequestOfTheDevelopmentSetIsPlannedAsItMeans() {
        return DEV_SET.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " -> " + e.getValue().description(),
                () -> e.getValue().verify(Demo.planner().plan(e.getKey()))));
    }

    @Test
    void answersTheWholeDevelopmentSetWithoutAModel() {
        int answered = 0;
        StringBuilder misses = new StringBuilder();
        for (Map.Entry<String, Expect> e : DEV_SET.entrySet()) {
            Plan plan = Demo.planner().plan(e.getKey());
            if (e.getValue().holds(plan) && ConfidencePolicy.DEFAULT.isSure(plan)) {
                answered++;
            } else {
                misses.append("\n  ").append(e.getKey()).append(" -> ").append(plan);
            }
        }
        System.out.printf("Offline planner: %d of %d development-set requests (%.0f%%) answered with no model%s%n",
                answered, DEV_SET.size(), 100.0 * answered / DEV_SET.size(), misses);
        assertThat(answered).as(misses.toString()).isEqualTo(DEV_SET.size());
    }

    static Query customers(Filter where) {
        return Query.builder("customers").where(where).build();
    }

    static Query orders(Filter where) {
        return Query.builder("orders").where(where).build();
    }

    static Query promotions(Filter where) {
        return Query.builder("promotions").where(where).build();
    }

    static Compare name(String name) {
        return new Compare("name", Operator.EQ, List.of(name), true);
    }
}
