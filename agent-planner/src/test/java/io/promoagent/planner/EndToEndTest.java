package io.promoagent.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.ReadPlan;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Plans of development-set requests run on the demo data (60 customers, today 2026-06-30) give the rows
 * that the request means, computed here directly from the exported records.
 */
class EndToEndTest {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 30);
    static final List<Row> CUSTOMERS = Demo.rows("customers");
    static final List<Row> ORDERS = Demo.rows("orders");
    static final List<Row> PROMOTIONS = Demo.rows("promotions");

    static QueryResult run(String request) {
        Plan plan = Demo.planner().plan(request);
        assertThat(plan).as(plan.reason()).isInstanceOf(ReadPlan.class);
        return Demo.engine().execute(((ReadPlan) plan).query());
    }

    static Set<Object> keys(QueryResult result) {
        return result.rows().stream().map(r -> r.values().get("id")).collect(Collectors.toSet());
    }

    static Set<Object> ids(List<Row> rows, Predicate<Row> where) {
        return rows.stream().filter(where).map(r -> r.values().get("id")).collect(Collectors.toSet());
    }

    static String s(Row r, String field) {
        Object v = r.values().get(field);
        return v == null ? null : v.toString();
    }

    static BigDecimal n(Row r, String field) {
        return (BigDecimal) r.values().get(field);
    }

    static LocalDate d(Row r, String field) {
        String v = s(r, field);
        return v == null ? null : LocalDate.parse(v);
    }

    static boolean orderedSince(Row customer, LocalDate from) {
        return ORDERS.stream().anyMatch(o -> customer.values().get("id").equals(o.values().get("customer_id"))
                && !d(o, "order_date").isBefore(from));
    }

    @Nested
    class Customers {
        @Test
        void vipCustomers() {
            assertThat(keys(run("Show VIP customers"))).isNotEmpty()
                    .isEqualTo(ids(CUSTOMERS, r -> "VIP".equals(s(r, "segment"))));
        }

        @Test
        void customersWhoSpentMoreThanAThousand() {
            assertThat(keys(run("Show customers who spent > $1000")))
                    .isEqualTo(ids(CUSTOMERS, r -> n(r, "total_spent").compareTo(BigDecimal.valueOf(1000)) > 0));
        }

        @Test
        void customersFromGermanyAndJohnSmithAndOneById() {
            assertThat(keys(run("customers from Germany"))).isEqualTo(ids(CUSTOMERS, r -> "DE".equals(s(r, "country"))));
            assertThat(keys(run("Find John Smith"))).containsExactly("C00040");
            assertThat(keys(run("show customer C00042"))).containsExactly("C00042");
        }

        @Test
        void customersWithMoreThanTenOrders() {
            assertThat(keys(run("customers with more than 10 orders"))).isNotEmpty()
                    .isEqualTo(ids(CUSTOMERS, r -> n(r, "order_count").intValue() > 10));
        }

        @Test
        void vipCustomersWithRecentOrders() {
            assertThat(keys(run("VIP customers with recent orders")))
                    .isEqualTo(ids(CUSTOMERS, r -> "VIP".equals(s(r, "segment")) && orderedSince(r, TODAY.minusDays(30))));
        }

        @Test
        void premiumCustomersWhoHaveNotOrderedInSixtyDays() {
            assertThat(keys(run("premium customers who haven't ordered in 60 days"))).isNotEmpty()
                    .isEqualTo(ids(CUSTOMERS, r -> "Premium".equals(s(r, "segment")) && !orderedSince(r, TODAY.minusDays(60))));
        }

        @Test
        void topFiveCustomersByTotalSpent() {
            List<Object> expected = CUSTOMERS.stream().sorted(Comparator.comparing((Row r) -> n(r, "total_spent")).reversed())
                    .limit(5).map(r -> r.values().get("id")).toList();
            assertThat(run("top 5 customers by total spent").rows()).extracting(r -> r.values().get("id"))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Nested
    class OrdersAndPromotions {
        @Test
        void refundedOrdersFromLastMonth() {
            assertThat(keys(run("refunded orders from last month"))).isEqualTo(ids(ORDERS, r ->
                    "refunded".equals(s(r, "status")) && d(r, "order_date").getMonthValue() == 5
                            && d(r, "order_date").getYear() == 2026));
        }

        @Test
        void ordersOverTwoHundredFiftyThisMonth() {
            assertThat(keys(run("orders over $250 placed this month"))).isEqualTo(ids(ORDERS, r ->
                    n(r, "total").compareTo(BigDecimal.valueOf(250)) > 0 && d(r, "order_date").getMonthValue() == 6
                            && d(r, "order_date").getYear() == 2026));
        }

        @Test
        void ordersByJohnSmith() {
            assertThat(keys(run("orders by John Smith"))).isNotEmpty()
                    .isEqualTo(ids(ORDERS, r -> "C00040".equals(s(r, "customer_id"))));
        }

        @Test
        void activePromotionsAndThoseExpiringThisWeek() {
            assertThat(keys(run("show active promotions"))).isEqualTo(ids(PROMOTIONS, r -> "active".equals(s(r, "status"))
                    && !d(r, "starts_at").isAfter(TODAY) && !d(r, "ends_at").isBefore(TODAY)));
            assertThat(keys(run("which promotions expire this week"))).isEqualTo(ids(PROMOTIONS, r ->
                    !d(r, "ends_at").isBefore(TODAY) && !d(r, "ends_at").isAfter(LocalDate.of(2026, 7, 5))));
        }
    }

    @Nested
    class Aggregates {
        @Test
        void howManyVipCustomers() {
            Row row = run("How many VIP customers do we have?").rows().get(0);
            assertThat(n(row, "count").intValue()).isEqualTo(ids(CUSTOMERS, r -> "VIP".equals(s(r, "segment"))).size());
        }

        @Test
        void totalRevenueLastMonth() {
            BigDecimal expected = ORDERS.stream().filter(r -> "completed".equals(s(r, "status"))
                            && d(r, "order_date").getYear() == 2026 && d(r, "order_date").getMonthValue() == 5)
                    .map(r -> n(r, "total")).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(n(run("total revenue last month").rows().get(0), "revenue")).isEqualByComparingTo(expected);
        }

        @Test
        void customersPerSegment() {
            Map<String, Long> expected = CUSTOMERS.stream().collect(Collectors.groupingBy(r -> s(r, "segment"),
                    TreeMap::new, Collectors.counting()));
            Map<String, Long> actual = run("number of customers per segment").rows().stream().collect(Collectors.toMap(
                    r -> s(r, "segment"), r -> n(r, "count").longValue(), (a, b) -> a, TreeMap::new));
            assertThat(actual).isEqualTo(expected);
        }

        @Test
        void bestMonthForRevenueThisYear() {
            Map<String, BigDecimal> byMonth = ORDERS.stream().filter(r -> "completed".equals(s(r, "status"))
                    && d(r, "order_date").getYear() == 2026).collect(Collectors.groupingBy(r -> s(r, "order_month"),
                    Collectors.reducing(BigDecimal.ZERO, r -> n(r, "total"), BigDecimal::add)));
            String best = byMonth.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            List<Row> rows = run("what was our best month for revenue this year").rows();
            assertThat(rows).hasSize(1);
            assertThat(s(rows.get(0), "order_date_month")).isEqualTo(best);
            assertThat(n(rows.get(0), "revenue")).isEqualByComparingTo(byMonth.get(best));
        }
    }
}
