package io.promoagent.schema.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.testing.DemoShop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataModelYamlTest {

    static final String MINIMAL = """
            sources:
              - {id: main, kind: memory}
            entities:
              - name: customers
                source: main
                key: {partition: id}
                fields:
                  - {name: id, type: string}
                  - {name: segment, type: enum, values: [VIP, {value: Regular, synonyms: [standard]}]}
                  - {name: joined, type: date}
              - name: orders
                source: main
                key: {partition: id}
                fields:
                  - {name: id, type: string}
                  - {name: customer_id, type: string}
                  - {name: total, type: number}
            relationships:
              - {name: customer, from: orders.customer_id, to: customers.id, cardinality: many_to_one, inverse: orders}
            """;

    @Nested
    class TheDemoModel {
        final DataModel model = DemoShop.load();

        @Test
        void declaresTheThreeEntitiesOfTheDemoData() {
            assertThat(model.entities()).extracting(Entity::name).containsExactly("customers", "orders", "promotions");
        }

        @Test
        void keepsEmailAddressesAwayFromModels() {
            assertThat(model.requireEntity("customers").requireField("email").visibility()).isEqualTo(Visibility.UI);
        }

        @Test
        void declaresOrderMonthAsAMonthBucketOfOrderDate() {
            assertThat(model.requireEntity("orders").requireField("order_month").bucket())
                    .contains(new Bucket("order_date", CalendarUnit.MONTH));
        }

        @Test
        void mapsCountrySynonymsToCodes() {
            Field country = model.requireEntity("customers").requireField("country");
            assertThat(country.canonicalValue("UK")).contains("GB");
            assertThat(country.canonicalValue("germany")).contains("DE");
            assertThat(country.canonicalValue("Atlantis")).isEmpty();
        }

        @Test
        void navigatesRelationshipsBothWays() {
            assertThat(model.navigation("orders", "customer")).hasValueSatisfying(n -> {
                assertThat(n.to()).isEqualTo("customers");
                assertThat(n.toMany()).isFalse();
            });
            assertThat(model.navigation("customers", "orders")).hasValueSatisfying(n -> {
                assertThat(n.to()).isEqualTo("orders");
                assertThat(n.localField()).isEqualTo("id");
                assertThat(n.remoteField()).isEqualTo("customer_id");
                assertThat(n.toMany()).isTrue();
            });
        }

        @Test
        void expandsARuleWithItsDefaultAndWithAnArgument() {
            assertThat(model.expandRule("lapsed_customer", Map.of())).isEqualTo(
                    new Not(new Within("last_order_date", new TimeRange.Last(90, CalendarUnit.DAY))));
            assertThat(model.expandRule("recent_orders", Map.of("days", 60))).isEqualTo(
                    new Within("order_date", new TimeRange.Last(60, CalendarUnit.DAY)));
            assertThat(model.expandRule("vip", Map.of())).isEqualTo(Compare.eq("segment", "VIP"));
        }

        @Test
        void composesMeasuresOfMeasures() {
            assertThat(model.measure("gross_margin")).hasValueSatisfying(m ->
                    assertThat(m.expression()).isInstanceOf(MeasureExpression.Arithmetic.class));
        }
    }

    @Nested
    class BadInput {

        @Test
        void reportsMalformedYamlWithItsLine() {
            assertThatThrownBy(() -> DataModelYaml.parse("sources:\n  - {id: main, kind: memory\nentities: []\n", "bad.yaml"))
                    .isInstanceOf(DataModelException.class)
                    .hasMessageStartingWith("bad.yaml:")
                    .hasMessageContaining("malformed YAML");
        }

        @Test
        void reportsAnUnknownKeyWithTheFileLineAndPathAndTheClosestKey() {
            String yaml = MINIMAL.replace("{name: total, type: number}", "{name: total, type: number, visiblity: ui}");
            assertThatThrownBy(() -> DataModelYaml.parse(yaml, "m.yaml"))
                    .isInstanceOfSatisfying(DataModelException.class, e -> {
                        assertThat(e.file()).contains("m.yaml");
                        assertThat(e.line()).isEqualTo(17);
                        assertThat(e.path()).isEqualTo("entities[1].fields[2].visiblity");
                        assertThat(e.problem()).contains("did you mean 'visibility'");
                    });
        }

        @Test
        void reportsADanglingRelationshipEnd() {
            String yaml = MINIMAL.replace("to: customers.id", "to: customers.ident");
            assertThatThrownBy(() -> DataModelYaml.parse(yaml, "m.yaml"))
                    .isInstanceOfSatisfying(DataModelException.class, e -> {
                        assertThat(e.path()).isEqualTo("relationships[0].to");
                        assertThat(e.line()).isEqualTo(19);
                        assertThat(e.problem()).contains("unknown field 'ident'");
                    });
        }

        @Test
        void reportsAnUnknownSource() {
            String yaml = MINIMAL.replace("source: main\n    key: {partition: id}\n    fields:\n      - {name: id, type: string}\n      - {name: customer_id",
                    "source: mian\n    key: {partition: id}\n    fields:\n      - {name: id, type: string}\n      - {name: customer_id");
            assertThatThrownBy(() -> DataModelYaml.parse(yaml, "m.yaml"))
                    .isInstanceOf(DataModelException.class)
                    .hasMessageContaining("entities[1].source")
                    .hasMessageContaining("unknown source 'mian'");
        }

        @Test
        void reportsAnUnknownFieldType() {
            String yaml = MINIMAL.replace("{name: total, type: number}", "{name: total, type: numbr}");
            assertThatThrownBy(() -> DataModelYaml.parse(yaml, "m.yaml"))
                    .isInstanceOf(DataModelException.class)
                    .hasMessageContaining("entities[1].fields[2].type")
                    .hasMessageContaining("unknown value 'numbr'");
        }

        @Test
        void reportsARuleThatNamesAFieldTheEntityLacks() {
            String yaml = MINIMAL + """
                    rules:
                      - name: big
                        entity: orders
                        where: {type: compare, field: totl, op: gt, value: 100}
                    """;
            assertThatThrownBy(() -> DataModelYaml.parse(yaml, "m.yaml"))
                    .isInstanceOfSatisfying(DataModelException.class, e -> {
                        assertThat(e.path()).startsWith("rules[0].where");
                        assertThat(e.getMessage()).contains("totl");
                    });
        }

        @Test
        void reportsAMeasureThatRefersToItself() {
            String yaml = MINIMAL + """
                    measures:
                      - {name: a, entity: orders, expression: "b + 1"}
                      - {name: b, entity: orders, expression: "a * 2"}
                    """;
            assertThatThrownBy(() -> DataModelYaml.parse(yaml, "m.yaml"))
                    .isInstanceOf(DataModelException.class)
                    .hasMessageContaining("measures[0]")
                    .hasMessageContaining("refers to itself");
        }

        @Test
        void reportsAMalformedMeasureExpression() {
            String yaml = MINIMAL + """
                    measures:
                      - {name: a, entity: orders, expression: "(revenue - 1"}
                    """;
            assertThatThrownBy(() -> DataModelYaml.parse(yaml, "m.yaml"))
                    .isInstanceOf(DataModelException.class)
                    .hasMessageContaining("measures[0].expression")
                    .hasMessageContaining("')' is missing");
        }

        @Test
        void reportsADuplicateFieldName() {
            String yaml = MINIMAL.replace("{name: total, type: number}", "{name: id, type: number}");
            assertThatThrownBy(() -> DataModelYaml.parse(yaml, "m.yaml"))
                    .isInstanceOf(DataModelException.class)
                    .hasMessageContaining("duplicate name 'id'");
        }

        @Test
        void reportsAnEnumWithoutValues() {
            String yaml = MINIMAL.replace("{name: segment, type: enum, values: [VIP, {value: Regular, synonyms: [standard]}]}",
                    "{name: segment, type: enum}");
            assertThatThrownBy(() -> DataModelYaml.parse(yaml, "m.yaml"))
                    .isInstanceOf(DataModelException.class)
                    .hasMessageContaining("an enum field needs at least one value");
        }

        @Test
        void reportsABucketOfANonDateField(@TempDir Path dir) throws Exception {
            String yaml = MINIMAL.replace("{name: total, type: number}",
                    "{name: total, type: number}\n      - {name: month, type: string, bucket: {of: total, unit: month}}");
            Path file = dir.resolve("m.yaml");
            Files.writeString(file, yaml);
            assertThatThrownBy(() -> DataModelYaml.load(file))
                    .isInstanceOf(DataModelException.class)
                    .hasMessageContaining("bucket is derived from a date field");
        }

        @Test
        void reportsAMissingFile(@TempDir Path dir) {
            assertThatThrownBy(() -> DataModelYaml.load(dir.resolve("none.yaml")))
                    .isInstanceOf(DataModelException.class)
                    .hasMessageContaining("cannot read the file");
        }
    }

    @Test
    void loadsAMinimalModelAndKeepsEnumSynonyms() {
        DataModel model = DataModelYaml.parse(MINIMAL, "m.yaml");
        assertThat(model.requireEntity("customers").requireField("segment").canonicalValue("Standard")).contains("Regular");
        assertThat(model.rules()).isEmpty();
    }
}
