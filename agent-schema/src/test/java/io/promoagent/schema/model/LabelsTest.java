package io.promoagent.schema.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.testing.DemoShop;
import java.math.BigDecimal;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelsTest {

    private static final String MODEL = """
            sources:
              - {id: main, kind: memory}
            entities:
              - name: customers
                source: main
                key: {partition: id}
                fields:
                  - {name: id, type: string}
                  - {name: segment, type: string, label: customer tier}
                  - {name: email_status, type: string}
              - name: orders
                source: main
                key: {partition: id}
                fields:
                  - {name: id, type: string}
                  - {name: customer_id, type: string}
                  - {name: order_date, type: date}
            relationships:
              - {name: customer, from: orders.customer_id, to: customers.id, cardinality: many_to_one, inverse: orders}
            """;

    final DataModel model = DataModelYaml.parse(MODEL, "labels.yaml");

    @Nested
    class OfAField {

        @Test
        void isTheDeclaredLabel() {
            assertThat(model.requireEntity("customers").requireField("segment").label()).isEqualTo("customer tier");
            assertThat(Labels.of(model, "customers", "segment")).isEqualTo("customer tier");
        }

        @Test
        void isAReadableFormOfTheNameWhenNoneIsDeclared() {
            assertThat(model.requireEntity("orders").requireField("order_date").label()).isEqualTo("order date");
            assertThat(Labels.of(model, "customers", "email_status")).isEqualTo("email status");
        }

        @Test
        void followsRelationshipsAndEndsWithTheFieldsLabel() {
            assertThat(Labels.of(model, "orders", "customer.segment")).isEqualTo("customer customer tier");
            assertThat(Labels.of(model, "orders", "customer.email_status")).isEqualTo("customer email status");
        }

        @Test
        void makesANameTheModelDoesNotKnowReadable() {
            assertThat(Labels.of(model, "orders", "average_order_value")).isEqualTo("average order value");
            assertThat(Labels.of(model, "orders", "nowhere.total_spent")).isEqualTo("nowhere total spent");
        }

        @Test
        void canBeSetInJava() {
            Field f = Field.of("cogs", FieldType.NUMBER).withLabel("cost of goods").withDescription("kept");
            assertThat(f.label()).isEqualTo("cost of goods");
            assertThat(Field.of("cogs", FieldType.NUMBER).withLabel(" ").label()).isEqualTo("cogs");
        }

        @Test
        void ofTheDemoModelNamesTheContactFieldsAsPeopleWriteThem() {
            DataModel demo = DemoShop.model();
            assertThat(Labels.of(demo, "customers", "email_status")).isEqualTo("e-mail status");
            assertThat(Labels.of(demo, "orders", "customer.email")).isEqualTo("customer e-mail");
        }
    }

    @ParameterizedTest
    @CsvSource({"order_date,order date", "customer.segment,customer segment", "totalSpent,total spent",
            "email-status,email status", "ID,id"})
    void readableNames(String name, String readable) {
        assertThat(Labels.readable(name)).isEqualTo(readable);
    }

    @ParameterizedTest
    @CsvSource({"1,customers,1 customer", "17,customers,17 customers", "0,orders,0 orders", "1,categories,1 category",
            "1,addresses,1 address", "1,boxes,1 box", "2500,rows,'2,500 rows'"})
    void countsWithTheirNoun(long n, String noun, String counted) {
        assertThat(Labels.count(n, noun)).isEqualTo(counted);
    }

    @ParameterizedTest
    @CsvSource({"5168,'5,168'", "5168.00,'5,168.00'", "80.67172330,80.67", "0.039422,0.0394", "0.50,0.5",
            "1234567.891,'1,234,567.89'", "-3.5,-3.50"})
    void numbersAsPeopleReadThem(String value, String read) {
        assertThat(Labels.number(new BigDecimal(value))).isEqualTo(read);
    }
}
