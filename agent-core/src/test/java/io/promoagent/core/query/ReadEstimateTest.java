package io.promoagent.core.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.source.Explanation;
import java.math.BigDecimal;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What an estimate sums from the engine's explanations, and when a budget asks. */
class ReadEstimateTest {

    private static final DataModel MODEL = DataModelYaml.parse("""
            sources:
              - {id: dyn, kind: dynamodb}
              - {id: pg, kind: jdbc}
            entities:
              - name: customers
                source: dyn
                table: customers
                key: {partition: id}
                fields:
                  - {name: id, type: string}
              - name: orders
                source: pg
                table: orders
                key: {partition: id}
                fields:
                  - {name: id, type: string}
                  - {name: customer_id, type: string}
            relationships:
              - {name: customer, from: orders.customer_id, to: customers.id, cardinality: many_to_one, inverse: orders}
            """, "two-sources.yaml");

    private static final Explanation SCAN = new Explanation("dyn", "Scan", "customers", "FilterExpression=...",
            5000, OptionalLong.of(80_000), List.of());
    private static final Explanation SELECT = new Explanation("pg", "SELECT", "orders", "SELECT customer_id FROM orders",
            0, List.of("estimated total cost: 1234.50 (PostgreSQL planner units)", "estimated rows: 300"));

    @Test
    void sumsReadUnitsRowsAndTheRowsThatCrossBetweenSources() {
        ReadEstimate e = ReadEstimate.of(MODEL, "customers", List.of(SELECT, SCAN), ReadPricing.defaults());

        assertThat(e.readUnits()).isEqualTo(5000);
        assertThat(e.rowsScanned()).isEqualTo(80_300);
        assertThat(e.rowsComplete()).isTrue();
        assertThat(e.crossingRows()).as("the orders read in PostgreSQL, joined to DynamoDB's customers").isEqualTo(300);
        assertThat(e.reads().get(0).plannerCost()).hasValue(1234.5);
        assertThat(e.reads().get(0).rows()).hasValue(300);
        assertThat(e.reads().get(1).fullScan()).isTrue();
        assertThat(e.cost()).isEqualByComparingTo("0.000625");
        assertThat(e.summary()).isEqualTo("2 source calls, about 80,300 records examined, 5,000 DynamoDB read units"
                + " (USD 0.00063), 300 records crossing between sources");
        assertThat(e.describe()).contains("1. pg: SELECT on orders, about 300 records, planner cost 1,234.50")
                .contains("2. dyn: Scan on customers, about 80,000 records, 5,000 read units (reads the whole table)")
                .contains("USD 0.125 per million read request units (us-east-1, since 2024-11-01)");
    }

    @Test
    void aSingleSourceHasNothingCrossingAndUnknownRowsMakeALowerBound() {
        Explanation lookup = new Explanation("dyn", "Lookup", "customers", "id in (:keys)", 0, List.of());

        ReadEstimate e = ReadEstimate.of(MODEL, "customers", List.of(SCAN, lookup), ReadPricing.defaults());

        assertThat(e.crossingRows()).isZero();
        assertThat(e.rowsComplete()).isFalse();
        assertThat(e.summary()).contains("at least 80,000 records examined");
    }

    @Test
    void aScanWithoutARowEstimateCountsTheItemsDescribeTableGave() {
        Explanation scan = new Explanation("dyn", "Scan", "customers", "", 12.5,
                List.of("estimated read units: 12.5 (from DescribeTable: 4321 items, 100000 bytes)"));

        assertThat(ReadEstimate.of(MODEL, "customers", List.of(scan), ReadPricing.defaults()).rowsScanned()).isEqualTo(4321);
    }

    @Test
    void theCostFollowsTheConfiguredPrice() {
        ReadPricing dearer = ReadPricing.defaults().withPricePerMillion(new BigDecimal("0.25"));

        assertThat(ReadEstimate.of(MODEL, "customers", List.of(SCAN), dearer).cost()).isEqualByComparingTo("0.00125");
    }

    @Nested
    class TheBudget {

        private final ReadEstimate scan = ReadEstimate.of(MODEL, "customers", List.of(SCAN), ReadPricing.defaults());

        @Test
        void theDefaultsLetAnOrdinaryReadRun() {
            assertThat(ReadBudget.DEFAULTS.exceededBy(scan)).isEmpty();
        }

        @Test
        void aFullScanOfALargeTableAlwaysAsks() {
            assertThat(ReadBudget.DEFAULTS.withLargeTableItems(50_000).exceededBy(scan))
                    .hasValue("it scans the whole customers table (80,000 items, more than the 50,000 that make a table large)");
        }

        @Test
        void readUnitsOrRowsOverTheBudgetAsk() {
            assertThat(ReadBudget.DEFAULTS.withReadUnits(4999).exceededBy(scan)).hasValueSatisfying(
                    why -> assertThat(why).isEqualTo("it needs about 5,000 read units, over the budget of 4,999"));
            assertThat(ReadBudget.DEFAULTS.withRowsScanned(1000).exceededBy(scan)).hasValueSatisfying(
                    why -> assertThat(why).isEqualTo("it examines about 80,000 records, over the budget of 1,000"));
        }

        @Test
        void anUnlimitedBudgetNeverAsks() {
            assertThat(ReadBudget.unlimited().isUnlimited()).isTrue();
            assertThat(ReadBudget.unlimited().exceededBy(scan)).isEmpty();
            assertThat(ReadBudget.DEFAULTS.isUnlimited()).isFalse();
        }
    }
}
