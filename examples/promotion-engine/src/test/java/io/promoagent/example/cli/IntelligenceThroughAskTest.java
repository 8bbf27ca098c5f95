package io.promoagent.example.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.promoagent.core.reply.ReplyJson;
import io.promoagent.example.app.DemoUsers;
import io.promoagent.example.app.EngineOptions;
import io.promoagent.example.app.PromotionEngine;
import io.promoagent.example.demo.Cohort;
import io.promoagent.example.demo.DemoDataGenerator;
import io.promoagent.example.demo.DemoTruth;
import io.promoagent.example.demo.LifecycleStage;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The requests issue 18 must answer through {@code promo-agent ask --json}, with the offline planner and no
 * model, over the demo data (the CLI's default: seed 42, 2,000 customers), checked against what the
 * generator planted: who buys in Q4 only, who is cooling off, each promotion's true uplift.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IntelligenceThroughAskTest {

    static final LocalDate NOW = LocalDate.of(2026, 12, 6);

    private PromotionEngine engine;
    private DemoTruth truth;

    @BeforeAll
    void start() {
        engine = PromotionEngine.start(EngineOptions.demo(DemoDataGenerator.DEFAULT_SEED, DemoDataGenerator.DEFAULT_CUSTOMERS, NOW));
        truth = DemoDataGenerator.generate(DemoDataGenerator.DEFAULT_SEED, DemoDataGenerator.DEFAULT_CUSTOMERS, NOW).truth();
    }

    @AfterAll
    void stop() {
        engine.close();
    }

    private JsonNode ask(String session, String request) throws Exception {
        JsonNode reply = new ObjectMapper().readTree(ReplyJson.write(engine.ask(DemoUsers.MARKETER, session, request, p -> { })));
        assertThat(reply.path("usage").path("modelCalls").asInt()).as(request).isZero();
        return reply;
    }

    private static JsonNode block(JsonNode reply, String type) {
        for (JsonNode b : reply.path("blocks")) {
            if (b.path("type").asText().equals(type)) {
                return b;
            }
        }
        throw new AssertionError("no " + type + " block in " + reply);
    }

    private Set<String> customerIds(String request) throws Exception {
        JsonNode table = block(ask("intel", request), "table");
        assertThat(table.path("entity").asText()).isEqualTo("customers");
        assertThat(table.path("rows").size()).as("every row is in the reply").isEqualTo(table.path("total").asInt());
        Set<String> ids = new HashSet<>();
        table.path("rows").forEach(r -> ids.add(r.path("id").asText()));
        return ids;
    }

    @Test
    void seasonalCustomersAndCustomersWhoOnlyOrderInQ4AreThePlantedQ4Cohort() throws Exception {
        Set<String> planted = truth.customers().stream().filter(c -> c.cohort() == Cohort.Q4_ONLY)
                .map(DemoTruth.CustomerTruth::id).collect(Collectors.toSet());
        for (String request : new String[] {"seasonal customers", "customers who only order in Q4"}) {
            Set<String> found = customerIds(request);
            long hits = found.stream().filter(planted::contains).count();
            System.out.printf("'%s': %d found, %d planted, precision %.3f, recall %.3f%n", request, found.size(),
                    planted.size(), (double) hits / found.size(), (double) hits / planted.size());
            assertThat((double) hits / found.size()).as("precision of '%s'", request).isGreaterThanOrEqualTo(0.9);
            assertThat((double) hits / planted.size()).as("recall of '%s'", request).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void atRiskVipsAreThePlantedCoolingVips() throws Exception {
        // at_risk_customer: recency against each customer's own usual gap between orders (parameters a user can change)
        Set<String> found = customerIds("at-risk VIPs");
        Map<String, LifecycleStage> stages = truth.customers().stream()
                .collect(Collectors.toMap(DemoTruth.CustomerTruth::id, DemoTruth.CustomerTruth::stage));
        Set<String> vips = customerIds("VIP customers");
        Set<String> planted = vips.stream().filter(id -> stages.get(id) == LifecycleStage.COOLING)
                .collect(Collectors.toSet());
        assertThat(vips).containsAll(found);
        long hits = found.stream().filter(planted::contains).count();
        System.out.printf("'at-risk VIPs': %d found, %d planted cooling, precision %.3f, recall %.3f%n", found.size(),
                planted.size(), (double) hits / found.size(), (double) hits / planted.size());
        assertThat((double) hits / found.size()).as("precision").isGreaterThanOrEqualTo(0.8);
        assertThat((double) hits / planted.size()).as("recall").isGreaterThanOrEqualTo(0.7);
    }

    @Test
    void customersWhoBecameAtRiskAreAtRiskAndComparedWithWhenThePlantedStageBegan() throws Exception {
        Set<String> atRisk = customerIds("at-risk customers");
        for (String request : new String[] {"customers who became at-risk this month",
                "customers who became at risk in the last 30 days"}) {
            Set<String> became = customerIds(request);
            int days = request.contains("30") ? 30 : NOW.getDayOfMonth();
            Set<String> planted = truth.customers().stream().filter(c -> c.stage() == LifecycleStage.COOLING
                    && c.stageSince().isAfter(NOW.minusDays(days))).map(DemoTruth.CustomerTruth::id)
                    .collect(Collectors.toSet());
            long hits = became.stream().filter(planted::contains).count();
            System.out.printf("'%s': %d found, %d planted as turning cooling in those %d days, %d of them%n", request,
                    became.size(), planted.size(), days, hits);
            assertThat(atRisk).as(request).containsAll(became);
            if (days == 30) {
                assertThat(became).as(request).isNotEmpty().hasSizeLessThan(atRisk.size());
                assertThat(hits).as(request).isPositive();
            }
        }
    }

    @Test
    void whenVipsBuyMostAndTheBestMonthForPremiumCustomersAreAChartOfMonthsAndNameTheMonth() throws Exception {
        for (String request : new String[] {"when do VIPs buy most", "best month to run a promotion for premium customers"}) {
            JsonNode reply = ask("intel", request);
            JsonNode chart = block(reply, "chart");
            assertThat(chart.path("x").asText()).as(request).isEqualTo("month");
            assertThat(chart.path("rows")).as(request).hasSize(12);
            String segment = request.contains("VIP") ? "VIP" : "Premium";
            String series = "index_" + segment;
            assertThat(chart.path("series").toString()).as(request).contains(series);
            String peak = null;
            double best = -1;
            for (JsonNode r : chart.path("rows")) {
                if (r.path(series).asDouble() > best) {
                    best = r.path(series).asDouble();
                    peak = r.path("month").asText();
                }
            }
            System.out.printf("'%s': peak %s (%.2f); %s%n", request, peak, best, reply.path("text").asText());
            assertThat(reply.path("text").asText()).as(request).contains(segment + ": " + peak);
        }
    }

    @Test
    void whichPromotionPerformedBestRanksByMeasuredUpliftAndSaysSo() throws Exception {
        JsonNode reply = ask("intel", "which promotion performed best");
        JsonNode table = block(reply, "table");
        assertThat(table.path("entity").asText()).isEqualTo("promotions");
        assertThat(table.path("rows").size()).isGreaterThanOrEqualTo(truth.promotions().size());
        String best = table.path("rows").get(0).path("code").asText();
        assertThat(reply.path("text").asText()).contains("best first").contains("ranked by measured uplift")
                .contains("best " + best);
        double previous = Double.MAX_VALUE;
        for (JsonNode r : table.path("rows")) {
            if (r.has("uplift")) {
                assertThat(r.path("uplift").asDouble()).isLessThanOrEqualTo(previous);
                previous = r.path("uplift").asDouble();
            }
        }
        // the planted truth agrees: the best measured is the one whose true uplift is highest
        DemoTruth.PromotionTruth top = truth.promotions().stream().filter(p -> p.controlShare().isPresent())
                .max(java.util.Comparator.comparingDouble(DemoTruth.PromotionTruth::trueUplift)).orElseThrow();
        assertThat(best).isEqualTo(top.code());
    }

    @Test
    void howDidSummer25PerformReportsItsMeasuredUpliftCoveringThePlantedOne() throws Exception {
        JsonNode table = block(ask("intel", "how did SUMMER25 perform"), "table");
        assertThat(table.path("rows")).hasSize(1);
        JsonNode row = table.path("rows").get(0);
        assertThat(row.path("code").asText()).isEqualTo("SUMMER25");
        double planted = truth.promotions().stream().filter(p -> p.code().equals("SUMMER25")).findFirst().orElseThrow()
                .trueUplift();
        assertThat(planted).isBetween(row.path("uplift_low").asDouble(), row.path("uplift_high").asDouble());
    }

    @Test
    void aPredictionIsADryRunAndAWhatIfComparesBothSideBySide() throws Exception {
        JsonNode first = ask("what-if", "predict how a 20% VIP discount would perform");
        JsonNode proposal = block(first, "preview");
        assertThat(proposal.path("proposes").asText()).isEqualTo("create_promotion");
        assertThat(proposal.path("arguments").path("discount_value").asDouble()).isEqualTo(20.0);
        assertThat(proposal.path("arguments").path("audience_rule").asText()).isEqualTo("vip");
        assertRange(proposal.path("preview").path("prediction").path("redemptions"));
        assertThat(first.path("text").asText()).contains("nothing was proposed or created");

        JsonNode second = ask("what-if", "what if 15% instead");
        JsonNode comparison = block(second, "table");
        assertThat(comparison.path("entity").asText()).isEqualTo("alternatives");
        assertThat(comparison.path("rows")).hasSize(2);
        assertThat(comparison.path("rows").get(0).path("discount_value").asText()).isEqualTo("20");
        assertThat(comparison.path("rows").get(1).path("discount_value").asText()).isEqualTo("15");
        for (String figure : new String[] {"prediction.redemptions", "prediction.discount_cost",
                "prediction.incremental_orders"}) {
            assertThat(comparison.path("rows").get(0).path(figure).asText()).as(figure).matches("[-0-9.]+ \\([-0-9.]+ to [-0-9.]+\\)");
            assertThat(comparison.path("rows").get(1).path(figure).asText()).as(figure).matches("[-0-9.]+ \\([-0-9.]+ to [-0-9.]+\\)");
        }
        JsonNode revised = block(second, "preview");
        assertThat(revised.path("arguments").path("discount_value").asDouble()).isEqualTo(15.0);
        assertThat(revised.path("arguments").path("audience_rule").asText()).isEqualTo("vip");
        assertThat(revised.path("arguments").path("discount_type").asText()).isEqualTo("percent");
        assertThat(second.path("text").asText()).contains("discount value 15 instead of 20").contains("nothing is proposed");
        // a deeper discount costs more per redemption: the comparison shows what the change trades
        assertThat(revised.path("preview").path("prediction").path("discount_cost").path("base").asDouble())
                .isLessThan(proposal.path("preview").path("prediction").path("discount_cost").path("base").asDouble());
    }

    @Test
    void aWhatIfWithNothingBeforeItProposesNothing() throws Exception {
        JsonNode reply = ask("fresh-" + System.nanoTime(), "what if 15% instead");
        assertThat(reply.path("blocks")).hasSize(1);
        assertThat(reply.path("blocks").get(0).path("type").asText()).isEqualTo("clarification");
        assertThat(reply.path("text").asText()).contains("there is none");
    }

    private static void assertRange(JsonNode range) {
        assertThat(range.path("low").asDouble()).isLessThanOrEqualTo(range.path("base").asDouble());
        assertThat(range.path("base").asDouble()).isLessThanOrEqualTo(range.path("high").asDouble());
    }
}
