package io.promoagent.core.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.Shop;
import org.junit.jupiter.api.Test;

class DataModelDigestTest {

    private final String digest = DataModelDigest.of(Shop.model());

    @Test
    void namesEntitiesFieldsTypesAndEnumValues() {
        assertThat(digest).contains("- customers: People who bought from us. Also called: clients. Key: id")
                .contains("segment: enum [VIP, Premium, Regular]")
                .contains("total_spent: number")
                .contains("customer -> one customers")
                .contains("orders -> many orders");
    }

    @Test
    void namesRulesAndMeasures() {
        assertThat(digest).contains("- vip (customers): Customers in the VIP segment. Also: big spenders.")
                .contains("- revenue (orders): Total of completed orders. Also: sales.");
    }

    @Test
    void marksUiFieldsAndLeavesOutHiddenOnesAndUiEnumValues() {
        assertThat(digest).contains("email: string (values hidden)")
                .contains("mood: enum (values hidden)")
                .doesNotContain("Secret")
                .doesNotContain("phone");
    }
}
