package io.promoagent.jdbc.federation;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.CalendarUnit;
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
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.ReferenceCheck;
import io.promoagent.schema.testing.ShopFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The five cross-source shapes of issue #17 on 20,000 customers (DynamoDB Local) and 105,000 orders
 * (PostgreSQL): each answer equals the reference evaluator's, and each reads at least 3 times fewer items and
 * rows than reading both sides whole. Slow (loading takes about a minute), so only with
 * {@code -Dfederation.scale=true}:
 *
 * <pre>
 * ./mvnw -o -q test -pl agent-tools-jdbc -Dtest=FederationScaleCheck -Dfederation.scale=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "federation.scale", matches = "true")
class FederationScaleCheck {

    private static final int CUSTOMERS = 20_000;
    private static final int ORDERS = 105_000;

    @Test
    void theFiveShapesReadAtLeastThreeTimesLessThanBothSidesWhole() {
        Map<String, List<Row>> data = FederatedPlanningTest.data(new Random(17L), CUSTOMERS, ORDERS);
        Map<String, Query> shapes = new LinkedHashMap<>();
        shapes.put("VIP customers with recent orders", Query.builder("customers").where(Filter.and(RuleRef.of("vip"),
                Related.exists("orders", RuleRef.of("recent_orders")))).build());
        shapes.put("revenue by segment this quarter", Query.builder("orders")
                .where(new Within("order_date", new TimeRange.Calendar(CalendarUnit.QUARTER, 0)))
                .groupBy(GroupBy.of("customer.segment")).aggregate(Aggregate.measure("revenue")).build());
        shapes.put("opted-out customers who ordered with a promotion code", Query.builder("customers")
                .where(Filter.and(Compare.eq("marketing_opt_in", false), Related.exists("orders",
                        Filter.not(new Compare("promotion_code", Operator.IS_NULL, List.of(), false))))).build());
        shapes.put("top customers by revenue with their segment", Query.builder("orders")
                .groupBy(GroupBy.of("customer_id"), GroupBy.of("customer.name"), GroupBy.of("customer.segment"))
                .aggregate(Aggregate.measure("revenue")).orderBy(OrderBy.desc("revenue")).limit(10).build());
        shapes.put("lapsed VIPs with their last order", Query.builder("orders")
                .where(Compare.eq("customer.segment", "VIP"))
                .groupBy(GroupBy.of("customer_id"), GroupBy.of("customer.name"))
                .aggregate(new Aggregate.Of(AggregateFunction.MAX, Optional.of("order_date"), Optional.of("last_order")))
                .having(Compare.of("last_order", Operator.LT, "2026-04-01")).build());
        long naive = CUSTOMERS + ORDERS;
        try (Federation f = new Federation("fedscale", "crm", data)) {
            ReferenceEvaluator oracle = new ReferenceEvaluator(f.model, ShopFixture.CLOCK);
            shapes.forEach((name, query) -> {
                long started = System.nanoTime();
                QueryResult r = f.engine.execute(query);
                long ms = (System.nanoTime() - started) / 1_000_000;
                ReferenceCheck.assertAgrees(oracle, data, query, r, true);
                System.out.printf("%-55s rows %6d  items+rows read %7d  naive %7d  %5.1fx  calls %4d  %5d ms%n", name,
                        r.rows().size(), r.stats().itemsScanned(), naive, (double) naive / r.stats().itemsScanned(),
                        r.stats().calls(), ms);
                for (Explanation e : f.engine.explain(query)) {
                    System.out.println("    " + e.source() + " " + e.operation() + " " + e.accessPath() + " est "
                            + e.estimatedRows() + " units " + e.estimatedReadUnits() + "\n      " + e.nativeQuery()
                            + "\n      " + String.join("\n      ", e.notes()));
                }
                assertThat(r.stats().itemsScanned()).as(name).isLessThanOrEqualTo(naive / 3);
            });
        }
    }
}
