package io.promoagent.schema.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.testing.RecordingSource;
import io.promoagent.schema.testing.ShopFixture;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A semi-join whose related source reads distinct keys: the keys of an existence condition stream from it
 * into the outer read one batch at a time, instead of one row per related record counted per key first.
 * Customers in one source, orders (7, for the customers C1, C2, C4 and the unknown C9) in another that reads
 * distinct values; batches of 2 keys.
 */
class StreamedSemiJoinTest {

    private final DataModel model = ShopFixture.model();
    private final Map<String, List<Row>> data = ShopFixture.data();
    private final RecordingSource crm = new RecordingSource(
            new InMemoryDataSource("crm", ShopFixture.source(data, "customers")));
    private final RecordingSource.Distinct sales = new RecordingSource.Distinct(
            new InMemoryDataSource("sales", ShopFixture.source(data, "orders", "promotions")));
    private final QueryEngine engine = QueryEngine.builder(model).source(crm, sales).clock(ShopFixture.CLOCK)
            .semiJoinKeyLimit(2).build();

    private static List<Object> ids(QueryResult r) {
        return r.rows().stream().map(row -> row.valueOrNull("id")).toList();
    }

    private QueryResult checked(Query q) {
        QueryResult r = engine.execute(q);
        assertThat(r.rows()).isEqualTo(new ReferenceEvaluator(model, ShopFixture.CLOCK).evaluate(q, data).rows());
        return r;
    }

    @Test
    void theDistinctKeysStreamIntoTheOuterReadInBatches() {
        QueryResult r = checked(Query.builder("customers").where(Related.exists("orders", null)).build());

        assertThat(ids(r)).containsExactly("C1", "C2", "C4");
        // one distinct read of the orders' customer_id, no read of the orders themselves
        assertThat(sales.openedDistinct()).singleElement().extracting(SourceQuery::fields)
                .isEqualTo(List.of("customer_id"));
        assertThat(sales.opened()).isEmpty();
        // 4 distinct keys, more than a batch: two lookups of 2 keys each, in key order
        assertThat(crm.opened("customers")).extracting(SourceQuery::filter).containsExactly(
                Optional.of(Compare.of("id", Operator.IN, "C1", "C2")),
                Optional.of(Compare.of("id", Operator.IN, "C4", "C9")));
        assertThat(r.explanations().get(1).notes()).contains(
                "semi-join: id in the distinct customer_id of orders as they are read, in batches of at most 2",
                "2 calls");
        // the key read counts 4 values handed out, not 7 orders
        assertThat(r.stats().itemsReturned()).isEqualTo(4 + 3);
    }

    @Test
    void aLimitStopsAfterTheFirstBatchOfKeys() {
        QueryResult r = checked(Query.builder("customers").where(Related.exists("orders", null)).limit(1).build());

        assertThat(ids(r)).containsExactly("C1");
        assertThat(crm.opened("customers")).singleElement().satisfies(q ->
                assertThat(q.filter()).contains(Compare.of("id", Operator.IN, "C1", "C2")));
    }

    @Test
    void noKeyMeansTheOuterSourceIsNotCalled() {
        QueryResult r = checked(Query.builder("customers")
                .where(Related.exists("orders", Compare.eq("total", 123456))).build());

        assertThat(r.rows()).isEmpty();
        assertThat(crm.opened()).isEmpty();
        assertThat(r.explanations()).anySatisfy(e -> assertThat(e.notes()).anyMatch(n -> n.startsWith("not executed")));
    }

    @Test
    void aCountAboveOneStillCountsTheRelatedRowsPerKey() {
        // two orders or more: one is not enough, so the keys cannot be distinct values
        QueryResult r = checked(Query.builder("customers").where(new Related("orders", Optional.empty(),
                new CountCondition(Operator.GTE, 2))).build());

        assertThat(ids(r)).containsExactly("C1", "C2");
        assertThat(sales.openedDistinct()).isEmpty();
    }

    @Test
    void explainShowsTheDistinctKeyReadAndTheKeyedOuterRead() {
        List<Explanation> plan = engine.explain(Query.builder("customers").where(Related.exists("orders", null)).build());

        assertThat(sales.openedDistinct()).isEmpty();
        assertThat(crm.opened()).isEmpty();
        assertThat(plan).hasSize(2);
        assertThat(plan.get(0).source()).isEqualTo("sales");
        assertThat(plan.get(0).estimatedRows()).hasValue(4);
        assertThat(plan.get(0).notes()).contains("distinct values of customer_id, ascending");
        assertThat(plan.get(1).source()).isEqualTo("crm");
        assertThat(plan.get(1).notes()).contains("estimated 4 distinct customer_id keys cross from sales")
                .anyMatch(n -> n.startsWith("read orders first: 8 records (4 orders keys + 4 customers)"));
    }
}
