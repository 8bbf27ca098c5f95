package io.promoagent.planner.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.planner.Demo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tool's parameter schema, not the planner, says which arguments are allowed. */
class ArgumentSchemaTest {

    static final ObjectNode CREATE = Demo.createPromotion().parameters();

    static List<ArgumentSchema.Problem> check(String args) {
        return ArgumentSchema.check(CREATE, (ObjectNode) Demo.json(args));
    }

    @Test
    void validArgumentsHaveNoProblems() {
        assertThat(check("{\"discount_type\":\"percent\",\"discount_value\":25,\"ends_at\":\"2026-07-31\"}")).isEmpty();
    }

    @Test
    void aConditionalMaximumAppliesOnlyWhenItsConditionHolds() {
        List<ArgumentSchema.Problem> percent = check("{\"discount_type\":\"percent\",\"discount_value\":150}");
        assertThat(percent).singleElement().satisfies(p -> {
            assertThat(p.missing()).isFalse();
            assertThat(p.message()).contains("'discount_value' must be at most 100 when 'discount_type' is percent");
        });
        assertThat(check("{\"discount_type\":\"fixed\",\"discount_value\":150}")).isEmpty();
    }

    @Test
    void missingRequiredPropertiesAreReportedAsMissing() {
        assertThat(check("{\"discount_type\":\"fixed\"}")).singleElement()
                .satisfies(p -> assertThat(p.missing()).isTrue())
                .satisfies(p -> assertThat(p.property()).isEqualTo("discount_value"));
    }

    @Test
    void enumsPatternsTypesBoundsAndDatesAreChecked() {
        assertThat(check("{\"discount_type\":\"bogus\",\"discount_value\":5}")).singleElement()
                .satisfies(p -> assertThat(p.allowed()).contains("percent", "fixed"));
        assertThat(check("{\"discount_type\":\"fixed\",\"discount_value\":5,\"code\":\"no spaces!\"}")).hasSize(1);
        assertThat(check("{\"discount_type\":\"fixed\",\"discount_value\":\"five\"}")).hasSize(1);
        assertThat(check("{\"discount_type\":\"fixed\",\"discount_value\":0}")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("more than 0"));
        assertThat(check("{\"discount_type\":\"fixed\",\"discount_value\":5,\"ends_at\":\"next week\"}")).hasSize(1);
        assertThat(check("{\"discount_type\":\"fixed\",\"discount_value\":5,\"max_redemptions\":2.5}")).hasSize(1);
    }
}
