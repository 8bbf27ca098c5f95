package io.promoagent.example.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The function's query cache: off unless QUERY_CACHE_SECONDS asks for it, since other instances write too. */
class LambdaEnvironmentTest {

    @Test
    void caches_nothing_when_the_variable_is_absent_or_blank() {
        assertThat(LambdaEnvironment.queryCache(Map.of())).isEqualTo(Duration.ZERO);
        assertThat(LambdaEnvironment.queryCache(Map.of("QUERY_CACHE_SECONDS", "  "))).isEqualTo(Duration.ZERO);
    }

    @Test
    void caches_for_the_seconds_given() {
        assertThat(LambdaEnvironment.queryCache(Map.of("QUERY_CACHE_SECONDS", "5"))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refuses_a_value_that_is_not_a_number_of_seconds() {
        assertThatThrownBy(() -> LambdaEnvironment.queryCache(Map.of("QUERY_CACHE_SECONDS", "-1")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("QUERY_CACHE_SECONDS");
        assertThatThrownBy(() -> LambdaEnvironment.queryCache(Map.of("QUERY_CACHE_SECONDS", "five")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'five'");
    }
}
