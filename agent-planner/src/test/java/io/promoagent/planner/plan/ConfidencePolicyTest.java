package io.promoagent.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** From which confidence a plan is sure, and which thresholds are no policy. */
class ConfidencePolicyTest {

    @Test
    void aPlanIsSureFromTheThresholdOn() {
        ConfidencePolicy policy = ConfidencePolicy.DEFAULT;
        assertThat(policy.threshold()).isEqualTo(0.6);
        assertThat(policy.isSure(0.6)).isTrue();
        assertThat(policy.isSure(0.5999)).isFalse();
        assertThat(policy.isSure(new Clarification("which John?", List.of(), 0.95, "two Johns"))).isTrue();
        assertThat(policy.isSure(new Refusal("no tool deletes", 0.5, "delete"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.01, 1.01, Double.NaN})
    void refusesAThresholdOutsideZeroToOne(double threshold) {
        assertThatThrownBy(() -> new ConfidencePolicy(threshold)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 1");
    }
}
