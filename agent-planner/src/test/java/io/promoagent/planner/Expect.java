package io.promoagent.planner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.planner.plan.Clarification;
import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.planner.plan.Plan;
import io.promoagent.planner.plan.PlanError;
import io.promoagent.planner.plan.ReadPlan;
import io.promoagent.planner.plan.Refusal;
import io.promoagent.planner.plan.ToolPlan;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import java.util.function.Consumer;

/** What a request must be planned as, checked against a plan; for tables of requests in tests. */
record Expect(String kind, String description, Consumer<Plan> check, boolean confident) {

    /** The confidence the hybrid orchestrator acts on without a model. */
    static final double THRESHOLD = ConfidencePolicy.DEFAULT.threshold();

    static Expect read(Query query) {
        return new Expect("read", QueryJson.write(query), plan -> {
            assertThat(plan).as(plan.reason()).isInstanceOf(ReadPlan.class);
            assertThat(((ReadPlan) plan).query()).as(plan.reason()).isEqualTo(query);
        }, true);
    }

    static Expect tool(String tool, String argumentsJson) {
        JsonNode expected = QueryJson.parse(argumentsJson);
        return new Expect("tool", tool + " " + argumentsJson, plan -> {
            assertThat(plan).as(plan.reason()).isInstanceOf(ToolPlan.class);
            ToolPlan p = (ToolPlan) plan;
            assertThat(p.tool()).isEqualTo(tool);
            assertThat(p.arguments()).as(plan.reason()).isEqualTo(expected);
        }, true);
    }

    static Expect clarify(Consumer<Clarification> more) {
        return new Expect("clarify", "a question", plan -> {
            assertThat(plan).as(plan.reason()).isInstanceOf(Clarification.class);
            more.accept((Clarification) plan);
        }, true);
    }

    static Expect error(String code, Consumer<PlanError> more) {
        return new Expect("error", code, plan -> {
            assertThat(plan).as(plan.reason()).isInstanceOf(PlanError.class);
            assertThat(((PlanError) plan).code()).isEqualTo(code);
            more.accept((PlanError) plan);
        }, true);
    }

    static Expect refuse() {
        return new Expect("refuse", "a refusal", plan -> assertThat(plan).as(plan.reason()).isInstanceOf(Refusal.class),
                true);
    }

    /** Any answer that is not a guess: a question, an error or a refusal, with low confidence. */
    static Expect unsure() {
        return new Expect("unsure", "a question, error or refusal below the threshold", plan -> {
            assertThat(plan).as(plan.reason()).isInstanceOfAny(Clarification.class, PlanError.class, Refusal.class);
            assertThat(plan.confidence()).as(plan.reason()).isLessThan(THRESHOLD);
        }, false);
    }

    /** Checks the plan, and that it is confident enough to be acted on without a model when it should be. */
    void verify(Plan plan) {
        check.accept(plan);
        if (confident) {
            assertThat(plan.confidence()).as("confidence of " + plan.reason()).isGreaterThanOrEqualTo(THRESHOLD);
        }
    }

    /** Whether the plan meets the expectation, without failing. */
    boolean holds(Plan plan) {
        try {
            verify(plan);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }
}
