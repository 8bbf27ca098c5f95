package io.promoagent.jdbc.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.testing.ReferenceCheck;
import io.promoagent.schema.testing.ShopFixture;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plans the engine chooses across DynamoDB Local (customers) and PostgreSQL (orders, promotions), on
 * 400 customers and 4,000 orders: which side of a semi-join it reads first, aggregation before crossing, what
 * the explanation says before running, and what each plan reads (items and rows per source) against reading
 * both sides whole. Every answer is also checked against the reference evaluator.
 */
class FederatedPlanningTest {

    private static final long SEED = 20261206L;
    private static final int CUSTOMERS = 400;
    private static final int ORDERS = 4000;
    private static final long NAIVE = CUSTOMERS + ORDERS;

    private static Map<String, List<Row>> data;
    private static Federation federation;
    private static ReferenceEvaluator oracle;

    @BeforeAll
    static void load() {
        data = data(new Random(SEED), CUSTOMERS, ORDERS);
        federation = new Federation("fedplan", "crm", data);
        oracle = new ReferenceEvaluator(federation.model, ShopFixture.CLOCK);
    }

    @AfterAll
    static void close() {
        federation.close();
    }

    /** Customers (1 in 20 VIP) and their orders over two years, 10 % with a promotion code. */
    static Map<String, List<Row>> data(Random random, int customerCount, int orderCount) {
        List<Row> customers = new ArrayList<>();
        String[] countries = {"US", "GB", "DE"};
        for (int i = 0; i < customerCount; i++) {
            customers.add(ShopFixture.row("id", String.format("C%05d", i), "name", "Customer " + i,
                    "segment", i % 20 == 0 ? "VIP" : i % 5 == 0 ? "Premium" : "Regular",
                    "total_spent", BigDecimal.valueOf(random.nextInt(5000)), "order_count", random.nextInt(20),
                    "join_date", ShopFixture.TODAY.minusDays(random.nextInt(2000)).toString(),
                    "country", countries[i % 3], "marketing_opt_in", random.nextBoolean()));
        }
        List<Row> orders = new ArrayList<>();
        String[] statuses = {"completed", "completed", "completed", "completed", "completed", "completed",
                "completed", "completed", "cancelled", "refunded"};
        for (int i = 0; i < orderCount; i++) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("id", String.format("O%06d", i));
            o.put("customer_id", String.format("C%05d", random.nextInt(customerCount)));
            o.put("order_date", ShopFixture.TODAY.minusDays(random.nextInt(730)).toString());
            o.put("total", BigDecimal.valueOf(500 + random.nextInt(50000), 2));
            o.put("cost_of_goods", BigDecimal.valueOf(200 + random.nextInt(20000), 2));
            o.put("status", statuses[random.nextInt(statuses.length)]);
            if (random.nextInt(10) == 0) {
                o.put("promotion_code", random.nextBoolean() ? "SUMMER" : "OLD");
            }
            o.put("items", BigDecimal.valueOf(1 + random.nextInt(5)));
            orders.add(new Row(o));
        }
        List<Row> promotions = List.of(
                ShopFixture.row("id", "P1", "code", "SUMMER", "status", "active", "discount_value", 10),
                ShopFixture.row("id", "P2", "code", "OLD", "status", "expired", "discount_value", 5));
        return Map.of("customers", customers, "orders", orders, "promotions", promotions);
    }

    private static QueryResult run(Query query) {
        QueryResult r = federation.engine.execute(query);
        ReferenceCheck.assertAgrees(oracle, data, query, r, true);
        return r;
    }

    private static List<String> notes(List<Explanation> explanations) {
        return explanations.stream().flatMap(e -> e.notes().stream()).toList();
    }

    @Test
    void fewVipCustomersAreReadFirstAndTheirKeysCheckedInPostgres() {
        QueryResult r = run(Query.builder("customers").where(Filter.and(RuleRef.of("vip"),
                Related.exists("orders", Compare.eq("status", "completed")))).build());
        assertThat(r.rows()).isNotEmpty();
        Explanation customers = r.explanations().get(0);
        assertThat(customers.source()).isEqualTo("crm");
        assertThat(customers.notes()).anyMatch(n -> n.startsWith("read customers first: "));
        Explanation check = r.explanations().get(1);
        assertThat(check.source()).isEqualTo("sales");
        assertThat(check.nativeQuery()).contains("= ANY(?)");
        // the customers scan (400 items) and only the VIP customers' completed orders cross
        assertThat(r.stats().itemsScanned()).isLessThan(NAIVE / 3);
    }

    @Test
    void fewRecentOrdersAreReadFirstAndTheirCustomersFetchedByKey() {
        QueryResult r = run(Query.builder("customers")
                .where(Related.exists("orders", RuleRef.of("recent_orders", "days", 3))).build());
        Explanation orders = r.explanations().get(0);
        assertThat(orders.source()).isEqualTo("sales");
        Explanation customers = r.explanations().get(1);
        assertThat(customers.notes()).anyMatch(n -> n.startsWith("read orders first: "));
        assertThat(customers.operation()).isIn("GetItem", "BatchGetItem");
        assertThat(r.stats().itemsScanned()).isLessThan(NAIVE / 10);
    }

    @Test
    void revenueBySegmentIsSummedPerCustomerInPostgresBeforeCrossing() {
        QueryResult r = run(Query.builder("orders").where(Compare.of("order_date", Operator.GTE, "2026-04-01"))
                .groupBy(GroupBy.of("customer.segment"))
                .aggregate(Aggregate.measure("revenue"), Aggregate.measure("average_order_value"), Aggregate.count(),
                        Aggregate.of(AggregateFunction.COUNT_DISTINCT, "customer_id"),
                        Aggregate.of(AggregateFunction.MAX, "order_date"))
                .orderBy(OrderBy.desc("revenue")).build());
        assertThat(r.rows()).hasSize(3);
        assertThat(r.explanations().get(0).notes()).anyMatch(n -> n.startsWith("aggregated before crossing: grouped by"
                + " customer_id in sales"));
        // one row per customer from PostgreSQL, then each customer once from DynamoDB
        assertThat(r.stats().itemsScanned()).isLessThanOrEqualTo(2L * CUSTOMERS).isLessThan(NAIVE / 3);
    }

    @Test
    void aConditionOnTheOtherSourceBecomesKeysInTheGroupedStatement() {
        QueryResult r = run(Query.builder("orders").where(Compare.eq("customer.segment", "VIP"))
                .groupBy(GroupBy.of("customer.country")).aggregate(Aggregate.measure("revenue"), Aggregate.count())
                .build());
        assertThat(r.rows()).hasSize(3);
        Explanation statement = r.explanations().stream().filter(e -> e.source().equals("sales")).findFirst().orElseThrow();
        assertThat(statement.notes()).contains("semi-join: customer_id in 20 keys read from customers");
        assertThat(statement.notes()).anyMatch(n -> n.startsWith("aggregated before crossing: "));
        // the customers scan, one row per VIP customer, and those customers looked up
        assertThat(r.stats().itemsScanned()).isLessThanOrEqualTo(CUSTOMERS + 40);
    }

    @Test
    void theTopCustomersByRevenueAreRankedInPostgresThenLookedUp() {
        QueryResult r = run(Query.builder("orders").groupBy(GroupBy.of("customer_id"), GroupBy.of("customer.segment"),
                        GroupBy.of("customer.name"))
                .aggregate(Aggregate.measure("revenue")).orderBy(OrderBy.desc("revenue")).limit(5).build());
        assertThat(r.rows()).hasSize(5);
        assertThat(r.explanations().get(0).notes()).anyMatch(n -> n.startsWith("aggregated before crossing: one group"
                + " per customer_id"));
        assertThat(r.stats().itemsScanned()).isEqualTo(10); // 5 rows from PostgreSQL, 5 customers from DynamoDB
    }

    @Test
    void aConstructThatDoesNotDecomposeRunsTheUsualWayAndSaysWhy() {
        QueryResult r = run(Query.builder("orders").groupBy(GroupBy.of("customer.country"))
                .aggregate(Aggregate.of(AggregateFunction.COUNT_DISTINCT, "promotion_code")).build());
        assertThat(notes(r.explanations())).anyMatch(n -> n.startsWith("not aggregated before crossing: a distinct"
                + " count of promotion_code"));
    }

    @Test
    void explainShowsEachSourceCallWithItsEstimatesAndTheRowsCrossingWithoutReading() {
        Query query = Query.builder("orders").groupBy(GroupBy.of("customer.segment"))
                .aggregate(Aggregate.measure("revenue")).build();
        List<Explanation> plan = federation.engine.explain(query);
        assertThat(plan).hasSize(2);
        assertThat(plan.get(0).source()).isEqualTo("sales");
        assertThat(plan.get(0).nativeQuery()).contains("GROUP BY");
        assertThat(plan.get(0).estimatedRows()).isPresent();
        assertThat(plan.get(0).notes()).anyMatch(n -> n.startsWith("estimated total cost: "));
        assertThat(plan.get(1).source()).isEqualTo("crm");
        assertThat(plan.get(1).estimatedRows()).isPresent();
        assertThat(plan.get(1).notes()).anyMatch(n -> n.contains("keys cross to crm"));

        List<Explanation> semiJoin = federation.engine.explain(Query.builder("customers").where(Filter.and(
                RuleRef.of("vip"), Related.exists("orders", null))).build());
        assertThat(semiJoin).hasSize(2);
        assertThat(semiJoin).allSatisfy(e -> assertThat(e.estimatedRows()).isPresent());
        assertThat(semiJoin.get(0).notes()).anyMatch(n -> n.startsWith("read customers first: "));
        assertThat(semiJoin.get(1).nativeQuery()).contains("= ANY(?)");

        // orders read first: the customers are explained as the key lookup they will be, not as a scan
        List<Explanation> keyed = federation.engine.explain(Query.builder("customers")
                .where(Related.exists("orders", RuleRef.of("recent_orders", "days", 3))).build());
        assertThat(keyed).hasSize(2);
        assertThat(keyed.get(0).source()).isEqualTo("sales");
        assertThat(keyed.get(1).operation()).isIn("GetItem", "BatchGetItem");
        assertThat(keyed.get(1).estimatedRows().getAsLong()).isLessThan(CUSTOMERS / 4);
        assertThat(keyed.get(1).notes()).anyMatch(n -> n.startsWith("the keys are known only while running"));
    }

    @Test
    void aSourceThatFailsMidQueryGivesAnErrorNamingItAndNoPartialResult() {
        try (Federation down = new Federation("feddown", "crm", data)) {
            Query query = Query.builder("customers").where(Filter.and(RuleRef.of("vip"),
                    Related.exists("orders", null))).build();
            assertThat(down.engine.execute(query).rows()).isNotEmpty();
            down.dropDatabase();
            assertThatThrownBy(() -> down.engine.execute(query)).isInstanceOf(DataSourceException.class)
                    .hasMessageContaining("PostgreSQL");
        }
    }

    @Test
    void theDirectionFollowsTheEstimatesNotTheQueryShape() {
        // the same condition, once with a narrow outer filter and once with a narrow related filter
        QueryResult narrowOuter = run(Query.builder("customers").where(Filter.and(Compare.eq("id", "C00007"),
                Related.exists("orders", Optional.<Filter>empty().orElse(null)))).build());
        assertThat(narrowOuter.explanations().get(0).source()).isEqualTo("crm");
        QueryResult narrowRelated = run(Query.builder("customers").where(Filter.and(Compare.eq("country", "US"),
                Related.exists("orders", Compare.eq("id", "O000042")))).build());
        assertThat(narrowRelated.explanations().get(0).source()).isEqualTo("sales");
        assertThat(narrowRelated.rows()).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void theFewerReadUnitsDecideWhenTheRecordsCannotTellTheDirectionsApart() {
        Filter expensive = Compare.of("total", Operator.GTE, 460);
        Query query = Query.builder("customers").where(Filter.and(Compare.eq("country", "US"),
                Related.exists("orders", expensive))).build();
        // rows returned, the rule before read units were weighed, would read the orders first: fewer expensive
        // orders than the customers a Scan examines
        long orderRows = federation.postgres.explain(new SourceQuery(federation.model.requireEntity("orders"),
                Optional.of(expensive), List.of("customer_id"), OptionalInt.empty())).estimatedRows().getAsLong();
        long customerItems = federation.dynamo.explain(new SourceQuery(federation.model.requireEntity("customers"),
                Optional.of(Compare.eq("country", "US")), List.of("id", "customer_id"), OptionalInt.empty()))
                .estimatedRows().getAsLong();
        assertThat(orderRows).isLessThan(customerItems);

        QueryResult r = run(query);

        // looking up their ~240 buyers by key (0.5 read unit each) costs more than scanning 400 customers
        Explanation customers = r.explanations().get(0);
        assertThat(customers.source()).isEqualTo("crm");
        assertThat(customers.operation()).isEqualTo("Scan");
        assertThat(customers.notes()).anyMatch(n -> n.startsWith("read customers first: ")
                && n.endsWith("(the records cannot tell: the fewer read units decide)"));
        long buyers = data.get("orders").stream().filter(o -> ((BigDecimal) o.valueOrNull("total"))
                .compareTo(BigDecimal.valueOf(460)) >= 0).map(o -> o.valueOrNull("customer_id")).distinct().count();
        assertThat(r.stats().readUnits()).isLessThan(0.5 * buyers);
    }

    @Test
    void recordsEstimatedWithinTheMarginLeaveTheChoiceToTheReadUnits() {
        // a filter whose distinct buyers, looked up by key, are estimated to read fewer records than the Scan of
        // every customer, but not half as many, at more read units: records that close are no evidence (an
        // estimate of distinct values is often off by that much), the read units decide
        Entity orders = federation.model.requireEntity("orders");
        Filter within = null;
        for (int total = 505; total >= 5 && within == null; total -= 2) {
            Filter f = Compare.of("total", Operator.GTE, total);
            long keys = federation.postgres.explainDistinct(new SourceQuery(orders, Optional.of(f),
                    List.of("customer_id"), OptionalInt.empty())).estimatedRows().getAsLong();
            // related side first reads the keys and as many customers: fewer than the Scan, within a factor of 2
            if (2 * keys < CUSTOMERS && 2 * keys * 2 >= CUSTOMERS) {
                within = f;
            }
        }
        assertThat(within).as("a filter whose buyers are estimated within the margin").isNotNull();

        QueryResult r = run(Query.builder("customers").where(Related.exists("orders", within)).build());

        Explanation first = r.explanations().get(0);
        assertThat(first.source()).isEqualTo("crm");
        assertThat(first.operation()).isEqualTo("Scan");
        assertThat(first.notes()).anyMatch(n -> n.endsWith("(the records cannot tell: the fewer read units decide)"));
    }

    @Test
    void theKeysOfARelatedEntitysWholeKeyStreamFromDynamoDbWithoutCounting() {
        // orders whose customer is VIP: the VIP customers' ids are unique already, so they stream from the Scan
        // into the orders' statement in batches, rather than being counted per key first
        QueryResult r = run(Query.builder("orders").where(Related.exists("customer", RuleRef.of("vip"))).build());

        assertThat(r.rows()).isNotEmpty();
        Explanation keys = r.explanations().get(0);
        assertThat(keys.source()).isEqualTo("crm");
        assertThat(keys.notes()).contains("keys of a semi-join with orders, streamed in batches of at most 1,000");
        Explanation orders = r.explanations().get(1);
        assertThat(orders.source()).isEqualTo("sales");
        assertThat(orders.nativeQuery()).contains("= ANY(?)");
        assertThat(orders.notes()).contains(
                "semi-join: customer_id in the distinct id of customers as they are read, in batches of at most 1,000");
        // the customers examined and only the VIP customers' orders
        assertThat(r.stats().itemsScanned()).isEqualTo(CUSTOMERS + r.rows().size());
    }
}
