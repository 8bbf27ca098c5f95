package io.promoagent.schema.json;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.validate.InvalidQueryException;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class QueryReaderLimitsTest {

    @Test
    void refusesANumberWithAnAbsurdExponentQuickly() {
        String json = "{\"entity\":\"customers\",\"where\":{\"type\":\"compare\",\"field\":\"total_spent\",\"op\":\"gt\",\"value\":1e99999999}}";
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> QueryJson.read(json))
                        .isInstanceOf(InvalidQueryException.class)
                        .hasMessageContaining("digits"));
    }
}
