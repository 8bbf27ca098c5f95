package io.promoagent.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.core.query.QueryTool;
import io.promoagent.core.query.ReadBudget;
import io.promoagent.core.query.ReadGuard;
import io.promoagent.core.tool.ToolRegistry;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The query tool's read guard from the {@code promo-agent.reads.*} properties. */
class ReadGuardWiringTest {

    @Test
    void theDiscoveredQueryToolIsGuardedByTheReadGuardBean() {
        ShopFixture.shop().run(context -> {
            ReadGuard guard = context.getBean(ReadGuard.class);
            QueryTool query = (QueryTool) context.getBean(ToolRegistry.class).find(QueryTool.NAME).orElseThrow();

            assertThat(query.guard()).isSameAs(guard);
            assertThat(guard.budget()).isEqualTo(ReadBudget.DEFAULTS);
        });
    }

    @Test
    void thePropertiesSetTheBudgetAndThePrice() {
        ShopFixture.shop().withPropertyValues("promo-agent.reads.budget-read-units=100", "promo-agent.reads.budget-rows=2000",
                "promo-agent.reads.large-table-items=5", "promo-agent.reads.price-per-million-read-units=0.1425").run(context -> {
            ReadGuard guard = context.getBean(ReadGuard.class);

            assertThat(guard.budget()).isEqualTo(new ReadBudget(100, 2000, 5));
            assertThat(guard.pricing().perMillionReadUnits()).isEqualByComparingTo(new BigDecimal("0.1425"));
        });
    }
}
