package io.promoagent.example.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The consistency rules of DEMO-DATA.md, checked on the exported files of the default demo data set. */
class DemoDataConsistencyTest {
    private static final LocalDate NOW = LocalDate.of(2026, 6, 30);
    private static final Set<String> COUNTRIES = Set.of("US", "GB", "DE", "FR", "NL", "ES", "IT", "SE");
    private static final Set<String> AUDIENCE_RULES =
            Set.of("vip", "premium", "lapsed_customer", "new_customer", "reachable");

    @TempDir
    static Path exports;
    private static ExportedDemoData data;

    @BeforeAll
    static void exportDefaultDataSet() {
        data = ExportedDemoData.export(42, 2000, NOW, exports.resolve("seed-42"));
    }

    @Nested
    class Customers {
        @Test
        void haveSequentialIdentifiersFromC00001() {
            for (int i = 0; i < data.customers().size(); i++) {
                assertThat(data.customers().get(i).get("id").asText()).isEqualTo(String.format("C%05d", i + 1));
            }
        }

        @Test
        void belongToTheSegmentTheirSpendingEarns() {
            assertThat(data.customers()).allSatisfy(customer -> {
                BigDecimal spent = customer.get("total_spent").decimalValue();
                String expected = spent.compareTo(new BigDecimal("2000")) > 0 ? "VIP"
                        : spent.compareTo(new BigDecimal("500")) > 0 ? "Premium" : "Regular";
                assertThat(customer.get("segment").asText()).as(customer.toString()).isEqualTo(expected);
            });
        }

        @Test
        void spentExactlyTheSumOfTheirCompletedOrders() {
            Map<String, List<JsonNode>> orders = data.ordersByCustomer();
            assertThat(data.customers()).allSatisfy(customer -> {
                BigDecimal completed = orders.getOrDefault(customer.get("id").asText(), List.of()).stream()
                        .filter(order -> order.get("status").asText().equals("completed"))
                        .map(order -> order.get("total").decimalValue())
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(customer.get("total_spent").decimalValue()).as(customer.toString())
                        .isEqualByComparingTo(completed);
            });
        }

        @Test
        void countTheirOrdersOfEveryStatus() {
            Map<String, List<JsonNode>> orders = data.ordersByCustomer();
            assertThat(data.customers()).allSatisfy(customer -> assertThat(customer.get("order_count").asInt())
                    .isEqualTo(orders.getOrDefault(customer.get("id").asText(), List.of()).size()));
        }

        @Test
        void joinedOnOrBeforeTheirFirstOrderAndNotAfterToday() {
            Map<String, List<JsonNode>> orders = data.ordersByCustomer();
            assertThat(data.customers()).allSatisfy(customer -> {
                LocalDate joined = date(customer, "join_date");
                assertThat(joined).isBeforeOrEqualTo(NOW);
                orders.getOrDefault(customer.get("id").asText(), List.of())
                        .forEach(order -> assertThat(joined).isBeforeOrEqualTo(date(order, "order_date")));
            });
        }

        @Test
        void lastOrderDateIsTheLatestOrderOrAbsentWithoutOrders() {
            Map<String, List<JsonNode>> orders = data.ordersByCustomer();
            assertThat(data.customers()).allSatisfy(customer -> {
                List<JsonNode> own = orders.getOrDefault(customer.get("id").asText(), List.of());
                if (own.isEmpty()) {
                    assertThat(customer.has("last_order_date")).as(customer.toString()).isFalse();
                } else {
                    LocalDate latest = own.stream().map(order -> date(order, "order_date"))
                            .max(Comparator.naturalOrder()).orElseThrow();
                    assertThat(date(customer, "last_order_date")).isEqualTo(latest);
                }
            });
            assertThat(data.customers()).anyMatch(customer -> customer.get("order_count").asInt() == 0);
        }

        @Test
        void haveUniqueLowerCaseEmailAddresses() {
            List<String> emails = data.customers().stream().map(customer -> customer.get("email").asText()).toList();
            assertThat(emails).doesNotHaveDuplicates()
                    .allSatisfy(email -> assertThat(email).isEqualTo(email.toLowerCase(Locale.ROOT))
                            .matches("[a-z0-9._]+@[a-z0-9.]+"));
        }

        @Test
        void liveInTheShopsCountries() {
            assertThat(data.customers()).allSatisfy(customer -> {
                assertThat(customer.get("country").asText()).isIn(COUNTRIES);
                assertThat(customer.get("city").asText()).isNotBlank();
            });
            assertThat(data.customers().stream().map(customer -> customer.get("country").asText()))
                    .containsAll(COUNTRIES);
        }

        @Test
        void haveMostlyDeliverableEmailWithEveryStatusPresent() {
            Map<String, Long> statuses = countBy(data.customers(), "email_status");
            assertThat(statuses).containsOnlyKeys("ok", "bounced", "complained", "unsubscribed");
            assertThat(share(statuses, "ok")).isGreaterThan(0.8);
        }

        @Test
        void includeRecentBuyersAndManyLapsedOnes() {
            long recent = data.customers().stream().filter(customer -> customer.has("last_order_date")
                    && !date(customer, "last_order_date").isBefore(NOW.minusDays(30))).count();
            long lapsed = data.customers().stream().filter(customer -> !customer.has("last_order_date")
                    || date(customer, "last_order_date").isBefore(NOW.minusDays(90))).count();
            assertThat(recent).isGreaterThan(data.customers().size() / 10);
            assertThat(lapsed).isGreaterThan(data.customers().size() / 2);
        }

        @Test
        void orderAtTheFrequenciesOfALongTail() {
            Map<Integer, Long> byOrderCount = data.customers().stream()
                    .collect(Collectors.groupingBy(customer -> customer.get("order_count").asInt(),
                            Collectors.counting()));
            long oneTime = byOrderCount.getOrDefault(1, 0L);
            long repeat = byOrderCount.entrySet().stream().filter(e -> e.getKey() >= 2 && e.getKey() <= 5)
                    .mapToLong(Map.Entry::getValue).sum();
            assertThat(oneTime).isGreaterThan(data.customers().size() / 4);
            assertThat(repeat).isGreaterThan(data.customers().size() / 10);
            assertThat(data.customers()).filteredOn(customer -> customer.get("segment").asText().equals("VIP"))
                    .allSatisfy(vip -> assertThat(vip.get("order_count").asInt()).isBetween(6, 20));
        }
    }

    @Nested
    class Orders {
        @Test
        void haveSequentialIdentifiersAndKnownCustomers() {
            Map<String, JsonNode> customers = data.customersById();
            for (int i = 0; i < data.orders().size(); i++) {
                JsonNode order = data.orders().get(i);
                assertThat(order.get("id").asText()).isEqualTo(String.format("O%06d", i + 1));
                assertThat(customers).containsKey(order.get("customer_id").asText());
            }
        }

        @Test
        void fallWithinTheTwoYearsBeforeToday() {
            assertThat(data.orders()).allSatisfy(order -> assertThat(date(order, "order_date"))
                    .isAfter(NOW.minusYears(2)).isBeforeOrEqualTo(NOW));
        }

        @Test
        void carryTheMonthOfTheirDate() {
            assertThat(data.orders()).allSatisfy(order -> assertThat(order.get("order_month").asText())
                    .isEqualTo(YearMonth.from(date(order, "order_date")).toString()));
        }

        @Test
        void costBetweenFortyAndSixtyPercentOfTheirTotal() {
            assertThat(data.orders()).allSatisfy(order -> {
                double ratio = order.get("cost_of_goods").doubleValue() / order.get("total").doubleValue();
                assertThat(ratio).as(order.toString()).isBetween(0.40, 0.60);
            });
        }

        @Test
        void haveLogNormalTotalsWithAMedianAboutSixty() {
            double[] totals = data.orders().stream().mapToDouble(order -> order.get("total").doubleValue())
                    .sorted().toArray();
            assertThat(totals[0]).isPositive();
            assertThat(totals[totals.length / 2]).isBetween(45.0, 80.0);
            // A long right tail: the 95th percentile is several times the median.
            assertThat(totals[totals.length * 95 / 100]).isGreaterThan(2.5 * totals[totals.length / 2]);
        }

        @Test
        void ofVipCustomersAreAboutTwiceAsLargeAsOthers() {
            Map<String, JsonNode> customers = data.customersById();
            Predicate<JsonNode> byVip = order ->
                    customers.get(order.get("customer_id").asText()).get("segment").asText().equals("VIP");
            double vipMedian = median(data.orders().stream().filter(byVip).toList());
            double otherMedian = median(data.orders().stream().filter(byVip.negate()).toList());
            assertThat(vipMedian / otherMedian).isBetween(1.6, 3.0);
        }

        @Test
        void areMostlyCompleted() {
            Map<String, Long> statuses = countBy(data.orders(), "status");
            assertThat(statuses).containsOnlyKeys("completed", "cancelled", "refunded");
            assertThat(share(statuses, "completed")).isCloseTo(0.95, within(0.02));
        }

        @Test
        void comeThroughEveryChannelMostlyTheWeb() {
            Map<String, Long> channels = countBy(data.orders(), "channel");
            assertThat(channels).containsOnlyKeys("web", "mobile", "store");
            assertThat(share(channels, "web")).isBetween(0.45, 0.65);
            assertThat(share(channels, "mobile")).isBetween(0.2, 0.4);
            assertThat(share(channels, "store")).isBetween(0.08, 0.22);
        }

        @Test
        void holdOneToFiveItems() {
            assertThat(data.orders()).allSatisfy(order -> assertThat(order.get("items").asInt()).isBetween(1, 5));
        }

        @Test
        void carryExistingPromotionCodesOnAboutFifteenPercent() {
            Set<String> codes = data.promotions().stream().map(p -> p.get("code").asText())
                    .collect(Collectors.toSet());
            List<JsonNode> withCode = data.orders().stream().filter(order -> order.has("promotion_code")).toList();

            assertThat(withCode).allSatisfy(order -> assertThat(order.get("promotion_code").asText()).isIn(codes));
            assertThat((double) withCode.size() / data.orders().size()).isBetween(0.12, 0.18);
        }

        @Test
        void carryCodesOnlyWhileTheirPromotionRan() {
            Map<String, JsonNode> promotions = data.promotions().stream()
                    .collect(Collectors.toMap(p -> p.get("code").asText(), p -> p));
            assertThat(data.orders()).filteredOn(order -> order.has("promotion_code")).allSatisfy(order -> {
                JsonNode promotion = promotions.get(order.get("promotion_code").asText());
                assertThat(date(order, "order_date"))
                        .isBetween(date(promotion, "starts_at"), date(promotion, "ends_at"));
                if (promotion.has("min_order_total")) {
                    assertThat(order.get("total").decimalValue())
                            .isGreaterThanOrEqualTo(promotion.get("min_order_total").decimalValue());
                }
            });
        }
    }

    @Nested
    class Promotions {
        @Test
        void numberEightToTwelveWithEveryStatus() {
            assertThat(data.promotions()).hasSizeBetween(8, 12);
            assertThat(data.promotions().stream().map(p -> p.get("status").asText()))
                    .contains("draft", "scheduled", "active", "paused", "expired");
        }

        @Test
        void haveSequentialIdentifiersAndUniqueUpperCaseCodes() {
            for (int i = 0; i < data.promotions().size(); i++) {
                assertThat(data.promotions().get(i).get("id").asText()).isEqualTo(String.format("P%04d", i + 1));
            }
            List<String> codes = data.promotions().stream().map(p -> p.get("code").asText()).toList();
            assertThat(codes).doesNotHaveDuplicates().allSatisfy(code -> assertThat(code).matches("[A-Z0-9]+"));
        }

        @Test
        void includeTheActiveSummerAndVipOffers() {
            JsonNode summer = promotion("SUMMER25");
            JsonNode vip = promotion("VIP25");
            assertThat(summer.get("status").asText()).isEqualTo("active");
            assertThat(vip.get("status").asText()).isEqualTo("active");
            assertThat(vip.get("audience_rule").asText()).isEqualTo("vip");
        }

        @Test
        void haveDatesThatFitTheirStatus() {
            assertThat(data.promotions()).allSatisfy(promotion -> {
                LocalDate starts = date(promotion, "starts_at");
                LocalDate ends = date(promotion, "ends_at");
                assertThat(starts).isBeforeOrEqualTo(ends);
                assertThat(date(promotion, "created_at")).isBeforeOrEqualTo(NOW).isBeforeOrEqualTo(starts);
                switch (promotion.get("status").asText()) {
                    case "active", "paused" -> assertThat(NOW).isBetween(starts, ends);
                    case "expired" -> assertThat(ends).isBefore(NOW);
                    case "scheduled", "draft" -> assertThat(starts).isAfter(NOW);
                    default -> throw new AssertionError("unknown status in " + promotion);
                }
            });
        }

        @Test
        void useOnlyAudienceRulesOfTheDataModel() {
            assertThat(data.promotions()).filteredOn(promotion -> promotion.has("audience_rule"))
                    .allSatisfy(promotion -> assertThat(promotion.get("audience_rule").asText()).isIn(AUDIENCE_RULES));
        }

        @Test
        void haveDiscountValuesThatFitTheirType() {
            assertThat(data.promotions()).allSatisfy(promotion -> {
                double value = promotion.get("discount_value").doubleValue();
                switch (promotion.get("discount_type").asText()) {
                    case "percent" -> assertThat(value).isBetween(1.0, 100.0);
                    case "fixed" -> assertThat(value).isPositive();
                    case "free_shipping" -> assertThat(value).isZero();
                    default -> throw new AssertionError("unknown discount type in " + promotion);
                }
            });
        }

        @Test
        void countAsRedemptionsExactlyTheOrdersCarryingTheirCode() {
            Map<String, Long> ordersByCode = data.orders().stream().filter(order -> order.has("promotion_code"))
                    .collect(Collectors.groupingBy(order -> order.get("promotion_code").asText(),
                            Collectors.counting()));
            assertThat(data.promotions()).allSatisfy(promotion -> assertThat(promotion.get("redemptions").asLong())
                    .as(promotion.get("code").asText())
                    .isEqualTo(ordersByCode.getOrDefault(promotion.get("code").asText(), 0L)));
        }

        @Test
        void stayWithinTheirLimits() {
            assertThat(data.promotions()).allSatisfy(promotion -> {
                assertThat(promotion.get("budget_used").decimalValue())
                        .isLessThanOrEqualTo(promotion.get("budget").decimalValue());
                assertThat(promotion.get("redemptions").asInt())
                        .isLessThanOrEqualTo(promotion.get("max_redemptions").asInt());
                assertThat(promotion.get("per_customer_limit").asInt()).isPositive();
                assertThat(promotion.get("created_by").asText()).isNotBlank();
            });
            Map<String, Map<String, Long>> usesByCode = data.orders().stream()
                    .filter(order -> order.has("promotion_code"))
                    .collect(Collectors.groupingBy(order -> order.get("promotion_code").asText(),
                            Collectors.groupingBy(order -> order.get("customer_id").asText(), Collectors.counting())));
            usesByCode.forEach((code, usesByCustomer) -> assertThat(usesByCustomer.values())
                    .allSatisfy(uses -> assertThat(uses).isLessThanOrEqualTo(
                            promotion(code).get("per_customer_limit").asLong())));
        }

        @Test
        void thatNeverRanHaveNoRedemptions() {
            assertThat(data.promotions())
                    .filteredOn(promotion -> Set.of("draft", "scheduled").contains(promotion.get("status").asText()))
                    .allSatisfy(promotion -> {
                        assertThat(promotion.get("redemptions").asInt()).isZero();
                        assertThat(promotion.get("budget_used").decimalValue()).isZero();
                    });
        }
    }

    @Nested
    class People {
        @Test
        void includeSeveralJohns() {
            assertThat(data.customers()).filteredOn(customer -> customer.get("name").asText().startsWith("John "))
                    .hasSizeGreaterThanOrEqualTo(4);
        }

        @Test
        void includeExactlyOneJohnSmithAVipWhoOptedInAtJohnExampleCom() {
            List<JsonNode> johnSmiths = data.customers().stream()
                    .filter(customer -> customer.get("name").asText().equals("John Smith")).toList();

            assertThat(johnSmiths).hasSize(1);
            JsonNode johnSmith = johnSmiths.get(0);
            assertThat(johnSmith.get("email").asText()).isEqualTo("john@example.com");
            assertThat(johnSmith.get("segment").asText()).isEqualTo("VIP");
            assertThat(johnSmith.get("marketing_opt_in").asBoolean()).isTrue();
            assertThat(johnSmith.get("email_status").asText()).isEqualTo("ok");
        }

        @Test
        void includeVipsWhoOptedOutAndVipsWhoseMailBounced() {
            List<JsonNode> vips = data.customers().stream()
                    .filter(customer -> customer.get("segment").asText().equals("VIP")).toList();

            assertThat(vips).anyMatch(vip -> !vip.get("marketing_opt_in").asBoolean());
            assertThat(vips).anyMatch(vip -> vip.get("email_status").asText().equals("bounced"));
        }
    }

    @Nested
    class SegmentShares {
        @ParameterizedTest(name = "seed {0}, {1} customers")
        @CsvSource({"42, 2000", "7, 2000", "42, 20000"})
        void areFiveToEightPercentVipAndTwentyToThirtyPercentPremium(long seed, int customers) throws IOException {
            Path directory = exports.resolve(seed + "-" + customers);
            DemoDataExporter.export(DemoDataGenerator.generate(seed, customers, NOW), directory);
            List<JsonNode> exported = ExportedDemoData.readLines(directory.resolve(DemoDataExporter.CUSTOMERS_FILE));

            Map<String, Long> segments = countBy(exported, "segment");
            assertThat(exported).hasSize(customers);
            assertThat(share(segments, "VIP")).isBetween(0.05, 0.08);
            assertThat(share(segments, "Premium")).isBetween(0.20, 0.30);
        }
    }

    private static JsonNode promotion(String code) {
        return data.promotions().stream().filter(p -> p.get("code").asText().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError("no promotion " + code));
    }

    private static LocalDate date(JsonNode row, String field) {
        return LocalDate.parse(row.get(field).asText());
    }

    private static Map<String, Long> countBy(List<JsonNode> rows, String field) {
        return rows.stream().collect(Collectors.groupingBy(row -> row.get(field).asText(), Collectors.counting()));
    }

    private static double share(Map<String, Long> counts, String key) {
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return (double) counts.getOrDefault(key, 0L) / total;
    }

    private static double median(List<JsonNode> orders) {
        double[] totals = orders.stream().mapToDouble(order -> order.get("total").doubleValue()).sorted().toArray();
        return totals[totals.length / 2];
    }
}
