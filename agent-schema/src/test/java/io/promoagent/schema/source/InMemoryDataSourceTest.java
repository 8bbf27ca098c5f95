package io.promoagent.schema.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.testing.ShopFixture;
import io.promoagent.schema.ir.CalendarUnit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InMemoryDataSourceTest {

    private final DataModel model = ShopFixture.model();
    private final Entity orders = model.requireEntity("orders");
    private final InMemoryDataSource sales = new InMemoryDataSource("sales",
            ShopFixture.source(ShopFixture.data(), "orders", "promotions"));

    /** Every row of the cursor, which is closed after. */
    static List<Row> drain(SourceCursor cursor) {
        List<Row> rows = new ArrayList<>();
        try (cursor) {
            cursor.forEachRemaining(rows::add);
        }
        return rows;
    }

    @Nested
    class Reading {
        @Test
        void returnsTheRowsMeetingTheFilterInListOrder() {
            SourceCursor c = sales.open(SourceQuery.where(orders, Filter.and(Compare.eq("status", "completed"),
                    Compare.of("total", Operator.GTE, 100))));
            assertThat(drain(c)).extracting(r -> r.valueOrNull("id")).containsExactly("O1", "O4", "O7");
            assertThat(c.stats()).isEqualTo(new ExecutionStats(0, 7, 3, 1));
        }

        @Test
        void evaluatesAbsoluteTimeRanges() {
            SourceCursor c = sales.open(SourceQuery.where(orders, new Within("order_date",
                    new TimeRange.Between(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-30")))));
            assertThat(drain(c)).extracting(r -> r.valueOrNull("id")).containsExactly("O1", "O4", "O6");
        }

        @Test
        void projectsTheRequestedFieldsThatArePresent() {
            SourceCursor c = sales.open(new SourceQuery(orders, Optional.of(Compare.eq("id", "O2")),
                    List.of("id", "promotion_code", "total"), OptionalInt.empty()));
            assertThat(drain(c)).extracting(Row::values).containsExactly(java.util.Map.of("id", "O2", "total", new java.math.BigDecimal("60")));
        }

        @Test
        void stopsScanningAtTheLimit() {
            SourceCursor c = sales.open(new SourceQuery(orders, Optional.of(Compare.eq("status", "completed")),
                    List.of(), OptionalInt.of(2)));
            assertThat(drain(c)).hasSize(2);
            assertThat(c.stats().itemsScanned()).isEqualTo(2);
        }

        @Test
        void scansLazilySoThatClosingEarlyReadsLess() {
            SourceCursor c = sales.open(SourceQuery.all(orders));
            c.next();
            c.close();
            assertThat(c.hasNext()).isFalse();
            assertThat(c.stats()).isEqualTo(new ExecutionStats(0, 1, 1, 1));
        }
    }

    @Nested
    class Explaining {
        @Test
        void describesAScanOfTheListWithItsFilter() {
            Explanation e = sales.explain(new SourceQuery(orders, Optional.of(Compare.eq("status", "completed")),
                    List.of("id"), OptionalInt.of(5)));
            assertThat(e.source()).isEqualTo("sales");
            assertThat(e.operation()).isEqualTo("Scan");
            assertThat(e.accessPath()).isEqualTo("orders");
            assertThat(e.nativeQuery()).contains("\"field\":\"status\"").contains("completed");
            assertThat(e.notes()).contains("7 rows held in memory", "fields: id", "stops after 5 matching rows");
        }
    }

    @Nested
    class Refusing {
        @Test
        void anEntityItDoesNotHold() {
            assertThatThrownBy(() -> sales.open(SourceQuery.all(model.requireEntity("customers"))))
                    .isInstanceOf(DataSourceException.class).hasMessageContaining("'customers'")
                    .hasMessageContaining("orders, promotions");
        }

        @Test
        void filtersTheEngineMustResolve() {
            assertThatThrownBy(() -> sales.open(SourceQuery.where(orders, RuleRef.of("recent_orders"))))
                    .isInstanceOf(DataSourceException.class).hasMessageContaining("RuleRef");
            assertThatThrownBy(() -> sales.open(SourceQuery.where(orders, Filter.not(Related.exists("customer", null)))))
                    .isInstanceOf(DataSourceException.class).hasMessageContaining("Related");
            assertThatThrownBy(() -> sales.open(SourceQuery.where(orders,
                    new Within("order_date", new TimeRange.Last(3, CalendarUnit.DAY)))))
                    .isInstanceOf(DataSourceException.class).hasMessageContaining("absolute");
        }
    }
}
