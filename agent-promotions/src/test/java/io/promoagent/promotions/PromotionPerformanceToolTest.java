package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.reply.TableBlock;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ReadTool;
import io.promoagent.core.tool.ToolResult;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PromotionPerformanceToolTest {

    final Demo demo = new Demo(new InMemoryAuditSink());
    final ReadTool performance = (ReadTool) demo.tool(PromotionTools.PERFORMANCE);

    ToolResult run(String json) {
        return performance.execute(Demo.call(PromotionTools.PERFORMANCE, json), Demo.as(Demo.MIA));
    }

    static TableBlock table(ToolResult result) {
        return (TableBlock) result.blocks().get(0);
    }

    @Nested
    class OfSummer25 {

        final ToolResult result = run("{\"code\":\"SUMMER25\"}");
        final Map<String, Object> row = table(result).rows().get(0);

        // by hand: the orders carrying the code, 25 % of each completed one rounded to cents
        final List<Row> orders = Demo.rows("orders", o -> "SUMMER25".equals(o.valueOrNull("promotion_code")));
        final List<Row> completed = orders.stream().filter(o -> "completed".equals(o.valueOrNull("status"))).toList();
        final BigDecimal revenue = completed.stream().map(o -> (BigDecimal) o.valueOrNull("total"))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        final BigDecimal cost = completed.stream()
                .map(o -> ((BigDecimal) o.valueOrNull("total")).multiply(new BigDecimal("0.25")).setScale(2, RoundingMode.HALF_UP))
                .reduce(BigDecimal.ZERO, BigDecimal::add);

        @Test
        void matchesAHandComputationOverTheOrders() {
            assertThat(orders).isNotEmpty();
            assertThat(table(result).rows()).hasSize(1);
            assertThat((BigDecimal) row.get("redemptions")).isEqualByComparingTo(BigDecimal.valueOf(orders.size()));
            assertThat((BigDecimal) row.get("completed_orders")).isEqualByComparingTo(BigDecimal.valueOf(completed.size()));
            assertThat((BigDecimal) row.get("revenue")).isEqualByComparingTo(revenue);
            assertThat((BigDecimal) row.get("discount_cost")).isEqualByComparingTo(cost);
            Set<Object> customers = orders.stream().map(o -> o.valueOrNull("customer_id")).collect(Collectors.toSet());
            assertThat((BigDecimal) row.get("customers")).isEqualByComparingTo(BigDecimal.valueOf(customers.size()));
            if (!completed.isEmpty()) {
                assertThat((BigDecimal) row.get("average_order_value"))
                        .isEqualByComparingTo(revenue.divide(BigDecimal.valueOf(completed.size()), 2, RoundingMode.HALF_UP));
            }
        }

        @Test
        void agreesWithWhatThePromotionRecorded() {
            Row summer = Demo.promotion("SUMMER25");

            assertThat((BigDecimal) row.get("redemptions")).isEqualByComparingTo((BigDecimal) summer.valueOrNull("redemptions"));
            assertThat((BigDecimal) row.get("discount_cost")).isEqualByComparingTo((BigDecimal) summer.valueOrNull("budget_used"));
            assertThat((BigDecimal) row.get("budget_used_share")).isEqualByComparingTo(((BigDecimal) summer.valueOrNull("budget_used"))
                    .divide((BigDecimal) summer.valueOrNull("budget"), 4, RoundingMode.HALF_UP));
        }

        @Test
        void tellsTheModelTheFiguresAndThePersonTheTable() {
            assertThat(result.status()).isEqualTo(ToolResult.Status.OK);
            assertThat(result.summary()).isEqualTo("Performance of SUMMER25: " + orders.size() + " redemptions, revenue "
                    + revenue.toPlainString() + ", discount cost " + cost.toPlainString());
            assertThat(result.forModel().get("rows").get(0).get("code").asText()).isEqualTo("SUMMER25");
            assertThat(table(result).columns()).startsWith("code", "name", "status");
        }
    }

    @Test
    void comparesSeveralCodesInTheOrderAsked() {
        ToolResult result = run("{\"codes\":[\"vip25\",\"SUMMER25\",\"FREESHIP50\"]}");

        assertThat(table(result).rows()).extracting(r -> r.get("code")).containsExactly("VIP25", "SUMMER25", "FREESHIP50");
        Map<String, Object> freeShip = table(result).rows().get(2);
        long completed = Demo.rows("orders", o -> "FREESHIP50".equals(o.valueOrNull("promotion_code"))
                && "completed".equals(o.valueOrNull("status"))).size();
        assertThat((BigDecimal) freeShip.get("discount_cost"))
                .isEqualByComparingTo(new BigDecimal("4.95").multiply(BigDecimal.valueOf(completed)));
    }

    @Test
    void withoutCodesReportsEveryPromotion() {
        assertThat(table(run("{}")).rows()).hasSize(Demo.DATA.rows("promotions").size());
    }

    @Test
    void everyPromotionIsRankedBestFirstByAStatedMeasure() {
        ToolResult result = run("{}");
        List<Map<String, Object>> rows = table(result).rows();
        List<Map<String, Object>> measured = rows.stream().filter(r -> r.containsKey("uplift")).toList();
        assertThat(rows.subList(0, measured.size())).isEqualTo(measured);
        assertThat(measured).extracting(r -> (BigDecimal) r.get("uplift"))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(rows.subList(measured.size(), rows.size())).extracting(r -> (BigDecimal) r.get("revenue"))
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(result.summary()).contains("best first").contains("best " + rows.get(0).get("code"))
                .contains(measured.isEmpty() ? "ranked by completed revenue" : "ranked by measured uplift");
        assertThat(result.forModel().get("ranked_by").asText()).isNotBlank();
    }

    @Test
    void everyPromotionsCountsAgreeWithTheRecordedRedemptionsAndBudgetUsed() {
        for (Map<String, Object> r : table(run("{}")).rows()) {
            Row recorded = Demo.promotion((String) r.get("code"));
            assertThat((BigDecimal) r.get("redemptions")).as("%s", r.get("code"))
                    .isEqualByComparingTo((BigDecimal) recorded.valueOrNull("redemptions"));
            assertThat((BigDecimal) r.get("discount_cost")).as("%s", r.get("code"))
                    .isEqualByComparingTo((BigDecimal) recorded.valueOrNull("budget_used"));
        }
    }

    @Test
    void anUnknownCodeIsRefusedWithTheClosestCodes() {
        assertThatThrownBy(() -> run("{\"code\":\"SUMER25\"}"))
                .isInstanceOfSatisfying(InvalidArgumentsException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(x -> {
                            assertThat(x.code()).isEqualTo("unknown_promotion");
                            assertThat(x.suggestions()).contains("SUMMER25");
                        }));
    }
}
