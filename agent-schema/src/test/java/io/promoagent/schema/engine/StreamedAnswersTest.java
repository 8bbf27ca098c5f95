package io.promoagent.schema.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Select;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.ForwardingCursor;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.testing.ShopFixture;
import io.promoagent.schema.testing.StreamCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link QueryEngine#stream}: the same answer as {@link QueryEngine#execute}, in the documented order, and
 * handed out while the sources are still being read, which is what keeps an unordered answer out of memory.
 */
class StreamedAnswersTest {

    private static final int ORDERS = 3_000;
    private final DataModel model = ShopFixture.model();

    @ParameterizedTest
    @MethodSource("io.promoagent.schema.engine.QueryEngineTest#queries")
    void streamsWhatExecuteReturns(Query q) {
        Map<String, List<Row>> data = ShopFixture.data();
        QueryEngine engine = QueryEngine.builder(model).clock(ShopFixture.CLOCK)
                .source(new InMemoryDataSource("crm", ShopFixture.source(data, "customers")),
                        new InMemoryDataSource("sales", ShopFixture.source(data, "orders", "promotions"))).build();

        QueryResult executed = StreamCheck.executed(engine, q);

        assertThat(executed.rows()).isEqualTo(new ReferenceEvaluator(model, ShopFixture.CLOCK).evaluate(q, data).rows());
    }

    @Nested
    class Order {
        private final CountingSource sales = new CountingSource(new InMemoryDataSource("sales", manyOrders()));
        private final QueryEngine engine = engine(sales);

        @org.junit.jupiter.api.Test
        void withoutAnOrderRowsComeAsReadAndExecuteSortsThemByKey() {
            List<Object> read = new ArrayList<>();
            try (SourceCursor all = sales.open(SourceQuery.all(model.requireEntity("orders")))) {
                all.forEachRemaining(r -> read.add(r.valueOrNull("id")));
            }
            List<Object> streamed = new ArrayList<>();

            QueryStreamResult r = engine.stream(Query.builder("orders").build(), row -> streamed.add(row.valueOrNull("id")));

            assertThat(streamed).isEqualTo(read).isNotEqualTo(read.stream().sorted().toList());
            assertThat(r.rows()).isEqualTo(ORDERS);
            assertThat(engine.execute(Query.builder("orders").build()).rows().stream().map(x -> x.valueOrNull("id")))
                    .containsExactlyElementsOf(read.stream().sorted().toList());
        }

        @org.junit.jupiter.api.Test
        void withAnOrderRowsComeInThatOrderKeysBreakingTies() {
            List<Row> streamed = new ArrayList<>();

            engine.stream(Query.builder("orders").orderBy(OrderBy.desc("total")).limit(50).build(), streamed::add);

            assertThat(streamed).hasSize(50)
                    .isSortedAccordingTo(io.promoagent.schema.eval.RowOrder.of(List.of(OrderBy.desc("total")), List.of("id")));
        }
    }

    @Nested
    class Memory {
        private final CountingSource sales = new CountingSource(new InMemoryDataSource("sales", manyOrders()));
        private final QueryEngine engine = engine(sales);

        @org.junit.jupiter.api.Test
        void anUnorderedAnswerIsHandedOutBeforeTheSourceIsReadToItsEnd() {
            long[] readAtFirstRow = {-1};

            QueryStreamResult r = engine.stream(Query.builder("orders").where(Compare.eq("status", "completed")).build(),
                    row -> {
                        if (readAtFirstRow[0] < 0) {
                            readAtFirstRow[0] = sales.read;
                        }
                    });

            assertThat(readAtFirstRow[0]).isBetween(1L, 3L);
            // the source applies the filter: a third of the orders are completed
            assertThat(sales.read).isEqualTo(ORDERS / 3);
            assertThat(r.rows()).isPositive();
        }

        @org.junit.jupiter.api.Test
        void aRowLocalExpressionQueryIsHandedOutAChunkAtATime() {
            QueryEngine chunked = engine(QueryEngine.builder(model).inMemoryChunkSize(100), sales);
            long[] readAtFirstRow = {-1};
            // orders whose total is more than their customer's total spent, with the customer's name
            Query q = Query.builder("orders")
                    .where(Test.of(new Expr.FieldRef("total"), Operator.GT, new Expr.FieldRef("customer.total_spent")))
                    .select(Select.of(new Expr.FieldRef("customer.name"), "customer")).build();

            QueryStreamResult r = chunked.stream(q, row -> {
                if (readAtFirstRow[0] < 0) {
                    readAtFirstRow[0] = sales.read;
                }
            });

            assertThat(r.rows()).isPositive();
            assertThat(readAtFirstRow[0]).isBetween(1L, 100L);
            assertThat(sales.read).isEqualTo(ORDERS);
        }

        @org.junit.jupiter.api.Test
        void aSinkThatFailsEndsTheQueryAndClosesTheSource() {
            int[] seen = {0};

            assertThatThrownBy(() -> engine.stream(Query.builder("orders").build(), row -> {
                if (++seen[0] == 10) {
                    throw new IllegalStateException("enough");
                }
            })).isInstanceOf(IllegalStateException.class).hasMessage("enough");

            assertThat(sales.read).isLessThan(20);
            assertThat(sales.open).isZero();
        }

        @org.junit.jupiter.api.Test
        void anOrderedLimitReadsEverythingBeforeItsFirstRow() {
            long[] readAtFirstRow = {-1};

            engine.stream(Query.builder("orders").orderBy(OrderBy.asc("total")).limit(5).build(), row -> {
                if (readAtFirstRow[0] < 0) {
                    readAtFirstRow[0] = sales.read;
                }
            });

            assertThat(readAtFirstRow[0]).isEqualTo(ORDERS);
        }
    }

    private QueryEngine engine(DataSource sales) {
        return engine(QueryEngine.builder(model), sales);
    }

    private QueryEngine engine(QueryEngine.Builder b, DataSource sales) {
        return b.clock(ShopFixture.CLOCK)
                .source(new InMemoryDataSource("crm", ShopFixture.source(ShopFixture.data(), "customers")), sales).build();
    }

    /** Orders, not in key order, of the fixture's customers (and one unknown). */
    private static Map<String, List<Row>> manyOrders() {
        List<Row> orders = new ArrayList<>();
        String[] customers = {"C1", "C2", "C3", "C4", "C9"};
        String[] statuses = {"completed", "cancelled", "refunded"};
        for (int i = 0; i < ORDERS; i++) {
            int n = (i * 7_919) % ORDERS;
            orders.add(ShopFixture.row("id", String.format("O%05d", n), "customer_id", customers[n % customers.length],
                    "order_date", "2026-06-01", "total", n % 4_000, "status", statuses[n % statuses.length]));
        }
        Map<String, List<Row>> rows = new LinkedHashMap<>();
        rows.put("orders", orders);
        rows.put("promotions", List.of());
        return rows;
    }

    /** A source that counts the rows its cursors handed out and the cursors still open. */
    private static final class CountingSource implements DataSource {
        private final DataSource delegate;
        long read;
        int open;

        CountingSource(DataSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public Explanation explain(SourceQuery query) {
            return delegate.explain(query);
        }

        @Override
        public SourceCursor open(SourceQuery query) {
            SourceCursor cursor = delegate.open(query);
            open++;
            return new ForwardingCursor(cursor) {
                private boolean closed;

                @Override
                public Row next() {
                    read++;
                    return super.next();
                }

                @Override
                public void close() {
                    if (!closed) {
                        closed = true;
                        open--;
                    }
                    super.close();
                }
            };
        }
    }
}
