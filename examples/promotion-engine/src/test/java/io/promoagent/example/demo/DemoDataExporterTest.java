package io.promoagent.example.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataExporterTest {
    private static final LocalDate NOW = LocalDate.of(2026, 6, 30);
    private static final List<String> FILES = List.of(DemoDataExporter.CUSTOMERS_FILE, DemoDataExporter.ORDERS_FILE,
            DemoDataExporter.PROMOTIONS_FILE, DemoDataExporter.MANIFEST_FILE, DemoDataExporter.TRUTH_FILE);

    private static final List<String> CUSTOMER_FIELDS = List.of("id", "name", "email", "segment", "total_spent",
            "order_count", "join_date", "last_order_date", "city", "country", "marketing_opt_in", "email_status");
    private static final List<String> ORDER_FIELDS = List.of("id", "customer_id", "order_date", "order_month",
            "total", "cost_of_goods", "status", "channel", "promotion_code", "items");
    private static final List<String> PROMOTION_FIELDS = List.of("id", "name", "code", "description",
            "discount_type", "discount_value", "audience_rule", "min_order_total", "starts_at", "ends_at", "status",
            "budget", "budget_used", "max_redemptions", "per_customer_limit", "redemptions", "exclusive", "priority",
            "created_by", "created_at", "control_share");

    @TempDir
    static Path exports;
    private static ExportedDemoData data;

    @BeforeAll
    static void exportOnce() {
        data = ExportedDemoData.export(42, 500, NOW, exports.resolve("seed-42"));
    }

    @Nested
    class Determinism {
        @Test
        void sameSeedCustomersAndNowGiveByteIdenticalFiles(@TempDir Path again) throws IOException {
            ExportedDemoData.export(42, 500, NOW, again);

            for (String file : FILES) {
                assertThat(Files.readAllBytes(again.resolve(file)))
                        .as(file)
                        .isEqualTo(Files.readAllBytes(data.directory().resolve(file)));
            }
        }

        /** The one export every module's tests read (module examples/demo-data) stays what the generator writes. */
        @Test
        void theExportTheOtherModulesTestsReadIsWhatTheGeneratorWrites(@TempDir Path fresh) throws IOException {
            ExportedDemoData.export(42, 60, NOW, fresh);

            for (String file : FILES) {
                try (InputStream shared = DemoDataExporterTest.class.getResourceAsStream("/io/promoagent/example/demo/" + file)) {
                    assertThat(shared).as(file + " on the class path").isNotNull();
                    assertThat(new String(shared.readAllBytes(), StandardCharsets.UTF_8)).as(file)
                            .isEqualTo(Files.readString(fresh.resolve(file)));
                }
            }
        }

        @Test
        void anotherSeedGivesOtherData(@TempDir Path other) throws IOException {
            ExportedDemoData.export(43, 500, NOW, other);

            assertThat(Files.readAllBytes(other.resolve(DemoDataExporter.CUSTOMERS_FILE)))
                    .isNotEqualTo(Files.readAllBytes(data.directory().resolve(DemoDataExporter.CUSTOMERS_FILE)));
            assertThat(Files.readAllBytes(other.resolve(DemoDataExporter.ORDERS_FILE)))
                    .isNotEqualTo(Files.readAllBytes(data.directory().resolve(DemoDataExporter.ORDERS_FILE)));
        }

        @Test
        void anotherTodayMovesTheDates(@TempDir Path other) throws IOException {
            ExportedDemoData later = ExportedDemoData.export(42, 500, NOW.plusDays(10), other);

            LocalDate firstOrder = LocalDate.parse(data.orders().get(0).get("order_date").asText());
            assertThat(later.orders().get(0).get("order_date").asText())
                    .isEqualTo(firstOrder.plusDays(10).toString());
        }

        @Test
        void reExportingIntoTheSameDirectoryReplacesTheFiles() throws IOException {
            Path directory = exports.resolve("replaced");
            ExportedDemoData.export(42, 800, NOW, directory);
            ExportedDemoData.export(42, 500, NOW, directory);

            for (String file : FILES) {
                assertThat(Files.readAllBytes(directory.resolve(file)))
                        .as(file)
                        .isEqualTo(Files.readAllBytes(data.directory().resolve(file)));
            }
        }
    }

    @Nested
    class Format {
        @Test
        void everyLineOfTheTablesIsOneJsonObjectEndingInANewline() {
            for (String file : FILES.subList(0, 3)) {
                String text = data.text(file);
                assertThat(text).as(file).doesNotContain("\r").endsWith("}\n").doesNotContain("\n\n");
            }
            assertThat(data.customers()).hasSize(500).allMatch(JsonNode::isObject);
            assertThat(data.orders()).isNotEmpty().allMatch(JsonNode::isObject);
            assertThat(data.promotions()).isNotEmpty().allMatch(JsonNode::isObject);
        }

        @Test
        void fieldsAppearInTheOrderOfTheDataContract() {
            assertFieldOrder(data.customers(), CUSTOMER_FIELDS);
            assertFieldOrder(data.orders(), ORDER_FIELDS);
            assertFieldOrder(data.promotions(), PROMOTION_FIELDS);
        }

        @Test
        void optionalFieldsAreLeftOutRatherThanNull() {
            for (String file : FILES) {
                assertThat(data.text(file)).as(file).doesNotContain("null");
            }
            assertThat(data.customers()).anyMatch(row -> !row.has("last_order_date"));
            assertThat(data.orders()).anyMatch(row -> !row.has("promotion_code"));
            assertThat(data.promotions()).anyMatch(row -> !row.has("audience_rule"));
            assertThat(data.promotions()).anyMatch(row -> !row.has("min_order_total"));
            assertThat(data.promotions()).anyMatch(row -> !row.has("control_share"));
        }

        @Test
        void everyOtherFieldIsAlwaysPresent() {
            assertThat(data.customers()).allSatisfy(row -> assertThat(fieldNames(row))
                    .containsAll(without(CUSTOMER_FIELDS, "last_order_date")));
            assertThat(data.orders()).allSatisfy(row -> assertThat(fieldNames(row))
                    .containsAll(without(ORDER_FIELDS, "promotion_code")));
            assertThat(data.promotions()).allSatisfy(row -> assertThat(fieldNames(row))
                    .containsAll(without(PROMOTION_FIELDS, "audience_rule", "min_order_total", "control_share")));
        }

        @Test
        void moneyIsWrittenAsANumberWithExactlyTwoDecimals() {
            assertMoneyFormat(DemoDataExporter.CUSTOMERS_FILE, "total_spent", data.customers().size());
            assertMoneyFormat(DemoDataExporter.ORDERS_FILE, "total", data.orders().size());
            assertMoneyFormat(DemoDataExporter.ORDERS_FILE, "cost_of_goods", data.orders().size());
            assertMoneyFormat(DemoDataExporter.PROMOTIONS_FILE, "budget", data.promotions().size());
            assertMoneyFormat(DemoDataExporter.PROMOTIONS_FILE, "budget_used", data.promotions().size());
            assertMoneyFormat(DemoDataExporter.PROMOTIONS_FILE, "discount_value", data.promotions().size());
        }

        @Test
        void datesAreIsoCalendarDates() {
            Pattern isoDate = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
            assertThat(data.customers()).allSatisfy(row -> assertThat(row.get("join_date").asText()).matches(isoDate));
            assertThat(data.orders()).allSatisfy(row -> assertThat(row.get("order_date").asText()).matches(isoDate));
            assertThat(data.promotions()).allSatisfy(row -> {
                assertThat(row.get("starts_at").asText()).matches(isoDate);
                assertThat(row.get("ends_at").asText()).matches(isoDate);
                assertThat(row.get("created_at").asText()).matches(isoDate);
            });
        }

        @Test
        void integersAndBooleansAreJsonIntegersAndBooleans() {
            assertThat(data.customers()).allSatisfy(row -> {
                assertThat(row.get("order_count").isIntegralNumber()).isTrue();
                assertThat(row.get("marketing_opt_in").isBoolean()).isTrue();
            });
            assertThat(data.orders()).allSatisfy(row -> assertThat(row.get("items").isIntegralNumber()).isTrue());
            assertThat(data.promotions()).allSatisfy(row -> {
                assertThat(row.get("redemptions").isIntegralNumber()).isTrue();
                assertThat(row.get("exclusive").isBoolean()).isTrue();
            });
        }

        @Test
        void theManifestRecordsTheInputsAndTheRowCounts() {
            JsonNode manifest = data.manifest();

            assertThat(manifest.get("seed").asLong()).isEqualTo(42);
            assertThat(manifest.get("customers").asInt()).isEqualTo(500);
            assertThat(manifest.get("now").asText()).isEqualTo("2026-06-30");
            JsonNode rows = manifest.get("rows");
            assertThat(rows.get(DemoDataExporter.CUSTOMERS_FILE).asInt()).isEqualTo(data.customers().size());
            assertThat(rows.get(DemoDataExporter.ORDERS_FILE).asInt()).isEqualTo(data.orders().size());
            assertThat(rows.get(DemoDataExporter.PROMOTIONS_FILE).asInt()).isEqualTo(data.promotions().size());
            assertThat(data.text(DemoDataExporter.MANIFEST_FILE)).doesNotContain("\r").endsWith("}\n");
        }
    }

    private static void assertFieldOrder(List<JsonNode> rows, List<String> contractOrder) {
        assertThat(rows).allSatisfy(row -> {
            List<String> names = fieldNames(row);
            assertThat(contractOrder).containsSubsequence(names);
        });
    }

    private static List<String> fieldNames(JsonNode row) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = row.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static List<String> without(List<String> fields, String... left) {
        List<String> remaining = new ArrayList<>(fields);
        remaining.removeAll(List.of(left));
        return remaining;
    }

    private static void assertMoneyFormat(String file, String field, int expectedOccurrences) {
        Matcher matcher = Pattern.compile("\"" + field + "\":([^,}]*)[,}]").matcher(data.text(file));
        int occurrences = 0;
        while (matcher.find()) {
            assertThat(matcher.group(1)).as(file + " " + field).matches("(0|[1-9]\\d*)\\.\\d{2}");
            occurrences++;
        }
        assertThat(occurrences).as(file + " " + field).isEqualTo(expectedOccurrences);
    }
}
