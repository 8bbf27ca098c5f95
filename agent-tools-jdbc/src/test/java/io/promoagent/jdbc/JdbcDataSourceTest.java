package io.promoagent.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelYaml;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.testing.ShopFixture;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The PostgreSQL source on the shop fixture: the statement it runs, explain, start-up checks and failures. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JdbcDataSourceTest {

    private final DataModel model = ShopOnPostgres.model();
    private DataSource db;
    private JdbcDataSource source;
    private QueryEngine engine;

    @BeforeAll
    void load() {
        db = ShopOnPostgres.load(model, ShopFixture.data(), NamingStrategy.AS_IS);
        source = JdbcDataSource.builder(db, model).id("pg").build();
        engine = QueryEngine.builder(model).source(source).clock(ShopFixture.CLOCK).build();
    }

    @AfterAll
    void close() {
        source.close();
    }

    private static Query query(String json) {
        return QueryJson.read(json);
    }

    @Nested
    class OneStatement {

        @Test
        void vipCustomersWithRecentOrdersRunAsOneStatementWithEveryValueBound() {
            QueryResult result = engine.execute(query("""
                    {"entity": "customers", "where": {"type": "and", "operands": [
                      {"type": "rule", "rule": "vip"},
                      {"type": "related", "via": "orders", "where": {"type": "rule", "rule": "recent_orders"}, "exists": true}]}}"""));

            assertThat(result.stats().calls()).isEqualTo(1);
            assertThat(result.explanations()).singleElement().satisfies(e -> {
                assertThat(e.operation()).isEqualTo("SELECT");
                assertThat(e.nativeQuery()).contains("EXISTS (SELECT 1 FROM \"orders\"").doesNotContain("VIP");
                assertThat(e.notes().get(0)).contains("'VIP'");
            });
        }

        @Test
        void averageOrderValueBySegmentGroupsThroughTheRelationshipInTheStatement() {
            QueryResult result = engine.execute(query("""
                    {"entity": "orders", "groupBy": [{"field": "customer.segment"}],
                     "aggregates": [{"measure": "average_order_value"}, {"fn": "count"}],
                     "orderBy": [{"by": "count", "direction": "desc"}]}"""));

            assertThat(result.stats().calls()).isEqualTo(1);
            assertThat(result.explanations().get(0).nativeQuery()).contains("LEFT JOIN LATERAL", "GROUP BY 1",
                    "FILTER (WHERE");
            assertThat(result.rows()).isNotEmpty();
        }
    }

    @Nested
    class Explain {

        @Test
        void explainsWithPostgresEstimatesWithoutRunningTheQuery() {
            String database = TestDatabases.name(db);
            int before = TestDatabases.statements(database).size();

            List<Explanation> plan = engine.explain(query("""
                    {"entity": "orders", "where": {"type": "compare", "field": "total", "op": "gt", "value": 100},
                     "orderBy": [{"by": "total", "direction": "desc"}], "limit": 3}"""));

            assertThat(plan).singleElement().satisfies(e -> {
                assertThat(e.source()).isEqualTo("pg");
                assertThat(e.accessPath()).isEqualTo("orders");
                assertThat(e.nativeQuery()).startsWith("SELECT ").contains("ORDER BY", "LIMIT ?");
                assertThat(e.notes()).anySatisfy(n -> assertThat(n).matches("estimated total cost: [0-9.]+ .*"))
                        .anySatisfy(n -> assertThat(n).startsWith("estimated rows: "))
                        .anySatisfy(n -> assertThat(n).contains("$1=100", "$2=3"));
            });
            List<String> ran = TestDatabases.statements(database);
            assertThat(ran.subList(before, ran.size())).filteredOn(s -> s.startsWith("SELECT")).isEmpty();
            assertThat(ran.subList(before, ran.size())).anySatisfy(s -> assertThat(s).startsWith("EXPLAIN (FORMAT JSON) SELECT"));
        }

        @Test
        void aRunReportsTheRowsReadAndOneCall() {
            QueryResult result = engine.execute(query("{\"entity\": \"orders\", \"where\": {\"type\": \"compare\", \"field\": \"status\", \"op\": \"eq\", \"value\": \"completed\"}}"));

            assertThat(result.stats().calls()).isEqualTo(1);
            assertThat(result.stats().itemsScanned()).isEqualTo(result.rows().size());
            assertThat(result.stats().itemsReturned()).isEqualTo(result.rows().size());
        }
    }

    @Nested
    class DistinctKeys {

        private List<Object> distinct(SourceQuery q) {
            List<Object> out = new java.util.ArrayList<>();
            try (SourceCursor c = source.openDistinct(q)) {
                c.forEachRemaining(row -> {
                    assertThat(row.values().keySet()).containsExactlyElementsOf(q.fields());
                    out.add(row.valueOrNull(q.fields().get(0)));
                });
            }
            return out;
        }

        /** The distinct non-null values of one field of the rows meeting a filter, computed from the fixture. */
        private List<Object> expected(String field, java.util.function.Predicate<Row> filter) {
            return ShopFixture.data().get("orders").stream().filter(filter).map(r -> r.valueOrNull(field))
                    .filter(java.util.Objects::nonNull).distinct().sorted(io.promoagent.schema.eval.Values::compare)
                    .toList();
        }

        @Test
        void readsEachValueOnceInAscendingOrderUnderTheFilter() {
            Entity orders = model.requireEntity("orders");
            SourceQuery completed = new SourceQuery(orders, java.util.Optional.of(Compare.eq("status", "completed")),
                    List.of("customer_id"), java.util.OptionalInt.empty());

            assertThat(distinct(completed)).isEqualTo(expected("customer_id",
                    r -> "completed".equals(r.valueOrNull("status"))));
            // more orders than customers: the distinct read returns fewer rows than the plain one
            try (SourceCursor plain = source.open(completed)) {
                long rows = 0;
                while (plain.hasNext()) {
                    plain.next();
                    rows++;
                }
                assertThat(distinct(completed).size()).isLessThan((int) rows);
            }
        }

        @Test
        void leavesNullsOutAndStopsAtTheLimit() {
            Entity orders = model.requireEntity("orders");
            List<Object> codes = expected("promotion_code", r -> true);
            assertThat(distinct(new SourceQuery(orders, java.util.Optional.empty(), List.of("promotion_code"),
                    java.util.OptionalInt.empty()))).isEqualTo(codes).doesNotContainNull();
            assertThat(distinct(new SourceQuery(orders, java.util.Optional.empty(), List.of("promotion_code"),
                    java.util.OptionalInt.of(1)))).isEqualTo(codes.subList(0, 1));
        }

        @Test
        void explainsTheDistinctStatementWithPostgresEstimateOfTheValues() {
            Entity orders = model.requireEntity("orders");
            Explanation e = source.explainDistinct(new SourceQuery(orders, java.util.Optional.empty(),
                    List.of("customer_id"), java.util.OptionalInt.empty()));
            assertThat(e.nativeQuery()).startsWith("SELECT DISTINCT ").contains("IS NOT NULL", "ORDER BY 1");
            assertThat(e.estimatedRows()).isPresent();
            assertThat(e.estimatedRows().getAsLong()).isBetween(1L, (long) ShopFixture.data().get("orders").size());
            assertThatThrownBy(() -> source.openDistinct(new SourceQuery(orders, java.util.Optional.empty(),
                    List.of("customer_id", "status"), java.util.OptionalInt.empty())))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one field");
        }
    }

    @Nested
    class StartUp {

        @Test
        void aMissingTableIsNamedWithTheNearestOnes() {
            assertThatThrownBy(() -> JdbcDataSource.builder(db, model).id("pg").table("orders", "order").build())
                    .isInstanceOfSatisfying(SchemaMismatchException.class, e -> {
                        assertThat(e.problems()).singleElement().asString()
                                .contains("entity 'orders'", "table \"order\" does not exist", "nearest: orders");
                    });
        }

        @Test
        void aMissingColumnIsNamedWithTheNearestOnes() {
            assertThatThrownBy(() -> JdbcDataSource.builder(db, model).id("pg").column("customers", "total_spent", "totalspent").build())
                    .isInstanceOfSatisfying(SchemaMismatchException.class, e -> assertThat(e.problems()).singleElement()
                            .asString().contains("customers.total_spent", "\"totalspent\"", "nearest: total_spent"));
        }

        @Test
        void aDatabaseThatCannotBeReachedIsSaidPlainly() {
            org.postgresql.ds.PGSimpleDataSource nowhere = new org.postgresql.ds.PGSimpleDataSource();
            nowhere.setServerNames(new String[] {"127.0.0.1"});
            nowhere.setPortNumbers(new int[] {1});
            nowhere.setConnectTimeout(2);

            assertThatThrownBy(() -> JdbcDataSource.builder(nowhere, model).id("pg").build())
                    .isInstanceOf(DataSourceException.class).hasMessageContaining("cannot connect to PostgreSQL");
        }

        @Test
        void theDataModelNamesTheTableAndColumnsOfItsOwn() {
            String yaml = ShopFixture.MODEL_YAML.replace("{id: crm, kind: memory}", "{id: pg, kind: jdbc}")
                    .replace("  - {id: sales, kind: memory}\n", "").replace("source: crm", "source: pg\n    table: crm_customer")
                    .replace("source: sales", "source: pg")
                    .replace("{name: total_spent, type: number}", "{name: total_spent, type: number, column: lifetime_value_usd}");
            DataModel mapped = DataModelYaml.parse(yaml, "mapped.yaml");
            assertThat(mapped.requireEntity("customers").requireField("total_spent").column()).contains("lifetime_value_usd");
            DataSource own = ShopOnPostgres.load(mapped, ShopFixture.data(), NamingStrategy.AS_IS);
            try (TestDatabases.Dropped dropped = TestDatabases.dropAfter(own);
                 JdbcDataSource s = JdbcDataSource.builder(own, mapped).id("pg").build()) {
                assertThat(s.tableOf("customers")).isEqualTo("crm_customer");
                assertThat(s.columnOf("customers", "total_spent")).isEqualTo("lifetime_value_usd");
                QueryEngine e = QueryEngine.builder(mapped).source(s).clock(ShopFixture.CLOCK).build();
                Query big = query("{\"entity\": \"customers\", \"fields\": [\"total_spent\"], \"where\": {\"type\": \"compare\","
                        + " \"field\": \"total_spent\", \"op\": \"gt\", \"value\": 500}, \"orderBy\": [{\"by\": \"total_spent\", \"direction\": \"desc\"}]}");
                QueryResult result = e.execute(big);
                assertThat(result.explanations().get(0).nativeQuery()).contains("\"crm_customer\"", "\"lifetime_value_usd\"");
                assertThat(result.rows()).extracting(r -> r.valueOrNull("total_spent").toString()).containsExactly("3000", "2500.00", "800.50");
                // the same data model over the shop's own tables: the start-up check names the column it lacks
                assertThatThrownBy(() -> JdbcDataSource.builder(db, mapped).id("pg").table("customers", "customers").build())
                        .isInstanceOfSatisfying(SchemaMismatchException.class, x -> assertThat(x.problems()).singleElement()
                                .asString().contains("customers.total_spent", "\"lifetime_value_usd\"", "nearest:"));
            }
        }

        @Test
        void aModelWrittenForDynamoDbRunsWhenOnlyTheKindChanges() {
            String yaml = ShopFixture.MODEL_YAML.replace("{id: crm, kind: memory}", "{id: pg, kind: jdbc}")
                    .replace("  - {id: sales, kind: memory}\n", "").replace("source: crm", "source: pg")
                    .replace("source: sales", "source: pg")
                    .replace("    key: {partition: id}\n    fields:\n      - {name: id, type: string}\n      - {name: customer_id",
                            "    key: {partition: id}\n    indexes: [{name: customer-index, partition: customer_id, sort: order_date}]\n"
                                    + "    fields:\n      - {name: id, type: string}\n      - {name: customer_id");
            DataModel dynamoStyle = DataModelYaml.parse(yaml, "dynamo-style.yaml");
            assertThat(dynamoStyle.requireEntity("orders").indexes()).isNotEmpty();

            try (JdbcDataSource s = JdbcDataSource.builder(db, dynamoStyle).id("pg").build()) {
                QueryEngine e = QueryEngine.builder(dynamoStyle).source(s).clock(ShopFixture.CLOCK).build();
                assertThat(e.execute(query("{\"entity\": \"orders\", \"where\": {\"type\": \"compare\", \"field\": \"order_month\", \"op\": \"eq\", \"value\": \"2026-06\"}}")).rows())
                        .isNotEmpty().allSatisfy(r -> assertThat(r.valueOrNull("order_date").toString()).startsWith("2026-06"));
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Failures {

        private DataSource big;
        private DataModel numbers = DataModelYaml.parse("""
                sources: [{id: pg, kind: jdbc}]
                entities:
                  - name: numbers
                    source: pg
                    key: {partition: id}
                    fields:
                      - {name: id, type: integer}
                      - {name: parent, type: integer}
                      - {name: n, type: integer}
                relationships:
                  - {name: up, from: numbers.parent, to: numbers.id, cardinality: many_to_one, inverse: children}
                """, "numbers.yaml");
        // counting each number's children with a correlated subquery over an unindexed column: seconds of work
        private final Query slow = query("""
                {"entity": "numbers", "where": {"type": "related", "via": "children", "count": {"op": "gt", "value": 1},
                 "where": {"type": "compare", "field": "n", "op": "gte", "value": 0}}}""");

        @BeforeAll
        void fill() throws SQLException {
            big = TestDatabases.newDatabase("numbers");
            try (Connection c = big.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE numbers (id numeric PRIMARY KEY, parent numeric, n numeric)");
                s.execute("INSERT INTO numbers SELECT i, i % 997, i FROM generate_series(1, 40000) i");
                s.execute("ANALYZE numbers");
            }
        }

        private JdbcDataSource numbersSource(Duration timeout, int maxRows) {
            return JdbcDataSource.builder(big, numbers).id("pg").statementTimeout(timeout).maxRows(maxRows).build();
        }

        @Test
        void aStatementOverItsTimeoutFailsWithNoAnswer() {
            try (JdbcDataSource s = numbersSource(Duration.ofMillis(200), 100_000)) {
                QueryEngine e = QueryEngine.builder(numbers).source(s).build();
                long started = System.nanoTime();
                assertThatThrownBy(() -> e.execute(slow)).isInstanceOf(DataSourceException.class)
                        .hasMessageContaining("no result was returned").hasMessageContaining("statement timeout");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            }
        }

        @Test
        void moreRowsThanTheCapFailRatherThanReturnPartOfTheAnswer() {
            try (JdbcDataSource s = numbersSource(Duration.ofSeconds(30), 1000)) {
                QueryEngine e = QueryEngine.builder(numbers).source(s).build();
                assertThatThrownBy(() -> e.execute(query("{\"entity\": \"numbers\"}")))
                        .isInstanceOf(DataSourceException.class).hasMessageContaining("more than 1000 rows");
                assertThat(e.execute(query("{\"entity\": \"numbers\", \"limit\": 1000}")).rows()).hasSize(1000);
            }
        }

        @Test
        void aCancelledRequestCancelsItsStatement() throws Exception {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (JdbcDataSource s = numbersSource(Duration.ofSeconds(60), 100_000)) {
                QueryEngine e = QueryEngine.builder(numbers).source(s).build();
                Future<QueryResult> running = pool.submit(() -> e.execute(slow));
                Thread.sleep(500);
                long cancelled = System.nanoTime();
                running.cancel(true);
                // the server stops working on it: no backend of this database is still active soon after
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (activeStatements(big) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertThat(activeStatements(big)).isZero();
                assertThat(Duration.ofNanos(System.nanoTime() - cancelled)).isLessThan(Duration.ofSeconds(5));
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void aConnectionLostMidQueryFailsWithAClearError() throws SQLException {
            try (JdbcDataSource s = JdbcDataSource.builder(big, numbers).id("pg").fetchSize(10).build()) {
                Entity entity = numbers.requireEntity("numbers");
                SourceCursor cursor = s.open(SourceQuery.where(entity, Compare.of("n", Operator.GT, BigDecimal.ZERO)));
                assertThat(cursor.next()).isInstanceOf(Row.class);
                try (Connection c = big.getConnection(); Statement st = c.createStatement()) {
                    st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                            + " WHERE datname = current_database() AND pid <> pg_backend_pid()");
                }
                assertThatThrownBy(() -> {
                    while (cursor.hasNext()) {
                        cursor.next();
                    }
                }).isInstanceOf(DataSourceException.class).hasMessageContaining("no result was returned");
                cursor.close();
            }
        }

        private int activeStatements(DataSource database) throws SQLException {
            try (Connection c = database.getConnection(); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                         + " AND pid <> pg_backend_pid() AND state = 'active'")) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
