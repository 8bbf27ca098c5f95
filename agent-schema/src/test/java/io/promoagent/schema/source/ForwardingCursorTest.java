package io.promoagent.schema.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.testing.ShopFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A forwarding cursor is the cursor behind it in every call its subclass does not override. */
class ForwardingCursorTest {

    private final Entity orders = ShopFixture.model().requireEntity("orders");
    private final InMemoryDataSource sales = new InMemoryDataSource("sales",
            ShopFixture.source(ShopFixture.data(), "orders", "promotions"));

    private SourceCursor completed() {
        return sales.open(SourceQuery.where(orders, Compare.eq("status", "completed")));
    }

    @Test
    void handsOutTheRowsStatsAndExplanationOfTheCursorBehindIt() {
        List<Row> direct = InMemoryDataSourceTest.drain(completed());
        SourceCursor behind = completed();
        SourceCursor forwarding = new ForwardingCursor(behind) { };

        assertThat(forwarding.explanation()).isEqualTo(behind.explanation());
        assertThat(InMemoryDataSourceTest.drain(forwarding)).isNotEmpty().isEqualTo(direct);
        assertThat(forwarding.stats()).isEqualTo(behind.stats()).isNotEqualTo(ExecutionStats.NONE);
    }

    @Test
    void closingItClosesTheCursorBehindIt() {
        SourceCursor behind = completed();
        SourceCursor forwarding = new ForwardingCursor(behind) { };
        forwarding.next();

        forwarding.close();

        assertThat(behind.hasNext()).isFalse();
        assertThat(forwarding.hasNext()).isFalse();
    }

    @Test
    void aSubclassChangesOnlyWhatItOverrides() {
        List<Row> seen = new ArrayList<>();
        SourceCursor behind = completed();
        SourceCursor counting = new ForwardingCursor(behind) {
            @Override
            public Row next() {
                Row row = super.next();
                seen.add(row);
                return row;
            }
        };

        List<Row> rows = InMemoryDataSourceTest.drain(counting);

        assertThat(seen).isEqualTo(rows).isEqualTo(InMemoryDataSourceTest.drain(completed()));
        assertThat(counting.stats()).isEqualTo(behind.stats());
    }

    @Test
    void refusesNoCursor() {
        assertThatThrownBy(() -> new ForwardingCursor(null) { }).isInstanceOf(NullPointerException.class);
    }
}
