package io.promoagent.planner;

import static io.promoagent.planner.Expect.read;
import static io.promoagent.planner.Expect.tool;
import static io.promoagent.planner.Expect.unsure;
import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.planner.plan.Clarification;
import io.promoagent.schema.ir.Aggregate;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The requests the accountability issue quotes as answered wrongly: each is now answered as it means, or,
 * where the query IR or the model cannot say it, honestly unsure (a question that states the reading).
 */
class WhyRequestsTest {

    @TestFactory
    Stream<DynamicTest> areAnsweredRightOrHonestly() {
        Map<String, Expect> t = new LinkedHashMap<>();
        t.put("which promotion brought the most revenue", read(Query.builder("orders")
                .groupBy(GroupBy.of("promotion_code"), GroupBy.of("promotion.name")).aggregate(Aggregate.measure("revenue"))
                .orderBy(OrderBy.desc("revenue")).limit(1).build()));
        // several customers are called John: which one, each with its id, and each full name as an option
        t.put("show me John's orders", new Expect("clarify", "the Johns", plan -> {
            assertThat(plan).isInstanceOf(Clarification.class);
            Clarification c = (Clarification) plan;
            assertThat(c.message()).contains("John Smith (C").contains("Which one");
            assertThat(c.options()).contains("show me John Smith's orders").allMatch(o -> o.contains("'s orders"));
        }, true));
        t.put("John Smith's orders", read(orders(Related.exists("customer",
                new Compare("name", Operator.EQ, List.of("John Smith"), true)))));
        t.put("activate FREESHIP50", tool("change_promotion_status", "{\"code\":\"FREESHIP50\",\"status\":\"active\"}"));
        t.put("Top 10 customers by order count", unsure());
        // best by what? counting orders is a guess: a question that says the reading in words
        t.put("what's our best month", new Expect("clarify", "the reading in words", plan -> {
            unsure().verify(plan);
            assertThat(((Clarification) plan).message())
                    .contains("the number of orders, per order date (by month)").doesNotContain("{");
        }, false));
        t.put("VIP customers who have not opted in to marketing", read(customers(Filter.and(RuleRef.of("vip"),
                Compare.eq("marketing_opt_in", false)))));
        t.put("premium customers without any orders in the past 120 days", read(customers(Filter.and(
                RuleRef.of("premium"), Related.notExists("orders",
                        new Within("order_date", new TimeRange.Last(120, CalendarUnit.DAY)))))));
        t.put("customers who signed up this year", read(customers(
                new Within("join_date", new TimeRange.Calendar(CalendarUnit.YEAR, 0)))));
        t.put("the 5 largest orders this month", read(Query.builder("orders")
                .where(new Within("order_date", new TimeRange.Calendar(CalendarUnit.MONTH, 0)))
                .orderBy(OrderBy.desc("total")).limit(5).build()));
        t.put("the customer with the most orders", read(Query.builder("customers")
                .orderBy(OrderBy.desc("order_count")).limit(1).build()));
        // the demo model defines "only order in Q4" as its seasonal_customer rule
        t.put("customers who only order in Q4", read(customers(RuleRef.of("seasonal_customer"))));
        return t.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(),
                () -> e.getValue().verify(Demo.planner().plan(e.getKey()))));
    }

    private static Query customers(Filter where) {
        return Query.builder("customers").where(where).build();
    }

    private static Query orders(Filter where) {
        return Query.builder("orders").where(where).build();
    }
}
