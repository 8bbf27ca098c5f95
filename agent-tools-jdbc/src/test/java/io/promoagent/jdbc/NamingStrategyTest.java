package io.promoagent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamingStrategyTest {

    @ParameterizedTest
    @CsvSource({
            "totalSpent, total_spent",
            "TotalSpent, total_spent",
            "total_spent, total_spent",
            "HTTPCode, http_code",
            "orderDate2, order_date2",
            "order-date, order_date",
            "id, id"})
    void snakeCaseLowersAndSeparatesWords(String model, String database) {
        assertThat(NamingStrategy.SNAKE_CASE.apply(model)).isEqualTo(database);
    }

    @ParameterizedTest
    @CsvSource({"totalSpent", "Total Spent", "x"})
    void asIsKeepsTheName(String name) {
        assertThat(NamingStrategy.AS_IS.apply(name)).isEqualTo(name);
    }
}
