package io.promoagent.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.testing.DemoShop;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFixtureTest {

    private static final DataFixture DEMO = DataFixture.loadResources(DemoShop.model(), DemoShop.class, DemoShop.DATA);

    private static Row customer(String id) {
        return DEMO.rows("customers").stream()
                .filter(row -> id.equals(row.valueOrNull("id")))
                .findFirst().orElseThrow();
    }

    @Nested
    class LoadsTheDemoExport {

        @Test
        void readsEveryEntityWithTheManifestsRowCounts() {
            DataFixture demo = DEMO;

            assertThat(demo.rows().keySet()).containsExactly("customers", "orders", "promotions");
            assertThat(demo.rows("customers")).hasSize(60);
            assertThat(demo.rows("orders")).hasSize(323);
            assertThat(demo.rows("promotions")).hasSize(12);
        }

        @Test
        void typesValuesByTheDataModel() {
            Row john = customer("C00040");

            assertThat(john.valueOrNull("name")).isEqualTo("John Smith");
            assertThat(john.valueOrNull("segment")).isEqualTo("VIP");
            assertThat(john.valueOrNull("total_spent")).isEqualTo(new BigDecimal("2509.58"));
            assertThat(john.valueOrNull("order_count")).isEqualTo(new BigDecimal(20));
            assertThat(john.valueOrNull("marketing_opt_in")).isEqualTo(Boolean.TRUE);
            assertThat(john.valueOrNull("join_date")).isEqualTo("2025-03-09");
        }

        @Test
        void keepsMoneyExactWithTheScaleWritten() {
            assertThat(customer("C00011").valueOrNull("total_spent")).isEqualTo(new BigDecimal("65.80"));
        }

        @Test
        void leavesAbsentFieldsOut() {
            Row neverOrdered = customer("C00010");

            assertThat(neverOrdered.get("last_order_date")).isEmpty();
            assertThat(neverOrdered.values()).doesNotContainKey("last_order_date");
        }

        @Test
        void readsTheSameFromADirectoryAsFromTheClassPath(@TempDir Path directory) throws IOException {
            for (String file : List.of("customers.jsonl", "orders.jsonl", "promotions.jsonl")) {
                try (InputStream in = DemoShop.class.getResourceAsStream(DemoShop.DATA + "/" + file)) {
                    Files.copy(in, directory.resolve(file));
                }
            }

            DataFixture fromDirectory = DataFixture.load(DemoShop.model(), directory);

            assertThat(fromDirectory.rows()).isEqualTo(DEMO.rows());
        }
    }

    @Nested
    class ServesAnInMemorySource {

        @Test
        void withTheIdOfTheModelsSourceAnsweringFilters() {
            InMemoryDataSource source = DEMO.inMemorySource();
            List<Row> vips = new ArrayList<>();

            try (SourceCursor cursor = source.open(SourceQuery.where(DemoShop.model().requireEntity("customers"),
                    Compare.eq("segment", "VIP")))) {
                cursor.forEachRemaining(vips::add);
            }

            assertThat(source.id()).isEqualTo("dynamodb");
            assertThat(vips).extracting(row -> row.valueOrNull("segment")).containsOnly("VIP");
            assertThat(vips).hasSize((int) DEMO.rows("customers").stream()
                    .filter(row -> "VIP".equals(row.valueOrNull("segment"))).count()).isNotEmpty();
        }

        @Test
        void comparingNumbersAsNumbers() {
            InMemoryDataSource source = DEMO.inMemorySource();
            List<Row> big = new ArrayList<>();

            try (SourceCursor cursor = source.open(SourceQuery.where(DemoShop.model().requireEntity("customers"),
                    Compare.of("total_spent", Operator.GT, 2000)))) {
                cursor.forEachRemaining(big::add);
            }

            assertThat(big).isNotEmpty().allSatisfy(row ->
                    assertThat((BigDecimal) row.valueOrNull("total_spent")).isGreaterThan(new BigDecimal(2000)));
        }

        @Test
        void perSourceWhenTheModelHasSeveral(@TempDir Path directory) throws IOException {
            DataModel twoSources = DataModelYaml.parse("""
                    sources: [{id: ddb, kind: dynamodb}, {id: pg, kind: jdbc}]
                    entities:
                      - {name: customers, source: ddb, key: {partition: id}, fields: [{name: id, type: string}]}
                      - {name: invoices, source: pg, key: {partition: id}, fields: [{name: id, type: string}]}
                    """, "two.yaml");
            Files.writeString(directory.resolve("customers.jsonl"), "{\"id\":\"C1\"}\n");
            Files.writeString(directory.resolve("invoices.jsonl"), "{\"id\":\"I1\"}\n{\"id\":\"I2\"}\n");
            DataFixture fixture = DataFixture.load(twoSources, directory);

            assertThatThrownBy(fixture::inMemorySource)
                    .isInstanceOf(FixtureException.class)
                    .hasMessageContaining("2 sources");
            assertThat(fixture.inMemorySources()).extracting(InMemoryDataSource::id).containsExactly("ddb", "pg");
            assertThat(fixture.inMemorySource("pg").open(SourceQuery.all(twoSources.requireEntity("invoices"))))
                    .toIterable().hasSize(2);
            assertThatThrownBy(() -> fixture.inMemorySource("pg").open(SourceQuery.all(twoSources.requireEntity("customers"))))
                    .hasMessageContaining("no entity 'customers'");
        }
    }

    @Nested
    class RefusesRecordsThatDoNotMatchTheModel {

        private final DataModel model = DataModelYaml.parse("""
                sources: [{id: main, kind: memory}]
                entities:
                  - name: customers
                    source: main
                    key: {partition: id}
                    fields:
                      - {name: id, type: string}
                      - {name: total_spent, type: number}
                      - {name: order_count, type: integer}
                      - {name: opted_in, type: boolean}
                      - {name: joined, type: date}
                      - {name: seen_at, type: timestamp}
                      - {name: segment, type: enum, values: [VIP, Regular]}
                """, "small.yaml");

        @TempDir
        Path directory;

        private DataFixture load(String... lines) throws IOException {
            Files.writeString(directory.resolve("customers.jsonl"), String.join("\n", lines) + "\n",
                    StandardCharsets.UTF_8);
            return DataFixture.load(model, directory);
        }

        @Test
        void acceptingEveryTypeAndNullAsAbsent() throws IOException {
            Row row = load("{\"id\":\"C1\",\"total_spent\":12.50,\"order_count\":3,\"opted_in\":false,"
                    + "\"joined\":\"2026-02-28\",\"seen_at\":\"2026-02-28T10:15:30Z\",\"segment\":\"VIP\"}", "", "{\"id\":\"C2\",\"segment\":null}").rows("customers").get(0);

            assertThat(row.values()).containsEntry("total_spent", new BigDecimal("12.50"))
                    .containsEntry("order_count", new BigDecimal(3))
                    .containsEntry("opted_in", false)
                    .containsEntry("seen_at", "2026-02-28T10:15:30Z");
            assertThat(DataFixture.load(model, directory).rows("customers").get(1).values()).containsOnlyKeys("id");
        }

        @Test
        void withAnUnknownFieldNamingTheLineAndTheNearestField() {
            assertThatThrownBy(() -> load("{\"id\":\"C1\"}", "{\"id\":\"C2\",\"total_spend\":1}"))
                    .isInstanceOf(FixtureException.class)
                    .hasMessageContaining("customers.jsonl:2")
                    .hasMessageContaining("'total_spend' is not a field of customers")
                    .hasMessageContaining("total_spent");
        }

        @Test
        void withANumberWrittenAsText() {
            assertThatThrownBy(() -> load("{\"id\":\"C1\",\"total_spent\":\"12.50\"}"))
                    .isInstanceOf(FixtureException.class)
                    .hasMessageContaining("customers.jsonl:1")
                    .hasMessageContaining("'total_spent' is a number");
        }

        @Test
        void withAFractionInAnInteger() {
            assertThatThrownBy(() -> load("{\"id\":\"C1\",\"order_count\":2.5}"))
                    .hasMessageContaining("'order_count' is an integer");
        }

        @Test
        void withABooleanWrittenAsText() {
            assertThatThrownBy(() -> load("{\"id\":\"C1\",\"opted_in\":\"true\"}"))
                    .hasMessageContaining("'opted_in' is a boolean");
        }

        @Test
        void withAnUndeclaredEnumValue() {
            assertThatThrownBy(() -> load("{\"id\":\"C1\",\"segment\":\"vip\"}"))
                    .hasMessageContaining("\"vip\", which is not one of its values [VIP, Regular]");
        }

        @Test
        void withAnImpossibleDate() {
            assertThatThrownBy(() -> load("{\"id\":\"C1\",\"joined\":\"2026-02-30\"}"))
                    .hasMessageContaining("'joined' holds \"2026-02-30\", not YYYY-MM-DD");
        }

        @Test
        void withALineThatIsNotAJsonObject() {
            assertThatThrownBy(() -> load("{\"id\":\"C1\"}", "[1,2]"))
                    .hasMessageContaining("customers.jsonl:2: not a JSON object");
            assertThatThrownBy(() -> load("{\"id\":"))
                    .hasMessageContaining("customers.jsonl:1: not a JSON object");
        }

        @Test
        void withAMissingFileButAcceptingAnEmptyOne() throws IOException {
            assertThatThrownBy(() -> DataFixture.load(model, directory))
                    .isInstanceOf(FixtureException.class)
                    .hasMessageContaining("has no customers.jsonl");

            Files.writeString(directory.resolve("customers.jsonl"), "");
            assertThat(DataFixture.load(model, directory).rows("customers")).isEmpty();
        }
    }
}
