package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.ToolException;
import io.promoagent.core.tool.WriteTool;
import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Control groups: who is held out, and a control share proposed and approved with the promotion. */
class HoldoutTest {

    @Nested
    class Membership {
        @Test
        void isTheSameEveryTimeAndAboutTheShareOfCustomers() {
            SplittableRandom random = new SplittableRandom(18);
            int held = 0;
            for (int i = 0; i < 20_000; i++) {
                String customer = "C" + random.nextInt(1_000_000);
                boolean in = Holdout.inControl("SUMMER25", customer, 0.2);
                assertThat(Holdout.inControl("summer25", customer, 0.2)).isEqualTo(in);
                held += in ? 1 : 0;
            }
            assertThat(held / 20_000.0).isBetween(0.19, 0.21);
        }

        @Test
        void differsBetweenPromotions() {
            int both = 0;
            for (int i = 1; i <= 10_000; i++) {
                String customer = String.format("C%05d", i);
                both += Holdout.inControl("A1B", customer, 0.5) && Holdout.inControl("B2C", customer, 0.5) ? 1 : 0;
            }
            // Independent halves overlap on about a quarter.
            assertThat(both / 10_000.0).isBetween(0.23, 0.27);
        }

        @Test
        void refusesSharesOutsideSensibleBounds() {
            assertThat(Holdout.refusalOf(0.1)).isEmpty();
            assertThat(Holdout.refusalOf(0.01)).get().asString().contains("between 0.02 and 0.5");
            assertThat(Holdout.refusalOf(0.8)).isPresent();
            assertThat(Holdout.refusalOf(Double.NaN)).isPresent();
        }
    }

    @Nested
    class WhenCreatingAPromotion {
        final Demo demo = new Demo(new InMemoryAuditSink());
        final WriteTool create = (WriteTool) demo.tool(PromotionTools.CREATE);

        ChangeSet propose(String json) {
            return create.propose(Demo.call(PromotionTools.CREATE, json), Demo.as(Demo.MIA));
        }

        @Test
        void theControlShareIsPartOfTheRecordApprovedAndSaidInTheSummary() {
            ChangeSet proposal = propose("{\"discount_type\":\"percent\",\"discount_value\":20,\"control_share\":0.1}");

            assertThat((BigDecimal) proposal.affected().get(0).after().orElseThrow().valueOrNull("control_share"))
                    .isEqualByComparingTo("0.10");
            assertThat(proposal.summary()).contains("holds out 10% of the audience as a control group");
            assertThat(create.descriptor().parameters().get("properties").has("control_share")).isTrue();
        }

        @Test
        void aShareOutsideTheBoundsIsRefusedWithThePath() {
            assertThatThrownBy(() -> propose("{\"discount_type\":\"percent\",\"discount_value\":20,\"control_share\":0.7}"))
                    .isInstanceOf(ToolException.class)
                    .hasMessageContaining("control_share").hasMessageContaining("between 0.02 and 0.5");
        }

        @Test
        void withoutAShareThereIsNoControlGroup() {
            ChangeSet proposal = propose("{\"discount_type\":\"percent\",\"discount_value\":20}");

            assertThat(proposal.affected().get(0).after().orElseThrow().valueOrNull("control_share")).isNull();
            assertThat(proposal.summary()).doesNotContain("control group");
        }
    }
}
