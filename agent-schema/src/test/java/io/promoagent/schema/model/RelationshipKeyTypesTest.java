package io.promoagent.schema.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A relationship across two sources joins by value: its keys must be of one type, or the join finds
 * nothing and says nothing. The model is refused at load with the entities, fields, types and sources.
 */
class RelationshipKeyTypesTest {

    private static String model(String ordersSource, String customerIdType, String idType) {
        return """
                sources:
                  - {id: dynamodb, kind: dynamodb}
                  - {id: postgres, kind: jdbc}
                entities:
                  - name: customers
                    source: dynamodb
                    key: {partition: id}
                    fields:
                      - {name: id, type: %s}
                  - name: orders
                    source: %s
                    key: {partition: id}
                    fields:
                      - {name: id, type: string}
                      - {name: customer_id, type: %s}
                relationships:
                  - {name: customer, from: orders.customer_id, to: customers.id, cardinality: many_to_one, inverse: orders}
                """.formatted(idType, ordersSource, customerIdType);
    }

    @Test
    void keysOfDifferentTypesAcrossSourcesFailWithTheirNamesAndTypes() {
        assertThatThrownBy(() -> DataModelYaml.parse(model("postgres", "integer", "string"), "shop.yaml"))
                .isInstanceOfSatisfying(DataModelException.class, e -> {
                    assertThat(e.path()).isEqualTo("relationships[0]");
                    assertThat(e.problem()).contains("relationship 'customer'",
                            "orders.customer_id (integer, source 'postgres')", "customers.id (string, source 'dynamodb')",
                            "same type");
                });
    }

    @Test
    void aDateKeyDoesNotJoinAStringKeyAcrossSources() {
        assertThatThrownBy(() -> DataModelYaml.parse(model("postgres", "date", "string"), "shop.yaml"))
                .isInstanceOf(DataModelException.class)
                .hasMessageContaining("orders.customer_id (date, source 'postgres')");
    }

    @Test
    void keysOfOneTypeOrOfOneKindJoinAcrossSources() {
        assertThat(DataModelYaml.parse(model("postgres", "string", "string"), "shop.yaml").relationships()).hasSize(1);
        assertThat(DataModelYaml.parse(model("postgres", "integer", "number"), "shop.yaml").relationships()).hasSize(1);
        assertThat(DataModelYaml.parse(model("postgres", "enum, values: [C1, C2]", "string"), "shop.yaml").relationships())
                .hasSize(1);
    }

    @Test
    void withinOneSourceTheSourceDecides() {
        // a single source compares its own columns; the check is about values crossing between sources
        assertThat(DataModelYaml.parse(model("dynamodb", "integer", "string"), "shop.yaml").relationships()).hasSize(1);
    }
}
