package io.promoagent.planner;

import static io.promoagent.planner.DevSetTest.customers;
import static io.promoagent.planner.DevSetTest.name;
import static io.promoagent.planner.DevSetTest.orders;
import static io.promoagent.planner.DevSetTest.promotions;
import static io.promoagent.planner.Expect.read;
import static io.promoagent.planner.Expect.tool;

import io.promoagent.planner.plan.Clarification;
import io.promoagent.planner.plan.Plan;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
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
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.TestFactory;

/**
 * Requests of the same kinds as the development set in other words: other synonyms, word orders, typing
 * errors, numbers with separators and units. None of them is in the development set.
 */
class ParaphraseTest {

    static Stream<DynamicTest> cases(Map<String, Expect> table) {
        return table.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " -> " + e.getValue().description(),
                () -> e.getValue().verify(Demo.planner().plan(e.getKey()))));
    }

    @Nested
    class ReadingCustomers {
        @TestFactory
        Stream<DynamicTest> areReadFromSynonymsRulesAndValues() {
            Map<String, Expect> t = new LinkedHashMap<>();
            t.put("display all VIPs", read(customers(RuleRef.of("vip"))));
            t.put("who are our premium clients?", read(customers(RuleRef.of("premium"))));
            t.put("clients that spent more than $1,000", read(customers(Compare.of("total_spent", Operator.GT, 1000))));
            t.put("customers whose lifetime value is at least 2.5k",
                    read(customers(Compare.of("total_spent", Operator.GTE, 2500))));
            t.put("customers spending between $500 and $800",
                    read(customers(Compare.of("total_spent", Operator.BETWEEN, 500, 800))));
            t.put("customers who spent over 1,500.50",
                    read(customers(Compare.of("total_spent", Operator.GT, new BigDecimal("1500.50")))));
            t.put("customers who signed up in the past 30 days",
                    read(customers(new Within("join_date", new TimeRange.Last(30, CalendarUnit.DAY)))));
            t.put("customers that joined this month",
                    read(customers(new Within("join_date", new TimeRange.Calendar(CalendarUnit.MONTH, 0)))));
            t.put("German customers", read(customers(Compare.eq("country", "DE"))));
            t.put("customers in the UK", read(customers(Compare.eq("country", "GB"))));
            t.put("look up Maria Garcia", read(customers(name("Maria Garcia"))));
            t.put("customer C00017 please", read(customers(Compare.eq("id", "C00017"))));
            t.put("VIPs who are opted in", read(customers(Filter.and(RuleRef.of("vip"), Compare.eq("marketing_opt_in", true)))));
            t.put("vip customers that can be emailed", read(customers(Filter.and(RuleRef.of("vip"), RuleRef.of("reachable")))));
            t.put("dormant customers", read(customers(RuleRef.of("lapsed_customer"))));
            t.put("inactive customers in the last 120 days", read(customers(RuleRef.of("lapsed_customer", "days", 120))));
            t.put("premium customers who have not ordered in 90 days", read(customers(Filter.and(RuleRef.of("premium"),
                    Related.notExists("orders", new Within("order_date", new TimeRange.Last(90, CalendarUnit.DAY)))))));
            t.put("customers with no orders", read(customers(Related.notExists("orders", null))));
            t.put("customers with at least 5 orders", read(customers(Compare.of("order_count", Operator.GTE, 5))));
            t.put("customers with 3 or more refunded orders", read(customers(new Related("orders",
                    Optional.of(Compare.eq("status", "refunded")), new CountCondition(Operator.GTE, 3)))));
            t.put("VIP customers who ordered recently",
                    read(customers(Filter.and(RuleRef.of("vip"), Related.exists("orders", RuleRef.of("recent_orders"))))));
            t.put("VIP and premium customers", read(customers(Filter.or(RuleRef.of("vip"), RuleRef.of("premium")))));
            return cases(t);
        }
    }

    @Nested
    class ReadingOrdersAndPromotions {
        @TestFactory
        Stream<DynamicTest> areReadWithTheirDatesAmountsAndRelations() {
            Map<String, Expect> t = new LinkedHashMap<>();
            t.put("latest orders", read(orders(RuleRef.of("recent_orders"))));
            t.put("orders above 250 dollars this month", read(orders(Filter.and(Compare.of("total", Operator.GT, 250),
                    new Within("order_date", new TimeRange.Calendar(CalendarUnit.MONTH, 0))))));
            t.put("refunds from last month", read(orders(Filter.and(Compare.eq("status", "refunded"),
                    new Within("order_date", new TimeRange.Calendar(CalendarUnit.MONTH, -1))))));
            t.put("cancelled orders in the last 2 weeks", read(orders(Filter.and(Compare.eq("status", "cancelled"),
                    new Within("order_date", new TimeRange.Last(14, CalendarUnit.DAY))))));
            t.put("orders placed since March 2026", read(orders(Compare.of("order_date", Operator.GTE, "2026-03-01"))));
            t.put("orders before 2026-01-01", read(orders(Compare.of("order_date", Operator.LT, "2026-01-01"))));
            t.put("mobile orders over $100", read(orders(Filter.and(Compare.eq("channel", "mobile"),
                    Compare.of("total", Operator.GT, 100)))));
            t.put("orders from web or mobile", read(orders(Compare.of("channel", Operator.IN, "web", "mobile"))));
            t.put("orders worth more than $1.2k", read(orders(Compare.of("total", Operator.GT, 1200))));
            t.put("orders of customer C00040", read(orders(Compare.eq("customer_id", "C00040"))));
            t.put("refunded ordres", read(orders(Compare.eq("status", "refunded"))));
            t.put("live promotions", read(promotions(RuleRef.of("active_promotion"))));
            t.put("promos expiring this month", read(promotions(new Within("ends_at", new TimeRange.RestOf(CalendarUnit.MONTH)))));
            t.put("which deals are on hold", read(promotions(Compare.eq("status", "paused"))));
            t.put("show the SUMMER25 promotion", read(promotions(Compare.eq("code", "SUMMER25"))));
            return cases(t);
        }
    }

    @Nested
    class TyposAndSeparators {
        @TestFactory
        Stream<DynamicTest> areForgivenWithSomeDoubt() {
            Map<String, Expect> t = new LinkedHashMap<>();
            t.put("show premum customers", read(customers(RuleRef.of("premium"))));
            t.put("custmers from germany", read(customers(Compare.eq("country", "DE"))));
            t.put("reachble vip customers", read(customers(Filter.and(RuleRef.of("reachable"), RuleRef.of("vip")))));
            t.put("customers who spent > 2,000", read(customers(Compare.of("total_spent", Operator.GT, 2000))));
            return cases(t);
        }
    }

    @Nested
    class CountingTotalsAndRankings {
        @TestFactory
        Stream<DynamicTest> areAggregatedGroupedAndOrdered() {
            Map<String, Expect> t = new LinkedHashMap<>();
            t.put("how many orders were placed last month", read(Query.builder("orders")
                    .where(new Within("order_date", new TimeRange.Calendar(CalendarUnit.MONTH, -1)))
                    .aggregate(Aggregate.count()).build()));
            t.put("count of premium customers", read(Query.builder("customers").where(RuleRef.of("premium"))
                    .aggregate(Aggregate.count()).build()));
            t.put("total sales last month", read(Query.builder("orders")
                    .where(new Within("order_date", new TimeRange.Calendar(CalendarUnit.MONTH, -1)))
                    .aggregate(Aggregate.measure("revenue")).build()));
            t.put("revenue by month", read(Query.builder("orders").groupBy(GroupBy.of("order_date", CalendarUnit.MONTH))
                    .aggregate(Aggregate.measure("revenue")).build()));
            t.put("aov per channel", read(Query.builder("orders").groupBy(GroupBy.of("channel"))
                    .aggregate(Aggregate.measure("average_order_value")).build()));
            t.put("customers per country", read(Query.builder("customers").groupBy(GroupBy.of("country"))
                    .aggregate(Aggregate.count()).build()));
            t.put("revenue by country", read(Query.builder("orders").groupBy(GroupBy.of("customer.country"))
                    .aggregate(Aggregate.measure("revenue")).build()));
            t.put("average order value for VIP customers", read(Query.builder("orders")
                    .where(Related.exists("customer", RuleRef.of("vip"))).aggregate(Aggregate.measure("average_order_value"))
                    .build()));
            t.put("top 10 customers by lifetime value", read(Query.builder("customers").orderBy(OrderBy.desc("total_spent"))
                    .limit(10).build()));
            t.put("biggest spenders", read(Query.builder("customers").orderBy(OrderBy.desc("total_spent")).limit(10).build()));
            t.put("which channel has the most revenue", read(Query.builder("orders").groupBy(GroupBy.of("channel"))
                    .aggregate(Aggregate.measure("revenue")).orderBy(OrderBy.desc("revenue")).limit(1).build()));
            t.put("best 3 months for sales this year", read(Query.builder("orders")
                    .where(new Within("order_date", new TimeRange.Calendar(CalendarUnit.YEAR, 0)))
                    .groupBy(GroupBy.of("order_date", CalendarUnit.MONTH)).aggregate(Aggregate.measure("revenue"))
                    .orderBy(OrderBy.desc("revenue")).limit(3).build()));
            t.put("sum of order totals by status", read(Query.builder("orders").groupBy(GroupBy.of("status"))
                    .aggregate(Aggregate.of(io.promoagent.schema.ir.AggregateFunction.SUM, "total")).build()));
            return cases(t);
        }
    }

    @Nested
    class WritingAndSending {
        @TestFactory
        Stream<DynamicTest> areProposedWithArgumentsFromTheRequest() {
            Map<String, Expect> t = new LinkedHashMap<>();
            t.put("launch a 20% discount for lapsed customers", tool("create_promotion",
                    "{\"discount_type\":\"percent\",\"discount_value\":20,\"audience_rule\":\"lapsed_customer\",\"exclusive\":false}"));
            t.put("please create a new promotion with $15 off for VIPs", tool("create_promotion",
                    "{\"discount_type\":\"fixed\",\"discount_value\":15,\"audience_rule\":\"vip\",\"exclusive\":false}"));
            t.put("new offer: 30 percent off for premium customers until the end of August", tool("create_promotion",
                    "{\"discount_type\":\"percent\",\"discount_value\":30,\"audience_rule\":\"premium\","
                            + "\"ends_at\":\"2026-08-31\",\"exclusive\":false}"));
            t.put("create an exclusive 15% discount for new customers with code HELLO15", tool("create_promotion",
                    "{\"code\":\"HELLO15\",\"discount_type\":\"percent\",\"discount_value\":15,"
                            + "\"audience_rule\":\"new_customer\",\"exclusive\":true}"));
            t.put("resume SUMMER25", tool("change_promotion_status", "{\"code\":\"SUMMER25\",\"status\":\"active\"}"));
            t.put("Please pause promo FREESHIP50", tool("change_promotion_status",
                    "{\"code\":\"FREESHIP50\",\"status\":\"paused\"}"));
            t.put("expire the WELCOME10 offer", tool("change_promotion_status",
                    "{\"code\":\"WELCOME10\",\"status\":\"expired\"}"));
            t.put("send an email to john@example.com about SUMMER25", tool("send_email",
                    "{\"audience\":{\"type\":\"compare\",\"field\":\"id\",\"op\":\"eq\",\"value\":\"C00040\"},"
                            + "\"promotion_code\":\"SUMMER25\",\"template\":\"promotion_announcement\"}"));
            t.put("notify VIP customers about the VIP25 promotion", tool("send_email",
                    "{\"audience\":{\"type\":\"rule\",\"rule\":\"vip\"},\"promotion_code\":\"VIP25\","
                            + "\"template\":\"promotion_announcement\"}"));
            t.put("mail all lapsed customers about WINBACK15", tool("send_email",
                    "{\"audience\":{\"type\":\"rule\",\"rule\":\"lapsed_customer\"},\"promotion_code\":\"WINBACK15\","
                            + "\"template\":\"promotion_announcement\"}"));
            t.put("email John Smith about the Summer Sale", tool("send_email",
                    "{\"audience\":{\"type\":\"compare\",\"field\":\"id\",\"op\":\"eq\",\"value\":\"C00040\"},"
                            + "\"promotion_code\":\"SUMMER25\",\"template\":\"promotion_announcement\"}"));
            return cases(t);
        }
    }

    @Nested
    class Questions {
        @org.junit.jupiter.api.Test
        void aQuotedNameInASendIsResolvedAndEachMatchIsOfferedInTheRequestsOwnWords() {
            Plan plan = Demo.planner().plan("email the customer named \"John\" about VIP25");
            org.assertj.core.api.Assertions.assertThat(plan).isInstanceOfSatisfying(Clarification.class,
                    c -> org.assertj.core.api.Assertions.assertThat(c.options())
                            .contains("email the customer named John Smith (C00040) about VIP25")
                            .doesNotContain("email the customer named Poppy Johnson (C00034) about VIP25"));
        }
    }

    @Nested
    class MoreWaysOfAsking {
        @TestFactory
        Stream<DynamicTest> placesPresenceSortingLimitsAndAgents() {
            Map<String, Expect> t = new LinkedHashMap<>();
            t.put("list customers in Berlin", read(customers(new Compare("city", Operator.EQ, java.util.List.of("Berlin"), true))));
            t.put("customers who live in London",
                    read(customers(new Compare("city", Operator.EQ, java.util.List.of("London"), true))));
            t.put("how much revenue did we make in 2025", read(Query.builder("orders")
                    .where(new Within("order_date", new TimeRange.Between(java.time.LocalDate.of(2025, 1, 1),
                            java.time.LocalDate.of(2025, 12, 31)))).aggregate(Aggregate.measure("revenue")).build()));
            t.put("customers with an ok email status", read(customers(Compare.eq("email_status", "ok"))));
            t.put("orders with a promo code", read(orders(Filter.not(Compare.of("promotion_code", Operator.IS_NULL)))));
            t.put("orders without a promo code", read(orders(Compare.of("promotion_code", Operator.IS_NULL))));
            t.put("customers by country and segment", read(Query.builder("customers")
                    .groupBy(GroupBy.of("country"), GroupBy.of("segment")).aggregate(Aggregate.count()).build()));
            t.put("orders placed by premium customers last month", read(orders(Filter.and(
                    Related.exists("customer", RuleRef.of("premium")),
                    new Within("order_date", new TimeRange.Calendar(CalendarUnit.MONTH, -1))))));
            t.put("which promotion has the most redemptions", read(Query.builder("promotions")
                    .orderBy(OrderBy.desc("redemptions")).limit(1).build()));
            t.put("customers sorted by join date", read(Query.builder("customers").orderBy(OrderBy.asc("join_date")).build()));
            t.put("customers sorted by total spent, highest first", read(Query.builder("customers")
                    .orderBy(OrderBy.desc("total_spent")).build()));
            t.put("show 20 customers", read(Query.builder("customers").limit(20).build()));
            t.put("first 5 orders", read(Query.builder("orders").orderBy(OrderBy.asc("order_date")).limit(5).build()));
            t.put("last 5 orders", read(Query.builder("orders").orderBy(OrderBy.desc("order_date")).limit(5).build()));
            t.put("non-VIP customers", read(customers(Filter.not(RuleRef.of("vip")))));
            t.put("customers not from the US", read(customers(Compare.of("country", Operator.NE, "US"))));
            t.put("percent discounts", read(promotions(Compare.eq("discount_type", "percent"))));
            t.put("promotions with a discount of more than 20%",
                    read(promotions(Compare.of("discount_value", Operator.GT, 20))));
            t.put("stop the SUMMER25 promotion", tool("change_promotion_status",
                    "{\"code\":\"SUMMER25\",\"status\":\"paused\"}"));
            t.put("activate the BACK2SCHOOL15 promotion", tool("change_promotion_status",
                    "{\"code\":\"BACK2SCHOOL15\",\"status\":\"active\"}"));
            t.put("send SUMMER25 to premium customers", tool("send_email", "{\"promotion_code\":\"SUMMER25\","
                    + "\"audience\":{\"type\":\"rule\",\"rule\":\"premium\"},\"template\":\"promotion_announcement\"}"));
            t.put("remind lapsed customers about WINBACK15", tool("send_email", "{\"promotion_code\":\"WINBACK15\","
                    + "\"template\":\"reminder\",\"audience\":{\"type\":\"rule\",\"rule\":\"lapsed_customer\"}}"));
            t.put("create a 15% discount code SPRING15 for new customers starting next week", tool("create_promotion",
                    "{\"code\":\"SPRING15\",\"discount_type\":\"percent\",\"audience_rule\":\"new_customer\","
                            + "\"discount_value\":15,\"starts_at\":\"2026-07-06\",\"exclusive\":false}"));
            t.put("set up a promotion for lapsed customers with 10% off", Expect.unsure());
            return cases(t);
        }
    }

    @Nested
    class EvenMoreWaysOfAsking {
        @TestFactory
        Stream<DynamicTest> rangesCountsPerGroupFutureMonthsAndSplitRequests() {
            Map<String, Expect> t = new LinkedHashMap<>();
            t.put("customers who spent at least $500 but less than $2000", read(customers(Filter.and(
                    Compare.of("total_spent", Operator.GTE, 500), Compare.of("total_spent", Operator.LT, 2000)))));
            t.put("which country has the most customers", read(Query.builder("customers").groupBy(GroupBy.of("country"))
                    .aggregate(Aggregate.count()).orderBy(OrderBy.desc("count")).limit(1).build()));
            t.put("promotions that expire before August", read(promotions(Compare.of("ends_at", Operator.LT, "2026-08-01"))));
            t.put("how many redemptions did SUMMER25 get", read(Query.builder("promotions")
                    .where(Compare.eq("code", "SUMMER25")).aggregate(Aggregate.measure("total_redemptions")).build()));
            t.put("who is C00040", read(customers(Compare.eq("id", "C00040"))));
            t.put("give me the premium customers from France",
                    read(customers(Filter.and(RuleRef.of("premium"), Compare.eq("country", "FR")))));
            t.put("email C00040 about VIP25", tool("send_email", "{\"promotion_code\":\"VIP25\","
                    + "\"audience\":{\"type\":\"compare\",\"field\":\"id\",\"op\":\"eq\",\"value\":\"C00040\"},"
                    + "\"template\":\"promotion_announcement\"}"));
            t.put("send a reminder about SUMMER25 to customers who haven't ordered in 30 days", tool("send_email",
                    "{\"promotion_code\":\"SUMMER25\",\"template\":\"reminder\",\"audience\":{\"type\":\"related\","
                            + "\"via\":\"orders\",\"where\":{\"type\":\"within\",\"field\":\"order_date\","
                            + "\"range\":{\"type\":\"last\",\"amount\":30,\"unit\":\"day\"}},\"exists\":false}}"));
            t.put("create a 20% off promo for VIP customers with a budget of $5,000 and max 500 redemptions",
                    tool("create_promotion", "{\"discount_value\":20,\"budget\":5000,\"max_redemptions\":500,"
                            + "\"discount_type\":\"percent\",\"audience_rule\":\"vip\",\"exclusive\":false}"));
            t.put("create a $25 discount for orders over $100 for premium customers", tool("create_promotion",
                    "{\"discount_type\":\"fixed\",\"audience_rule\":\"premium\",\"discount_value\":25,"
                            + "\"min_order_total\":100,\"exclusive\":false}"));
            t.put("please pause SUMMER25 and VIP25", Expect.unsure());
            t.put("give VIPs a 10% discount", Expect.unsure());
            return cases(t);
        }
    }
}
