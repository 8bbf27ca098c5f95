package io.promoagent.schema.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    private static final List<String> FIELDS = List.of("id", "name", "email", "segment", "total_spent", "order_count",
            "join_date", "last_order_date", "city", "country", "marketing_opt_in", "email_status");

    @Nested
    class RankingNames {
        @Test
        void putsTheClosestNameFirst() {
            assertThat(Suggestions.rank("segmnet", FIELDS)).first().isEqualTo("segment");
            assertThat(Suggestions.rank("last_ordr_date", FIELDS)).first().isEqualTo("last_order_date");
        }

        @Test
        void treatsCaseSeparatorsAndWordOrderAsTheSameName() {
            for (String wrong : List.of("OrderCount", "order-count", "ordercount", "ORDER_COUNT", "count_order", "order counts")) {
                assertThat(Suggestions.rank(wrong, FIELDS)).as(wrong).first().isEqualTo("order_count");
            }
        }

        @Test
        void returnsAtMostThree() {
            assertThat(Suggestions.rank("date", FIELDS)).hasSizeLessThanOrEqualTo(Suggestions.MAX)
                    .contains("join_date", "last_order_date");
        }

        @Test
        void suggestsNothingForAnUnrelatedWord() {
            assertThat(Suggestions.rank("favourite_colour", FIELDS)).isEmpty();
            assertThat(Suggestions.rank("", FIELDS)).isEmpty();
            assertThat(Suggestions.rank("x".repeat(10_000), FIELDS)).isEmpty();
        }
    }

    @Nested
    class RankingWithSynonyms {
        private final Map<String, List<String>> names = Map.of(
                "total_spent", List.of("lifetime value", "ltv", "spend"),
                "order_count", List.of("number of orders", "purchases"),
                "segment", List.of("tier", "level"));

        @Test
        void ranksTheNameWhoseSynonymWasUsedFirst() {
            assertThat(Suggestions.rank("ltv", names)).first().isEqualTo("total_spent");
            assertThat(Suggestions.rank("Lifetime-Value", names)).first().isEqualTo("total_spent");
            assertThat(Suggestions.rank("tiers", names)).first().isEqualTo("segment");
        }

        @Test
        void forgivesATypoInASynonym() {
            assertThat(Suggestions.rank("purchses", names)).first().isEqualTo("order_count");
        }
    }

    @Test
    void measuresTheOptimalStringAlignmentDistance() {
        assertThat(Suggestions.distance("total", "totla")).isEqualTo(1);
        assertThat(Suggestions.distance("ca", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }
}
