package io.promoagent.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.planner.plan.ConfidencePolicy;
import io.promoagent.planner.plan.ReadPlan;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.RuleRef;
import org.junit.jupiter.api.Test;

/** A host adds the words its users write, each naming what it means in the data model. */
class HostPhrasesTest {

    private final OfflinePlanner plain = OfflinePlanner.builder(Demo.model()).clock(Demo.CLOCK).build();
    private final OfflinePlanner withPhrases = OfflinePlanner.builder(Demo.model()).clock(Demo.CLOCK)
            .phrase("whales", "vip").phrase("shoppers", "customers").phrase("deutsche", "customers.country=DE").build();

    @Test
    void aPhraseTheModelDoesNotKnowIsUnsureUntilTheHostAddsIt() {
        assertThat(ConfidencePolicy.DEFAULT.isSure(plain.plan("show whales"))).isFalse();
        ReadPlan p = (ReadPlan) withPhrases.plan("show whales");
        assertThat(p.query()).isEqualTo(Query.builder("customers").where(RuleRef.of("vip")).build());
        ReadPlan q = (ReadPlan) withPhrases.plan("deutsche shoppers");
        assertThat(q.query()).isEqualTo(Query.builder("customers").where(Compare.eq("country", "DE")).build());
    }

    @Test
    void aMeaningThatNamesNothingFailsTheBuild() {
        assertThatThrownBy(() -> OfflinePlanner.builder(Demo.model()).phrase("x", "customers.shoe_size").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("customers.shoe_size");
    }
}
