package io.promoagent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.ShopFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A grouped statement whose having, order and limit run in SQL is finished row by row as PostgreSQL returns
 * it, so streaming its answer holds no group: seen through the row cap, which fails only once the cursor
 * reads past it, after the rows before it were handed on. One ordered in memory must hold every group first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupedStatementStreamingTest {

    private final DataModel model = ShopOnPostgres.model();
    private JdbcDataSource source;
    private QueryEngine engine;

    @BeforeAll
    void load() {
        source = JdbcDataSource.builder(ShopOnPostgres.load(model, ShopFixture.data(), NamingStrategy.AS_IS), model)
                .id("pg").maxRows(2).build();
        engine = QueryEngine.builder(model).source(source).clock(ShopFixture.CLOCK).build();
    }

    @AfterAll
    void close() {
        source.close();
    }

    @Test
    void groupsOrderedInSqlAreHandedOnAsRead() {
        List<Row> handed = new ArrayList<>();

        // four customers have orders: the cap of two is passed at the third group
        assertThatThrownBy(() -> engine.stream(QueryJson.read("""
                {"entity": "orders", "groupBy": [{"field": "customer_id"}], "aggregates": [{"fn": "count"}],
                 "orderBy": [{"by": "customer_id"}]}"""), handed::add))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("row cap");

        assertThat(handed).extracting(r -> r.valueOrNull("customer_id")).containsExactly("C1", "C2");
    }

    @Test
    void groupsOrderedInMemoryAreAllReadFirst() {
        List<Row> handed = new ArrayList<>();

        // an average is divided in memory, so the order by it is applied there, on every group
        assertThatThrownBy(() -> engine.stream(QueryJson.read("""
                {"entity": "orders", "groupBy": [{"field": "customer_id"}],
                 "aggregates": [{"measure": "average_order_value"}],
                 "orderBy": [{"by": "average_order_value"}]}"""), handed::add))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("row cap");

        assertThat(handed).isEmpty();
    }
}
