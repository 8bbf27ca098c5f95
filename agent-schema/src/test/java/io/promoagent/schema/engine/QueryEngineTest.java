package io.promoagent.schema.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.testing.RecordingSource;
import io.promoagent.schema.testing.ShopFixture;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.validate.InvalidQueryException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class QueryEngineTest {

    private final DataModel model = ShopFixture.model();
    private final Map<String, List<Row>> data = ShopFixture.data();
    private final RecordingSource crm = new RecordingSource(
            new InMemoryDataSource("crm", ShopFixture.source(data, "customers")));
    private final RecordingSource sales = new RecordingSource(
            new InMemoryDataSource("sales", ShopFixture.source(data, "orders", "promotions")));
    private QueryEngine engine;

    @BeforeEach
    void build() {
        engine = engine(QueryEngine.builder(model));
    }

    private QueryEngine engine(QueryEngine.Builder b) {
        return b.source(crm, sales).clock(ShopFixture.CLOCK).build();
    }

    private static List<Object> ids(QueryResult r) {
        return r.rows().stream().map(row -> row.valueOrNull("id")).toList();
    }

    static Stream<Query> queries() {
        return Stream.of(
                Query.builder("customers").build(),
                Query.builder("customers").where(Compare.of("total_spent", Operator.BETWEEN, 500, 2500)).build(),
                Query.builder("customers").where(new Compare("name", Operator.CONTAINS, List.of("JOHN"), true)).build(),
                Query.builder("customers").where(Filter.not(Compare.eq("marketing_opt_in", true))).build(),
                Query.builder("customers").where(new Within("last_login", new TimeRange.Calendar(CalendarUnit.DAY, 0))).build(),
                Query.builder("customers").where(RuleRef.of("vip_active_buyer")).build(),
                Query.builder("customers").where(RuleRef.of("active_buyer", "days", 365)).build(),
                Query.builder("customers").where(Related.notExists("orders", Compare.eq("status", "completed"))).build(),
                Query.builder("customers").where(new Related("orders", Optional.empty(), new CountCondition(Operator.GTE, 2))).build(),
                Query.builder("customers").where(new Related("orders", Optional.empty(), new CountCondition(Operator.LT, 2))).build(),
                Query.builder("customers").where(Filter.or(Compare.eq("segment", "Regular"),
                        Related.exists("orders", Compare.eq("status", "cancelled")))).build(),
                Query.builder("customers").fields("name").orderBy(OrderBy.desc("last_login")).limit(3).build(),
                Query.builder("orders").where(Compare.eq("customer.segment", "VIP")).orderBy(OrderBy.asc("total")).build(),
                Query.builder("orders").where(Filter.not(Compare.eq("customer.segment", "VIP"))).build(),
                Query.builder("orders").where(Related.exists("customer", Related.exists("orders",
                        Compare.eq("status", "cancelled")))).build(),
                Query.builder("orders").orderBy(OrderBy.asc("promotion_code"), OrderBy.desc("total")).limit(4).build(),
                Query.builder("orders").groupBy(GroupBy.of("status")).aggregate(Aggregate.count(),
                        Aggregate.of(AggregateFunction.SUM, "total"), Aggregate.of(AggregateFunction.AVG, "total"),
                        Aggregate.of(AggregateFunction.MIN, "order_date"), Aggregate.of(AggregateFunction.MAX, "total")).build(),
                Query.builder("orders").groupBy(GroupBy.of("customer.segment"), GroupBy.of("order_date", CalendarUnit.QUARTER))
                        .aggregate(Aggregate.count(), Aggregate.of(AggregateFunction.COUNT_DISTINCT, "customer.country")).build(),
                Query.builder("orders").aggregate(Aggregate.measure("revenue"), Aggregate.measure("gross_margin"),
                        Aggregate.measure("vip_sales"), Aggregate.measure("revenue_per_refund")).build(),
                Query.builder("orders").where(Compare.eq("total", 123456)).aggregate(Aggregate.count(),
                        Aggregate.of(AggregateFunction.SUM, "total")).build(),
                Query.builder("orders").groupBy(GroupBy.of("customer_id"))
                        .aggregate(new Aggregate.Of(AggregateFunction.SUM, Optional.of("total"), Optional.of("spent")))
                        .having(Compare.of("spent", Operator.GT, 100)).orderBy(OrderBy.desc("spent")).limit(2).build(),
                Query.builder("orders").groupBy(GroupBy.of("promotion.status")).aggregate(Aggregate.measure("revenue")).build());
    }

    @ParameterizedTest
    @MethodSource("queries")
    void givesTheReferenceEvaluatorsResult(Query q) {
        QueryResult expected = new ReferenceEvaluator(model, ShopFixture.CLOCK).evaluate(q, data);
        QueryResult actual = engine.execute(q);
        assertThat(actual.columns()).isEqualTo(expected.columns());
        assertThat(actual.rows()).isEqualTo(expected.rows());
    }

    @Nested
    class SemiJoins {
        @Test
        void anExistsConditionBecomesAnInOnTheKeysReadFromTheOtherSource() {
            QueryResult r = engine.execute(Query.builder("customers")
                    .where(Related.exists("orders", RuleRef.of("recent_orders"))).build());
            assertThat(ids(r)).containsExactly("C1", "C2");
            SourceQuery orders = sales.opened("orders").get(0);
            assertThat(orders.fields()).containsExactly("customer_id", "id");
            assertThat(orders.filter()).contains(new Within("order_date",
                    new TimeRange.Between(LocalDate.parse("2026-05-31"), LocalDate.parse("2026-06-30"))));
            SourceQuery customers = crm.opened("customers").get(0);
            assertThat(customers.filter()).contains(Compare.of("id", Operator.IN, "C1", "C2", "C9"));
            assertThat(r.explanations()).hasSize(2);
            assertThat(r.explanations().get(1).notes()).anyMatch(n -> n.startsWith("semi-join: id in 3 keys"));
        }

        @Test
        void aCountAboveZeroPushesOnlyTheKeysWithEnoughRelatedRecords() {
            // the related side is the smaller one (3 cancelled or refunded orders against 4 customers): read first
            QueryResult r = engine.execute(Query.builder("customers").where(new Related("orders",
                    Optional.of(Compare.of("status", Operator.IN, "cancelled", "refunded")),
                    new CountCondition(Operator.GT, 0))).build());
            assertThat(ids(r)).containsExactly("C1", "C2");
            assertThat(crm.opened("customers").get(0).filter()).contains(Compare.of("id", Operator.IN, "C1", "C2"));
            assertThat(r.explanations().get(1).notes()).contains("read orders first: 4 records (2 orders rows + 2 customers),"
                    + " 0.0 read units vs customers first: 4 to 6 records (4 customers + at most 2 orders rows), 0.0 read"
                    + " units");
        }

        @Test
        void theSmallerOuterSideIsReadFirstAndItsKeysChecked() {
            // 1 customer in DE against 7 orders: the customers are read first, and their keys checked in orders
            QueryResult r = engine.execute(Query.builder("customers").where(Filter.and(Compare.eq("country", "DE"),
                    Related.notExists("orders", null))).build());
            assertThat(ids(r)).containsExactly("C3");
            assertThat(crm.opened("customers").get(0).filter()).contains(Compare.eq("country", "DE"));
            assertThat(sales.opened("orders").get(0).filter()).contains(Compare.of("customer_id", Operator.IN, "C3"));
            assertThat(sales.opened("orders").get(0).fields()).containsExactly("customer_id");
            assertThat(r.explanations().get(0).notes()).contains("read customers first: 1 to 2 records (1 customers +"
                    + " at most 1 orders rows), 0.0 read units vs orders first: 8 records (7 orders rows + 1 customers), 0.0"
                    + " read units");
        }

        @Test
        void aCountAboveZeroIsCheckedPerBatchWhenTheOuterSideIsRead() {
            QueryEngine small = engine(QueryEngine.builder(model).semiJoinKeyLimit(2));
            QueryResult r = small.execute(Query.builder("customers")
                    .where(new Related("orders", Optional.empty(), new CountCondition(Operator.GT, 1))).build());
            assertThat(ids(r)).containsExactly("C1", "C2");
            // 4 customers in batches of 2: two checks, each with only that batch's keys
            assertThat(sales.opened("orders")).extracting(SourceQuery::filter).containsExactly(
                    Optional.of(Compare.of("customer_id", Operator.IN, "C1", "C2")),
                    Optional.of(Compare.of("customer_id", Operator.IN, "C3", "C4")));
            assertThat(r.explanations().get(1).notes()).contains("2 calls");
        }

        @Test
        void moreKeysThanOneRequestTakesButFewerThanTheOuterReadArePushedInBatches() {
            QueryEngine small = engine(QueryEngine.builder(model).semiJoinKeyLimit(2));
            // 4 completed orders since May (customers C1, C1, C2, C9) against 4 customers: orders first (a tie
            // reads the related side first, as within one source), 3 keys
            QueryResult r = small.execute(Query.builder("customers").where(Related.exists("orders", Filter.and(
                    Compare.eq("status", "completed"), Compare.of("order_date", Operator.GTE, "2026-05-01")))).build());
            assertThat(ids(r)).containsExactly("C1", "C2");
            assertThat(crm.opened("customers")).extracting(SourceQuery::filter).containsExactly(
                    Optional.of(Compare.of("id", Operator.IN, "C1", "C2")), Optional.of(Compare.of("id", Operator.IN, "C9")));
            assertThat(r.explanations().get(1).notes()).contains("read orders first: 8 records (4 orders rows + 4 customers), 0.0 read"
                    + " units vs customers first: 4 to 8 records (4 customers + at most 4 orders rows), 0.0 read units",
                    "semi-join: id in 3 keys read from orders, in batches of at most 2", "2 calls");
        }

        @Test
        void explainShowsTheDirectionAndTheEstimatesBeforeReading() {
            List<Explanation> plan = engine.explain(Query.builder("customers").where(Filter.and(
                    Compare.eq("country", "DE"), Related.exists("orders", null))).build());
            assertThat(crm.opened("customers")).isEmpty();
            assertThat(sales.opened("orders")).isEmpty();
            assertThat(plan).hasSize(2);
            assertThat(plan.get(0).estimatedRows()).hasValue(1);
            assertThat(plan.get(0).notes()).contains("read customers first: 1 to 2 records (1 customers + at most 1"
                    + " orders rows), 0.0 read units vs orders first: 8 records (7 orders rows + 1 customers), 0.0 read units");
            assertThat(plan.get(1).source()).isEqualTo("sales");
            // the orders of the one customer's key, at least one per key, at most the 7 orders
            assertThat(plan.get(1).estimatedRows()).hasValue(1);
        }

        @Test
        void tooManyKeysAreCheckedInMemoryInstead() {
            QueryEngine small = engine(QueryEngine.builder(model).semiJoinKeyLimit(2));
            QueryResult r = small.execute(Query.builder("customers").where(Related.exists("orders", null)).build());
            assertThat(ids(r)).containsExactly("C1", "C2", "C4");
            assertThat(crm.opened("customers").get(0).filter()).isEmpty();
        }

        @Test
        void noQualifyingKeyMeansTheOuterSourceIsNotCalled() {
            QueryResult r = engine.execute(Query.builder("customers")
                    .where(Related.exists("orders", Compare.eq("total", 123456))).build());
            assertThat(r.rows()).isEmpty();
            assertThat(crm.opened()).isEmpty();
            assertThat(r.explanations()).hasSize(2);
            assertThat(r.explanations().get(1).notes()).anyMatch(n -> n.startsWith("not executed"));
        }

        @Test
        void aConditionUnderOrIsCheckedByTheEngine() {
            QueryResult r = engine.execute(Query.builder("customers").where(Filter.or(Compare.eq("segment", "Regular"),
                    Related.exists("orders", Compare.eq("status", "cancelled")))).build());
            assertThat(ids(r)).containsExactly("C2", "C3");
            assertThat(crm.opened("customers").get(0).filter()).isEmpty();
            assertThat(crm.opened("customers").get(0).fields()).contains("segment", "id");
        }
    }

    @Nested
    class GroupingThroughRelationships {
        @Test
        void looksUpTheRelatedRecordsInBatchesByKey() {
            QueryEngine batched = engine(QueryEngine.builder(model).lookupBatchSize(2));
            QueryResult r = batched.execute(Query.builder("orders").groupBy(GroupBy.of("customer.segment"))
                    .aggregate(Aggregate.count()).build());
            assertThat(r.rows()).hasSize(3);
            List<SourceQuery> lookups = crm.opened("customers");
            assertThat(lookups).hasSize(2);
            assertThat(lookups.get(0).filter()).contains(Compare.of("id", Operator.IN, "C1", "C2"));
            assertThat(lookups.get(1).filter()).contains(Compare.of("id", Operator.IN, "C4", "C9"));
            assertThat(lookups.get(0).fields()).containsExactly("id", "segment");
            assertThat(r.explanations()).hasSize(2);
            assertThat(r.explanations().get(1).notes()).contains("2 calls");
        }

        @Test
        void readsOnlyTheJoinFieldFromTheGroupedEntity() {
            engine.execute(Query.builder("orders").groupBy(GroupBy.of("customer.segment")).aggregate(Aggregate.count()).build());
            assertThat(sales.opened("orders").get(0).fields()).containsExactlyInAnyOrder("customer_id", "id");
        }
    }

    @Nested
    class ExpressionsThroughRelationships {
        private Query spentMoreThanTheOrder(Filter narrowing) {
            return Query.builder("orders").where(Filter.and(narrowing, io.promoagent.schema.ir.Test.of(
                    new Expr.FieldRef("total"), Operator.LT, new Expr.FieldRef("customer.total_spent")))).build();
        }

        @Test
        void looksUpOnlyTheReferencedRecordsByKey() {
            Query q = spentMoreThanTheOrder(Filter.and(Compare.eq("status", "completed"),
                    Compare.of("order_date", Operator.GTE, "2026-01-01")));
            QueryResult r = engine.execute(q);
            assertThat(r.rows()).isEqualTo(new ReferenceEvaluator(model, ShopFixture.CLOCK).evaluate(q, data).rows());
            assertThat(ids(r)).containsExactly("O1", "O2", "O4");
            List<SourceQuery> customers = crm.opened("customers");
            assertThat(customers).hasSize(1);
            assertThat(customers.get(0).filter()).contains(Compare.of("id", Operator.IN, "C1", "C2", "C9"));
            // O1, O2, O4 and O6 from sales; C1 and C2 (C9 does not exist) instead of the 4 customers
            assertThat(r.stats().itemsReturned()).isEqualTo(4 + 2);
            assertThat(r.explanations().get(1).notes()).anyMatch(n -> n.startsWith("lookup of customer"));
        }

        @Test
        void checkARelatedRecordConditionAgainOnTheLookedUpRecords() {
            Query q = spentMoreThanTheOrder(Related.exists("customer", Compare.eq("segment", "VIP")));
            QueryResult r = engine.execute(q);
            assertThat(r.rows()).isEqualTo(new ReferenceEvaluator(model, ShopFixture.CLOCK).evaluate(q, data).rows());
            assertThat(ids(r)).containsExactly("O1", "O2", "O3");
            List<SourceQuery> customers = crm.opened("customers");
            assertThat(customers).allSatisfy(c -> assertThat(c.filter()).isPresent());
            assertThat(customers.get(customers.size() - 1).filter()).contains(Compare.of("id", Operator.IN, "C1", "C4"));
        }

        @Test
        void readTheRelatedEntityWholeWhenThatReadsNoMore() {
            Query q = spentMoreThanTheOrder(Compare.eq("status", "completed"));
            QueryResult r = engine.execute(q);
            assertThat(r.rows()).isEqualTo(new ReferenceEvaluator(model, ShopFixture.CLOCK).evaluate(q, data).rows());
            // C1, C2, C4 and C9 are as many keys as the 4 customers
            assertThat(crm.opened("customers")).singleElement().satisfies(c -> assertThat(c.filter()).isEmpty());
        }
    }

    @Nested
    class PlainQueries {
        @Test
        void passTheLimitToTheSourceWhenNothingIsLeftToDo() {
            QueryResult r = engine.execute(Query.builder("orders").where(Compare.eq("status", "completed")).limit(2).build());
            assertThat(r.rows()).hasSize(2);
            assertThat(sales.opened("orders").get(0).limit()).hasValue(2);
            assertThat(r.stats().itemsReturned()).isEqualTo(2);
        }

        @Test
        void keepTheLimitWhenTheEngineStillFilters() {
            QueryResult r = engine.execute(Query.builder("customers").where(Related.notExists("orders", null)).limit(1).build());
            assertThat(ids(r)).containsExactly("C3");
            assertThat(crm.opened("customers").get(0).limit()).isEmpty();
        }

        @Test
        void orderedWithALimitReadEverythingButKeepOnlyTheBest() {
            QueryResult r = engine.execute(Query.builder("orders").orderBy(OrderBy.desc("total")).limit(2).build());
            assertThat(ids(r)).containsExactly("O7", "O4");
            assertThat(sales.opened("orders").get(0).limit()).isEmpty();
        }

        @Test
        void askTheSourceOnlyForTheFieldsTheyNeed() {
            QueryResult r = engine.execute(Query.builder("customers").fields("name").where(RuleRef.of("vip"))
                    .orderBy(OrderBy.desc("total_spent")).build());
            assertThat(crm.opened("customers").get(0).fields()).containsExactlyInAnyOrder("name", "id", "total_spent");
            assertThat(r.columns()).containsExactly("name", "id");
            assertThat(r.rows().get(0).values()).isEqualTo(Map.of("name", "Ann Lee", "id", "C4"));
        }
    }

    @Nested
    class CostAndExplanations {
        @Test
        void statsAreSummedOverEverySourceCall() {
            QueryResult r = engine.execute(Query.builder("customers").where(Related.exists("orders", null)).build());
            assertThat(r.stats().calls()).isEqualTo(2);
            assertThat(r.stats().itemsScanned()).isEqualTo(7 + 4);
            assertThat(r.stats().itemsReturned()).isEqualTo(7 + 3);
        }

        @Test
        void explainPlansEveryCallWithoutReading() {
            List<Explanation> plan = engine.explain(Query.builder("orders")
                    .where(Related.exists("customer", RuleRef.of("vip")))
                    .groupBy(GroupBy.of("promotion.status")).aggregate(Aggregate.measure("revenue")).build());
            assertThat(crm.opened()).isEmpty();
            assertThat(sales.opened()).isEmpty();
            assertThat(plan).extracting(Explanation::source, Explanation::operation, Explanation::accessPath)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("crm", "Scan", "customers"),
                            org.assertj.core.groups.Tuple.tuple("sales", "Scan", "orders"),
                            org.assertj.core.groups.Tuple.tuple("sales", "Lookup", "promotions"));
            assertThat(crm.explained().get(0).filter()).contains(Compare.eq("segment", "VIP"));
        }
    }

    @Nested
    class AtScale {
        private final Map<String, List<Row>> big = bigShop();
        private final RecordingSource bigCrm = new RecordingSource(
                new InMemoryDataSource("crm", ShopFixture.source(big, "customers")));
        private final RecordingSource bigSales = new RecordingSource(
                new InMemoryDataSource("sales", ShopFixture.source(big, "orders", "promotions")));
        private final QueryEngine bigEngine = QueryEngine.builder(model).source(bigCrm, bigSales)
                .clock(ShopFixture.CLOCK).build();

        private Map<String, List<Row>> bigShop() {
            List<Row> customers = new java.util.ArrayList<>();
            for (int i = 0; i < 1500; i++) {
                customers.add(ShopFixture.row("id", "C" + i, "segment", List.of("VIP", "Premium", "Regular").get(i % 3),
                        "country", List.of("US", "GB", "DE").get(i % 7 % 3)));
            }
            List<Row> orders = new java.util.ArrayList<>();
            for (int i = 0; i < 2600; i++) {
                orders.add(ShopFixture.row("id", "O" + i, "customer_id", "C" + (i * 7 % 1700), "total", (i % 50) + ".25",
                        "status", i % 10 == 0 ? "refunded" : "completed", "order_date", LocalDate.parse("2026-06-30").minusDays(i % 400).toString()));
            }
            return Map.of("customers", customers, "orders", orders, "promotions", List.of());
        }

        private void agrees(Query q) {
            QueryResult expected = new ReferenceEvaluator(model, ShopFixture.CLOCK).evaluate(q, big);
            assertThat(bigEngine.execute(q).rows()).isEqualTo(expected.rows());
        }

        @Test
        void groupsThroughARelationshipAcrossManyChunksAndBatches() {
            agrees(Query.builder("orders").groupBy(GroupBy.of("customer.segment"), GroupBy.of("customer.country"))
                    .aggregate(Aggregate.count(), Aggregate.measure("revenue")).build());
            long batches = bigCrm.opened("customers").size();
            assertThat(batches).isGreaterThanOrEqualTo(15);
            assertThat(bigCrm.opened("customers")).allSatisfy(q -> assertThat(((Compare) q.filter().orElseThrow()).values()).hasSizeLessThanOrEqualTo(100));
        }

        @Test
        void moreThanAThousandKeysAreMatchedInMemory() {
            agrees(Query.builder("customers").where(Related.exists("orders", Compare.eq("status", "completed")))
                    .orderBy(OrderBy.asc("id")).limit(20).build());
            assertThat(bigCrm.opened("customers").get(0).filter()).isEmpty();
        }

        @Test
        void aThousandKeysOrFewerArePushed() {
            agrees(Query.builder("customers").where(Related.exists("orders", RuleRef.of("recent_orders", "days", 100))).build());
            assertThat(bigCrm.opened("customers").get(0).filter()).hasValueSatisfying(f ->
                    assertThat(((Compare) f).values()).hasSizeBetween(500, 1000));
        }
    }

    @Nested
    class Failures {
        @Test
        void anInvalidQueryIsRefusedBeforeAnyRead() {
            assertThatThrownBy(() -> engine.execute(Query.builder("customers").where(Compare.eq("segmnt", "VIP")).build()))
                    .isInstanceOf(InvalidQueryException.class).hasMessageContaining("segment");
            assertThat(crm.opened()).isEmpty();
        }

        @Test
        void aMissingSourceIsNamed() {
            QueryEngine crmOnly = QueryEngine.builder(model).source(crm).clock(ShopFixture.CLOCK).build();
            assertThatThrownBy(() -> crmOnly.execute(Query.builder("orders").build()))
                    .isInstanceOf(DataSourceException.class)
                    .hasMessageContaining("no data source 'sales'").hasMessageContaining("orders");
        }

        @Test
        void twoSourcesWithOneIdAreRefused() {
            assertThatThrownBy(() -> QueryEngine.builder(model).source(crm, crm))
                    .isInstanceOf(DataSourceException.class).hasMessageContaining("crm");
        }

        @Test
        void theSourcesOnlyEverSeeResolvedFilters() {
            engine.execute(Query.builder("customers").where(Filter.and(RuleRef.of("vip_active_buyer"),
                    new Within("join_date", new TimeRange.Last(10, CalendarUnit.YEAR)))).build());
            for (SourceQuery q : Stream.concat(crm.opened().stream(), sales.opened().stream()).toList()) {
                assertThat(q.filter()).hasValueSatisfying(QueryEngineTest::assertResolved);
            }
        }
    }

    private static void assertResolved(Filter f) {
        if (f instanceof And a) {
            a.operands().forEach(QueryEngineTest::assertResolved);
        } else if (f instanceof Within w) {
            assertThat(w.range()).isInstanceOf(TimeRange.Between.class);
        } else {
            assertThat(f).isInstanceOf(Compare.class);
        }
    }
}
