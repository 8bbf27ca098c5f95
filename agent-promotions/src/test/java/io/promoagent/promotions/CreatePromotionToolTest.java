package io.promoagent.promotions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.core.approval.ApprovalException;
import io.promoagent.core.approval.ApprovalGrant;
import io.promoagent.core.approval.ApprovalStatus;
import io.promoagent.core.approval.ApprovalTicket;
import io.promoagent.core.audit.AuditAction;
import io.promoagent.core.audit.AuditEvent;
import io.promoagent.core.audit.InMemoryAuditSink;
import io.promoagent.core.change.AffectedRecord;
import io.promoagent.core.change.ApplyResult;
import io.promoagent.core.change.ChangeSet;
import io.promoagent.core.tool.InvalidArgumentsException;
import io.promoagent.core.tool.ToolError;
import io.promoagent.core.tool.WriteTool;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CreatePromotionToolTest {

    static final String VIP_25 = "{\"discount_type\":\"percent\",\"discount_value\":25,\"audience_rule\":\"vip\"}";

    final InMemoryAuditSink audit = new InMemoryAuditSink();
    final Demo demo = new Demo(audit);
    final WriteTool create = (WriteTool) demo.tool(PromotionTools.CREATE);

    ChangeSet propose(String json) {
        return create.propose(Demo.call(PromotionTools.CREATE, json), Demo.as(Demo.MIA));
    }

    static List<ToolError> errors(Runnable r) {
        try {
            r.run();
        } catch (InvalidArgumentsException e) {
            return e.errors();
        }
        throw new AssertionError("the arguments were accepted");
    }

    static long vips() {
        return Demo.rows("customers", c -> "VIP".equals(c.valueOrNull("segment"))).size();
    }

    @Nested
    class TheProposalFor25PercentOffForVips {

        final ChangeSet cs = propose(VIP_25);
        final JsonNode impact = cs.preview().get("impact");

        @Test
        void createsExactlyOnePromotionRecordWithTheNextId() {
            assertThat(cs.affected()).singleElement().satisfies(r -> {
                assertThat(r.entity()).isEqualTo("promotions");
                assertThat(r.operation()).isEqualTo(AffectedRecord.Operation.CREATE);
                assertThat(r.key()).isEqualTo(Map.of("id", "P0013"));
                Row after = r.after().orElseThrow();
                assertThat(after.valueOrNull("discount_type")).isEqualTo("percent");
                assertThat((BigDecimal) after.valueOrNull("discount_value")).isEqualByComparingTo("25");
                assertThat(after.valueOrNull("audience_rule")).isEqualTo("vip");
                assertThat(after.valueOrNull("starts_at")).isEqualTo("2026-06-30");
                assertThat(after.valueOrNull("ends_at")).isEqualTo("2026-07-30");
                assertThat(after.valueOrNull("status")).isEqualTo("active");
                assertThat(after.valueOrNull("created_by")).isEqualTo("mia");
                assertThat(after.valueOrNull("name")).isEqualTo("25% off for VIP customers");
                assertThat((BigDecimal) after.valueOrNull("redemptions")).isZero();
                assertThat(Promotion.fromRow(after).code()).startsWith("VIP25-");
            });
            assertThat(cs.summary()).contains("Create promotion VIP25-", "P0013", "25% off for VIP customers");
        }

        @Test
        void writesNothing() {
            assertThat(demo.store.writeCount()).isZero();
            assertThat(demo.promotions()).hasSize(12);
        }

        @Test
        void estimatesTheAudienceFromTheData() {
            long reachable = Demo.rows("customers", c -> "VIP".equals(c.valueOrNull("segment"))
                    && Boolean.TRUE.equals(c.valueOrNull("marketing_opt_in")) && "ok".equals(c.valueOrNull("email_status"))).size();

            assertThat(vips()).isPositive();
            assertThat(impact.at("/audience/size").asLong()).isEqualTo(vips());
            assertThat(impact.at("/audience/reachable").asLong()).isEqualTo(reachable).isLessThanOrEqualTo(vips());
        }

        @Test
        void estimatesRedemptionsLowBaseHighFromPastPercentPromotionsAndShowsTheInputs() {
            JsonNode r = impact.get("redemptions");

            assertThat(r.get("low").asLong()).isLessThanOrEqualTo(r.get("base").asLong());
            assertThat(r.get("base").asLong()).isLessThanOrEqualTo(r.get("high").asLong());
            assertThat(r.get("high").asLong()).isLessThanOrEqualTo(r.get("cap").asLong());
            assertThat(r.get("window_days").asLong()).isEqualTo(31);
            assertThat(r.get("basis").asText()).startsWith("past percent promotions");
            assertThat(r.get("method").asText()).contains("redemptions", "audience at the time", "× 30");
            List<JsonNode> comparables = StreamSupport.stream(r.get("comparables").spliterator(), false).toList();
            assertThat(comparables).isNotEmpty().allSatisfy(c -> {
                assertThat(c.get("discount_type").asText()).isEqualTo("percent");
                assertThat(c.get("audience_at_the_time").asLong()).isPositive();
                assertThat(c.get("days_run").asLong()).isPositive();
            });
            assertThat(comparables).extracting(c -> c.get("code").asText()).contains("SUMMER25").doesNotContain("APP10", "LOYALTY50");
        }

        @Test
        void eachRateIsRedemptionsOverAudienceOverDaysTimesThirty() {
            for (JsonNode c : cs.preview().at("/impact/redemptions/comparables")) {
                BigDecimal expected = BigDecimal.valueOf(c.get("redemptions").asLong()).multiply(BigDecimal.valueOf(30))
                        .divide(BigDecimal.valueOf(c.get("audience_at_the_time").asLong() * c.get("days_run").asLong()), 6,
                                java.math.RoundingMode.HALF_UP);
                assertThat(c.get("rate_per_30_days").decimalValue()).as(c.get("code").asText()).isEqualByComparingTo(expected);
            }
            JsonNode summer = StreamSupport.stream(cs.preview().at("/impact/redemptions/comparables").spliterator(), false)
                    .filter(c -> c.get("code").asText().equals("SUMMER25")).findFirst().orElseThrow();
            long summerOrders = Demo.rows("orders", o -> "SUMMER25".equals(o.valueOrNull("promotion_code"))).size();
            assertThat(summer.get("redemptions").asLong()).isEqualTo(summerOrders);
            assertThat(summer.get("days_run").asLong()).isEqualTo(31); // 2026-05-31 to today, 2026-06-30
        }

        @Test
        void costsRedemptionsTimesAQuarterOfTheVipsAverageOrderAgainstTheBudget() {
            JsonNode cost = impact.get("cost");
            List<String> vipIds = Demo.rows("customers", c -> "VIP".equals(c.valueOrNull("segment"))).stream()
                    .map(c -> (String) c.valueOrNull("id")).toList();
            List<BigDecimal> totals = Demo.rows("orders", o -> vipIds.contains(o.valueOrNull("customer_id"))
                    && "completed".equals(o.valueOrNull("status"))).stream().map(o -> (BigDecimal) o.valueOrNull("total")).toList();
            BigDecimal aov = totals.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                    .divide(BigDecimal.valueOf(totals.size()), 2, java.math.RoundingMode.HALF_UP);
            BigDecimal per = aov.multiply(new BigDecimal("0.25")).setScale(2, java.math.RoundingMode.HALF_UP);

            assertThat(cost.get("average_order_value").decimalValue()).isEqualByComparingTo(aov);
            assertThat(cost.get("discount_per_redemption").decimalValue()).isEqualByComparingTo(per);
            assertThat(cost.get("base").decimalValue())
                    .isEqualByComparingTo(per.multiply(BigDecimal.valueOf(impact.at("/redemptions/base").asLong())));
            BigDecimal budget = cost.get("budget").decimalValue();
            assertThat(budget).isGreaterThanOrEqualTo(cost.get("high").decimalValue());
            assertThat(budget.remainder(new BigDecimal("100"))).isZero();
            assertThat(cost.get("high_within_budget").asBoolean()).isTrue();
            assertThat((BigDecimal) cs.affected().get(0).after().orElseThrow().valueOrNull("budget")).isEqualByComparingTo(budget);
        }

        @Test
        void listsTheLivePromotionsItWouldStackWithAndTheExclusiveOverlaps() {
            Map<String, JsonNode> conflicts = new java.util.LinkedHashMap<>();
            impact.get("conflicts").forEach(c -> conflicts.put(c.get("code").asText(), c));

            JsonNode summer = conflicts.get("SUMMER25");
            assertThat(summer).as("SUMMER25 overlaps").isNotNull();
            assertThat(summer.get("kind").asText()).isEqualTo("stacks");
            assertThat(summer.get("shared_audience").asLong()).isEqualTo(vips());
            assertThat(summer.get("note").asText()).contains("25% off");
            JsonNode vip25 = conflicts.get("VIP25");
            assertThat(vip25).as("VIP25 overlaps").isNotNull();
            assertThat(vip25.get("kind").asText()).isEqualTo("exclusive");
            assertThat(vip25.get("note").asText()).contains("same discount to the same audience");
            // scheduled after its window, a draft, paused and expired ones do not collide
            assertThat(conflicts).doesNotContainKeys("BACK2SCHOOL15", "HOLIDAY20", "LOYALTY50", "FREESHIP50", "BLACKFRIDAY30");
            assertThat(cs.preview().get("warnings").toString()).contains("SUMMER25", "VIP25");
        }

        @Test
        void saysWhichValuesItFilledIn() {
            assertThat(cs.preview().get("defaults").toString())
                    .contains("code generated", "starts_at 2026-06-30", "ends_at 2026-07-30", "status active", "budget");
        }

        @Test
        void proposingTheSameCallAgainGivesTheSameRecord() {
            ChangeSet again = propose(VIP_25);

            assertThat(again.affected()).isEqualTo(cs.affected());
            assertThat(again.preview()).isEqualTo(cs.preview());
        }
    }

    @Nested
    class ThroughApproval {

        final ChangeSet cs = propose(VIP_25);
        final ApprovalTicket ticket = demo.approvals.submit(cs, Demo.as(Demo.MIA));
        final String code = (String) cs.affected().get(0).after().orElseThrow().valueOrNull("code");

        @Test
        void aMarketerCannotApproveIt() {
            assertThatThrownBy(() -> demo.approvals.approve(ticket.approvalId(), Demo.MAX, "looks good"))
                    .isInstanceOfSatisfying(ApprovalException.class,
                            e -> assertThat(e.code()).isEqualTo(ApprovalException.NOT_AN_APPROVER));
            assertThat(demo.promotionsWithCode(code)).isEmpty();
        }

        @Test
        void anApproverAppliesItAndThePromotionExists() {
            ApprovalGrant grant = demo.approvals.approve(ticket.approvalId(), Demo.ADA, "fine");
            ApplyResult result = demo.approvals.apply(grant, Demo.as(Demo.ADA));

            assertThat(result.appliedCount()).isEqualTo(1);
            assertThat(result.applied().get(0).version()).isPresent();
            List<Row> found = demo.promotionsWithCode(code);
            assertThat(found).singleElement().satisfies(r -> {
                assertThat(r.valueOrNull("id")).isEqualTo("P0013");
                assertThat(r.valueOrNull("audience_rule")).isEqualTo("vip");
            });
            assertThat(demo.approvals.find(ticket.approvalId())).get().extracting(ApprovalTicket::status)
                    .isEqualTo(ApprovalStatus.APPLIED);
            assertThat(audit.events()).extracting(AuditEvent::action, AuditEvent::outcome)
                    .containsSubsequence(
                            org.assertj.core.groups.Tuple.tuple(AuditAction.DECISION, "approved"),
                            org.assertj.core.groups.Tuple.tuple(AuditAction.APPLY, "applying"),
                            org.assertj.core.groups.Tuple.tuple(AuditAction.APPLY, "applied"));
        }

        @Test
        void rollingItBackRemovesIt() {
            demo.approvals.apply(demo.approvals.approve(ticket.approvalId(), Demo.ADA, "fine"), Demo.as(Demo.ADA));

            ApprovalTicket rollback = demo.approvals.proposeRollback(cs.id(), Demo.ADA);
            assertThat(demo.promotionsWithCode(code)).hasSize(1);
            ApprovalGrant grant = demo.approvals.approve(rollback.approvalId(), Demo.OTTO, "undo");
            ApplyResult undone = demo.approvals.apply(grant, Demo.as(Demo.OTTO));

            assertThat(undone.applied()).singleElement()
                    .satisfies(r -> assertThat(r.operation()).isEqualTo(AffectedRecord.Operation.DELETE));
            assertThat(demo.promotionsWithCode(code)).isEmpty();
            assertThat(demo.promotions()).hasSize(12);
            assertThat(audit.events()).extracting(AuditEvent::action).contains(AuditAction.ROLLBACK);
        }

        @Test
        void aCodeTakenBetweenProposalAndApplyStopsTheApplyAndWritesNothing() {
            Row rival = Promotion.fromRow(Demo.promotion("SUMMER25")).toBuilder().id("P0999").code(code).build().toRow();
            demo.store.write(List.of(AffectedRecord.create("promotions", Map.of("id", "P0999"), rival)), "rival");
            ApprovalGrant grant = demo.approvals.approve(ticket.approvalId(), Demo.ADA, "fine");

            assertThatThrownBy(() -> demo.approvals.apply(grant, Demo.as(Demo.ADA)))
                    .isInstanceOfSatisfying(ApprovalException.class, e -> assertThat(e.code()).isEqualTo(ApprovalException.STALE));
            assertThat(demo.promotionsWithCode(code)).extracting(r -> r.valueOrNull("id")).containsExactly("P0999");
        }

        @Test
        void theConditionalCreateRefusesACodeOrKeyThatExistsWhateverTheCaller() {
            AffectedRecord record = cs.affected().get(0);
            demo.store.write(List.of(record), "first");
            Row sameCode = Promotion.fromRow(record.after().orElseThrow()).toBuilder().id("P0998").build().toRow();

            assertThatThrownBy(() -> demo.store.write(List.of(record), "second"))
                    .isInstanceOf(io.promoagent.core.change.WriteConflictException.class).hasMessageContaining("P0013");
            assertThatThrownBy(() -> demo.store.write(List.of(AffectedRecord.create("promotions", Map.of("id", "P0998"), sameCode)), "third"))
                    .isInstanceOf(io.promoagent.core.change.WriteConflictException.class).hasMessageContaining("code");
        }
    }

    @Nested
    class BadInput {

        @Test
        void aHundredAndFiftyPercentDiscountIsRefused() {
            assertThat(errors(() -> propose("{\"discount_type\":\"percent\",\"discount_value\":150}")))
                    .singleElement().satisfies(e -> {
                        assertThat(e.path()).isEqualTo("$.discount_value");
                        assertThat(e.message()).contains("percent discounts lie between 1 and 100");
                    });
        }

        @Test
        void anEndDateBeforeTheStartDateIsRefused() {
            assertThat(errors(() -> propose("{\"discount_type\":\"percent\",\"discount_value\":10,"
                    + "\"starts_at\":\"2026-08-10\",\"ends_at\":\"2026-08-01\"}")))
                    .singleElement().satisfies(e -> {
                        assertThat(e.path()).isEqualTo("$.ends_at");
                        assertThat(e.message()).isEqualTo("the end date 2026-08-01 is before the start date 2026-08-10");
                    });
        }

        @Test
        void aCodeThatExistsIsRefusedWhateverItsCase() {
            assertThat(errors(() -> propose("{\"discount_type\":\"percent\",\"discount_value\":10,\"code\":\"summer25\"}")))
                    .singleElement().satisfies(e -> {
                        assertThat(e.code()).isEqualTo("code_taken");
                        assertThat(e.message()).contains("SUMMER25 already exists", "P0009");
                    });
        }

        @Test
        void anUnknownAudienceRuleIsRefusedWithSuggestions() {
            assertThat(errors(() -> propose("{\"discount_type\":\"percent\",\"discount_value\":10,\"audience_rule\":\"vips\"}")))
                    .singleElement().satisfies(e -> {
                        assertThat(e.code()).isEqualTo("unknown_rule");
                        assertThat(e.suggestions()).contains("vip");
                    });
        }

        @Test
        void reportsEveryProblemAtOnce() {
            assertThat(errors(() -> propose("{\"discount_type\":\"fixed\",\"ends_at\":\"2026-01-01\",\"code\":\"x\","
                    + "\"status\":\"paused\",\"exclusive\":\"yes\"}")))
                    .extracting(ToolError::path)
                    .contains("$.discount_value", "$.ends_at", "$.code", "$.status", "$.exclusive");
        }

        @Test
        void aFreeShippingPromotionHasNoDiscountValue() {
            assertThat(errors(() -> propose("{\"discount_type\":\"free_shipping\",\"discount_value\":5}")))
                    .extracting(ToolError::path).containsExactly("$.discount_value");
        }

        @Test
        void anActivePromotionCannotStartInTheFuture() {
            assertThat(errors(() -> propose("{\"discount_type\":\"percent\",\"discount_value\":10,"
                    + "\"starts_at\":\"2026-08-01\",\"status\":\"active\"}")))
                    .singleElement().satisfies(e -> assertThat(e.message()).contains("scheduled"));
        }
    }

    @Nested
    class OtherOffers {

        @Test
        void aTenOffPromotionForPremiumCustomersWithItsOwnCodeUntilTheEndOfNextMonth() {
            ChangeSet cs = propose("{\"discount_type\":\"fixed\",\"discount_value\":10,\"audience_rule\":\"premium\","
                    + "\"code\":\"save10\",\"ends_at\":\"2026-07-31\"}");
            Row after = cs.affected().get(0).after().orElseThrow();

            assertThat(after.valueOrNull("code")).isEqualTo("SAVE10");
            assertThat(after.valueOrNull("ends_at")).isEqualTo("2026-07-31");
            assertThat(after.valueOrNull("name")).isEqualTo("10.00 off for premium customers");
            JsonNode cost = cs.preview().at("/impact/cost");
            assertThat(cost.get("discount_per_redemption").decimalValue())
                    .isEqualByComparingTo(new BigDecimal("10").min(cost.get("average_order_value").decimalValue()));
        }

        @Test
        void aFreeShippingPromotionCostsTheShippingFeePerRedemption() {
            ChangeSet cs = propose("{\"discount_type\":\"free_shipping\",\"min_order_total\":50}");
            JsonNode cost = cs.preview().at("/impact/cost");

            assertThat(cost.get("discount_per_redemption").decimalValue()).isEqualByComparingTo("4.95");
            assertThat(cost.get("average_order_basis").asText()).contains("of at least 50");
            assertThat(cs.affected().get(0).after().orElseThrow().valueOrNull("code")).isEqualTo("ALLFREESHIP");
            assertThat(cs.preview().at("/impact/audience/size").asLong()).isEqualTo(Demo.DATA.rows("customers").size());
        }

        @Test
        void aPromotionStartingLaterIsScheduledAndItsGivenBudgetKept() {
            ChangeSet cs = propose("{\"discount_type\":\"percent\",\"discount_value\":15,\"audience_rule\":\"lapsed_customer\","
                    + "\"starts_at\":\"2026-09-01\",\"budget\":5}");
            Row after = cs.affected().get(0).after().orElseThrow();

            assertThat(after.valueOrNull("status")).isEqualTo("scheduled");
            assertThat(after.valueOrNull("ends_at")).isEqualTo("2026-10-01");
            assertThat((BigDecimal) after.valueOrNull("budget")).isEqualByComparingTo("5");
            assertThat(cs.preview().at("/impact/cost/budget_source").asText()).isEqualTo("given");
        }
    }
}
