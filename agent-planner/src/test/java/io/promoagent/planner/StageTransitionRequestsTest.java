package io.promoagent.planner;

import static io.promoagent.planner.Expect.read;

import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.RuleRef;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Stage transitions in plain language over the demo data model (today is 2026-06-30): the period sets the
 * {@code days} of {@code became_at_risk} (at risk now, not yet that many days ago), "this month" as the days
 * since the month began, today included; the other parameters keep their defaults.
 */
class StageTransitionRequestsTest {

    @TestFactory
    Stream<DynamicTest> aPeriodSetsTheDaysOfATransition() {
        Map<String, Expect> t = new LinkedHashMap<>();
        t.put("customers who became at-risk this month", read(DevSetTest.customers(became(30))));
        t.put("customers who became at risk in the last 2 weeks", read(DevSetTest.customers(became(14))));
        t.put("VIP customers who became at risk this week",
                read(DevSetTest.customers(Filter.and(RuleRef.of("vip"), became(2)))));
        return t.entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey() + " -> " + e.getValue().description(),
                () -> e.getValue().verify(ShippedToolsTest.PLANNER.plan(e.getKey()))));
    }

    private static RuleRef became(int days) {
        return new RuleRef("became_at_risk", Map.of("days", days));
    }
}
