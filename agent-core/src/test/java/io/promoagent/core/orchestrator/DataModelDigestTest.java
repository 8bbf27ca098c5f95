package io.promoagent.core.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.Shop;
import org.junit.jupiter.api.Test;

class DataModelDigestTest {

    private final String digest = DataModelDigest.of(Shop.model());

    @Test
    void namesEntitiesFieldsTypesAndEnumValues() {
        assertThat(digest).contains("- customers: People who bought from us.\n")
                .contains("segment [VIP, Premium, Regular]")
                .contains("total_spent:number")
                .contains("; country\n")
                .contains("customer -> one customers")
                .contains("orders -> many orders");
    }

    @Test
    void namesRulesAndMeasures() {
        assertThat(digest).contains("  rule vip: Customers in the VIP segment.\n")
                .contains("  measure revenue: Total of completed orders.\n");
        // each under its entity
        assertThat(digest.indexOf("  rule vip:")).isBetween(digest.indexOf("- customers:"), digest.indexOf("- orders:"));
        assertThat(digest.indexOf("  measure revenue:")).isGreaterThan(digest.indexOf("- orders:"));
    }

    @Test
    void leavesSynonymsToTheOfflinePlanner() {
        assertThat(digest).doesNotContain("clients").doesNotContain("big spenders").doesNotContain("sales");
    }

    @Test
    void namesWhatItDescribesIncludingPathsThroughRelationships() {
        assertThat(DataModelDigest.names(Shop.model())).contains("customers", "orders", "segment", "vip", "revenue",
                "customer", "customer.segment").doesNotContain("phone");
    }

    @Test
    void marksUiFieldsAndLeavesOutHiddenOnesAndUiEnumValues() {
        assertThat(digest).contains("email (values hidden)")
                .contains("mood:enum (values hidden)")
                .doesNotContain("Secret")
                .doesNotContain("phone");
    }
}
