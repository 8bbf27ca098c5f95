package io.promoagent.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.planner.plan.Clarification;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.ReadPlan;
import io.promoagent.planner.plan.ToolPlan;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Query;
import org.junit.jupiter.api.Test;

/** With no look-up configured the planner still plans, and asks where only the data could tell. */
class WithoutLookupsTest {

    static final OfflinePlanner PLANNER = OfflinePlanner.builder(Demo.model()).tools(Demo.tools()).clock(Demo.CLOCK).build();

    @Test
    void aPersonNamedInAWriteIsAskedAboutNotGuessed() {
        Plan plan = PLANNER.plan("Email John about the VIP25 promotion");
        assertThat(plan).isInstanceOfSatisfying(Clarification.class, c -> assertThat(c.message()).contains("John"));
    }

    @Test
    void anIdentifierIsAKeyOrACodeByItsForm() {
        assertThat(((ReadPlan) PLANNER.plan("show promotion P0009")).query())
                .isEqualTo(Query.builder("promotions").where(Compare.eq("id", "P0009")).build());
        assertThat(((ReadPlan) PLANNER.plan("show the SUMMER25 promotion")).query())
                .isEqualTo(Query.builder("promotions").where(Compare.eq("code", "SUMMER25")).build());
    }

    @Test
    void anEmailAddressInAnAudienceStaysACondition() {
        Plan plan = PLANNER.plan("email john@example.com about SUMMER25");
        assertThat(plan).isInstanceOfSatisfying(ToolPlan.class, p -> assertThat(p.arguments().get("audience"))
                .isEqualTo(Demo.json("{\"type\":\"compare\",\"field\":\"email\",\"op\":\"eq\",\"value\":\"john@example.com\"}")));
    }

    @Test
    void aMissingRecordWithoutItsCodeIsAskedFor() {
        Plan plan = PLANNER.plan("pause the promotion");
        assertThat(plan).isInstanceOfSatisfying(Clarification.class, c -> assertThat(c.message()).contains("code"));
    }
}
