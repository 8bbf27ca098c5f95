package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.ToolException;
import io.promoagent.core.reply.ChartBlock;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.Tool;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.core.audit.InMemoryAuditSink;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The opt-in insight tools over the 60-customer demo export. */
class InsightToolsTest {
    final Demo demo = new Demo(new InMemoryAuditSink());
    final List<Tool> tools = PromotionTools.insightTools(Demo.MODEL, demo.engine);

    ToolResult run(String name, String json) {
        ReadTool tool = (ReadTool) tools.stream().filter(t -> t.descriptor().name().equals(name)).findFirst().orElseThrow();
        return tool.execute(Demo.call(name, json), Demo.as(Demo.MIA));
    }

    @Test
    void seasonalityGivesTwelveMonthsAndAnIndexPerSegment() {
        ToolResult result = run("seasonality", "{\"by\":\"segment\"}");
        TableBlock table = (TableBlock) result.blocks().get(1);

        assertThat(table.rows()).hasSize(12);
        assertThat(table.columns()).contains("month", "index", "index_VIP", "index_Regular");
        assertThat(table.rows().get(0).get("month")).isEqualTo("January");
        // the chart shows the same months on x, one line per index
        ChartBlock chart = (ChartBlock) result.blocks().get(0);
        assertThat(chart.x()).isEqualTo("month");
        assertThat(chart.series()).containsExactlyElementsOf(table.columns().subList(1, table.columns().size()));
        assertThat(chart.rows()).isEqualTo(table.rows());
    }

    @Test
    void seasonalityRefusesAnUnknownSplit() {
        assertThatThrownBy(() -> run("seasonality", "{\"by\":\"country\"}")).isInstanceOf(ToolException.class)
                .hasMessageContaining("segment");
    }

    @Test
    void theLifecycleCountsAddUpToEveryCustomerAndAStageListsItsCustomers() {
        TableBlock counts = (TableBlock) run("customer_lifecycle", "{}").blocks().get(0);
        long total = counts.rows().stream().mapToLong(r -> ((BigDecimal) r.get("customers")).longValue()).sum();
        assertThat(total).isEqualTo(Demo.DATA.rows("customers").size());

        Map<String, Object> active = counts.rows().stream().filter(r -> r.get("stage").equals("active")).findFirst()
                .orElseThrow();
        TableBlock listed = (TableBlock) run("customer_lifecycle", "{\"stage\":\"active\"}").blocks().get(0);
        assertThat((long) listed.rows().size()).isEqualTo(((BigDecimal) active.get("customers")).longValue());
    }

    @Test
    void anUnknownStageIsRefusedWithTheClosest() {
        assertThatThrownBy(() -> run("customer_lifecycle", "{\"stage\":\"churn\"}")).isInstanceOf(ToolException.class)
                .hasMessageContaining("not a lifecycle stage");
    }
}
