package io.promoagent.planner;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.ReadPlan;
import io.promoagent.planner.plan.ReferenceResolver;
import io.promoagent.planner.plan.ToolPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A read tool other than the query tool planned from its declared keywords, a prediction request planned as
 * the write whose preview predicts, and a what-if planned as the previous call with the values it changes.
 */
class ReportsAndWhatIfsTest {

    static final ToolDescriptor REPORT = ToolDescriptor.of("promotion_performance", "How promotions performed",
            Demo.schema("""
                    {"type":"object","properties":{
                      "code":{"type":"string","description":"One promotion's code (SUMMER25)"},
                      "codes":{"type":"array","items":{"type":"string"}}}}"""), ToolEffect.READ,
            "performance", "perform", "performed", "results", "redemptions", "revenue", "compare", "promotion", "code");

    private static OfflinePlanner planner() {
        List<ToolDescriptor> tools = new ArrayList<>(Demo.tools());
        ToolDescriptor create = Demo.createPromotion();
        tools.set(0, ToolDescriptor.of(create.name(), create.description(), create.parameters(), create.effect(),
                "create", "new", "launch", "discount", "promotion", "offer", "predict"));
        tools.add(REPORT);
        return OfflinePlanner.builder(Demo.model()).tools(tools).resolver(ReferenceResolver.of(Demo.engine()))
                .clock(Demo.CLOCK).build();
    }

    @Test
    void aReportWordTheDataModelDoesNotKnowCallsTheReadTool() {
        OfflinePlanner p = planner();
        assertThat(p.plan("which promotion performed best")).isInstanceOfSatisfying(ToolPlan.class, t -> {
            assertThat(t.tool()).isEqualTo("promotion_performance");
            assertThat(t.arguments().isEmpty()).as("every promotion").isTrue();
        });
        assertThat(p.plan("how did SUMMER25 perform")).isInstanceOfSatisfying(ToolPlan.class,
                t -> assertThat(t.arguments().path("code").asText()).isEqualTo("SUMMER25"));
    }

    @Test
    void queriesTheDataModelCanSayStayQueries() {
        OfflinePlanner p = planner();
        for (String request : List.of("total revenue last month", "show active promotions", "compare revenue by channel",
                "customers who used code SUMMER25")) {
            assertThat(p.plan(request)).as(request).isNotInstanceOf(ToolPlan.class);
        }
        assertThat(p.plan("which promotion brought the most revenue")).isInstanceOf(ReadPlan.class);
    }

    @Test
    void aPredictionIsTheWritesProposalAndAWhatIfChangesOnlyWhatItSays() {
        OfflinePlanner p = planner();
        String request = "predict how a 20% VIP discount would perform";
        assertThat(p.asksForPrediction(request)).isTrue();
        Plan first = p.plan(request);
        assertThat(first).isInstanceOf(ToolPlan.class);
        ToolPlan proposal = (ToolPlan) first;
        assertThat(proposal.tool()).isEqualTo("create_promotion");
        assertThat(proposal.arguments().path("audience_rule").asText()).isEqualTo("vip");
        assertThat(proposal.arguments().path("discount_value").asDouble()).isEqualTo(20.0);

        Optional<Plan> revised = p.revise(proposal, "what if 15% instead");
        assertThat(revised).get().isInstanceOfSatisfying(ToolPlan.class, t -> {
            assertThat(t.arguments().path("discount_value").asDouble()).isEqualTo(15.0);
            assertThat(t.arguments().path("audience_rule").asText()).isEqualTo("vip");
            assertThat(t.arguments().path("discount_type").asText()).isEqualTo("percent");
        });
        assertThat(p.revise(proposal, "how about premium customers")).get().isInstanceOfSatisfying(ToolPlan.class,
                t -> assertThat(t.arguments().path("audience_rule").asText()).isEqualTo("premium"));
        assertThat(p.revise(proposal, "what if 150% instead")).get().isNotInstanceOf(ToolPlan.class);
        assertThat(p.revise(proposal, "show VIP customers")).isEmpty();
        assertThat(p.isRevision("what if 15% instead")).isTrue();
        assertThat(p.asksForPrediction("create a 20% VIP discount")).isFalse();
    }
}
