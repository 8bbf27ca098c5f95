package io.promoagent.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.eval.RowPredicate;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** For each shape of query, the DynamoDB operation and index the data source chooses, and that it reads the right items. */
class AccessPathTest {

    private static DataModel model;
    private static DynamoDbClient client;
    private static DynamoDbDataSource source;
    private static Map<String, List<Row>> data;

    @BeforeAll
    static void loadDemoData() {
        model = DemoModel.withTablePrefix("ap_");
        client = LocalDynamoDb.client();
        DemoModel.createAndLoad(client, model);
        source = DynamoDbDataSource.builder(client).id("dynamodb").build();
        data = DemoModel.dataset(client, model);
    }

    @AfterAll
    static void close() {
        source.close();
    }

    private static Entity entity(String name) {
        return model.requireEntity(name);
    }

    /** Runs a source query, checks its rows against the same filter applied in memory, and returns the explanation with the stats. */
    private static Executed run(DynamoDbDataSource ds, SourceQuery q) {
        List<Row> rows = new ArrayList<>();
        try (SourceCursor c = ds.open(q)) {
            c.forEachRemaining(rows::add);
            RowPredicate predicate = RowPredicate.of(q.entity());
            List<Row> expected = data.get(q.entity().name()).stream().filter(r -> predicate.test(q.filter(), r)).toList();
            assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
            return new Executed(c.explanation(), c.stats(), rows);
        }
    }

    private record Executed(Explanation explanation, io.promoagent.schema.source.ExecutionStats stats, List<Row> rows) {
    }

    private static QueryResult engine(Query q) {
        QueryResult result = QueryEngine.builder(model).source(source).clock(DemoModel.CLOCK).build().execute(q);
        QueryResult reference = new ReferenceEvaluator(model, DemoModel.CLOCK).evaluate(q, data);
        assertThat(result.rows()).containsExactlyInAnyOrderElementsOf(reference.rows());
        return result;
    }

    @Nested
    class KeyLookups {

        @Test
        void readsOneCustomerByIdWithGetItem() {
            Executed e = run(source, SourceQuery.where(entity("customers"), Compare.eq("id", "C00007")));
            assertThat(e.explanation().operation()).isEqualTo("GetItem");
            assertThat(e.explanation().accessPath()).isEqualTo("ap_customers");
            assertThat(e.stats().calls()).isEqualTo(1);
            assertThat(e.rows()).hasSize(1);
            assertThat(e.stats().readUnits()).isEqualTo(0.5);
        }

        @Test
        void readsCustomersOfAnIdListWithBatchGetItem() {
            Executed e = run(source, SourceQuery.where(entity("customers"),
                    Compare.of("id", Operator.IN, "C00003", "C00004", "C00050", "C99999")));
            assertThat(e.explanation().operation()).isEqualTo("BatchGetItem");
            assertThat(e.stats().calls()).isEqualTo(1);
            assertThat(e.rows()).hasSize(3);
        }

        @Test
        void splitsMoreThanAHundredKeysIntoBatchesOfAtMostAHundred() {
            // Scans refused, so that the cost comparison cannot prefer a scan of this small table.
            try (DynamoDbDataSource strict = DynamoDbDataSource.builder(client).id("dynamodb")
                    .scanPolicy(ScanPolicy.refuse()).build()) {
                List<Object> ids = new ArrayList<>();
                for (int i = 1; i <= 150; i++) {
                    ids.add(String.format("C%05d", i));
                }
                Executed e = run(strict, SourceQuery.where(entity("customers"), new Compare("id", Operator.IN, ids, false)));
                assertThat(e.explanation().operation()).isEqualTo("BatchGetItem");
                assertThat(e.stats().calls()).isEqualTo(2);
                assertThat(e.rows()).hasSize(60);
            }
        }

        @Test
        void checksTheRestOfTheFilterInMemoryAfterAKeyLookup() {
            Executed e = run(source, SourceQuery.where(entity("customers"),
                    Filter.and(Compare.eq("id", "C00007"), Compare.eq("segment", "VIP"))));
            assertThat(e.explanation().operation()).isEqualTo("GetItem");
            assertThat(e.explanation().notes()).anyMatch(n -> n.startsWith("checked in memory"));
        }
    }

    @Nested
    class Queries {

        @Test
        void findsVipCustomersThroughTheSegmentIndex() {
            QueryResult r = engine(Query.builder("customers").where(RuleRef.of("vip")).build());
            assertThat(r.explanations()).singleElement().satisfies(x -> {
                assertThat(x.operation()).isEqualTo("Query");
                assertThat(x.accessPath()).isEqualTo("ap_customers/segment-index");
            });
            assertThat(r.stats().calls()).isEqualTo(1);
            assertThat(r.rows()).isNotEmpty().allSatisfy(row -> assertThat(row.valueOrNull("segment")).isEqualTo("VIP"));
            assertThat(r.stats().itemsScanned()).isEqualTo(r.rows().size());
        }

        @Test
        void findsACustomerByEmailThroughTheEmailIndex() {
            String email = (String) data.get("customers").get(4).valueOrNull("email");
            Executed e = run(source, SourceQuery.where(entity("customers"), Compare.eq("email", email)));
            assertThat(e.explanation().operation()).isEqualTo("Query");
            assertThat(e.explanation().accessPath()).isEqualTo("ap_customers/email-index");
            assertThat(e.rows()).hasSize(1);
            assertThat(e.stats().calls()).isEqualTo(1);
        }

        @Test
        void findsOneCustomersOrdersThroughTheCustomerIndex() {
            Executed e = run(source, SourceQuery.where(entity("orders"), Compare.eq("customer_id", "C00014")));
            assertThat(e.explanation().accessPath()).isEqualTo("ap_orders/customer-index");
            assertThat(e.explanation().nativeQuery()).contains("KeyConditionExpression=#n0 = :v0");
            assertThat(e.rows()).isNotEmpty();
            assertThat(e.stats().itemsScanned()).isEqualTo(e.rows().size());
        }

        @Test
        void pushesASortKeyRangeIntoTheKeyCondition() {
            Executed e = run(source, SourceQuery.where(entity("orders"), Filter.and(Compare.eq("customer_id", "C00014"),
                    new Within("order_date", new TimeRange.Between(LocalDate.parse("2024-07-01"), LocalDate.parse("2024-12-31"))))));
            assertThat(e.explanation().accessPath()).isEqualTo("ap_orders/customer-index");
            assertThat(e.explanation().nativeQuery()).contains("#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2")
                    .doesNotContain("FilterExpression");
            assertThat(e.stats().itemsScanned()).isEqualTo(e.rows().size());
        }

        @Test
        void readsTheOrdersOfTheLast30DaysWithOneQueryPerMonthBucket() {
            QueryResult r = engine(Query.builder("orders").where(RuleRef.of("recent_orders")).build());
            Explanation x = r.explanations().get(0);
            assertThat(x.operation()).isEqualTo("Query");
            assertThat(x.accessPath()).isEqualTo("ap_orders/month-index");
            assertThat(x.notes()).anyMatch(n -> n.startsWith("2 queries, one per bucket of order_month (2026-05, 2026-06)"));
            assertThat(x.nativeQuery()).contains("BETWEEN");
            assertThat(r.stats().calls()).isEqualTo(2);
            assertThat(r.stats().itemsScanned()).isEqualTo(r.rows().size());
        }

        @Test
        void findsAPromotionByCodeThroughTheCodeIndex() {
            Executed e = run(source, SourceQuery.where(entity("promotions"), Compare.eq("code", "WELCOME10")));
            assertThat(e.explanation().accessPath()).isEqualTo("ap_promotions/code-index");
            assertThat(e.rows()).hasSize(1);
        }

        @Test
        void findsCustomersWhoSpentMoreThan1000WithOneQueryPerSegment() {
            Executed e = run(source, SourceQuery.where(entity("customers"),
                    Compare.of("total_spent", Operator.GT, new BigDecimal("1000"))));
            assertThat(e.explanation().operation()).isEqualTo("Query");
            assertThat(e.explanation().accessPath()).isEqualTo("ap_customers/segment-index");
            assertThat(e.explanation().notes()).anyMatch(n -> n.startsWith("3 queries, one per declared value of segment"));
            assertThat(e.explanation().nativeQuery()).contains("#n1 > :v1");
            assertThat(e.stats().calls()).isEqualTo(3);
            assertThat(e.stats().itemsScanned()).isEqualTo(e.rows().size());
        }

        @Test
        void prefersTheSelectiveIndexOverAnEnumPartition() {
            String email = (String) data.get("customers").get(0).valueOrNull("email");
            Executed e = run(source, SourceQuery.where(entity("customers"),
                    Filter.and(Compare.eq("segment", "Regular"), Compare.eq("email", email))));
            assertThat(e.explanation().accessPath()).isEqualTo("ap_customers/email-index");
        }

        @Test
        void keepsConditionsOnTheQueriedIndexKeyOutOfTheFilterExpression() {
            // DynamoDB refuses a filter naming a key attribute of the index queried; the planner checks it in memory.
            Executed e = run(source, SourceQuery.where(entity("customers"), Filter.and(Compare.eq("segment", "Premium"),
                    Compare.of("total_spent", Operator.GT, new BigDecimal("600")),
                    Compare.of("total_spent", Operator.LT, new BigDecimal("900")))));
            assertThat(e.explanation().accessPath()).isEqualTo("ap_customers/segment-index");
            assertThat(e.explanation().nativeQuery()).contains("BETWEEN").doesNotContain("FilterExpression");
            assertThat(e.explanation().notes()).anyMatch(n -> n.startsWith("checked in memory"));
        }

        @Test
        void evaluatesCaseInsensitiveComparisonsInMemory() {
            Executed e = run(source, SourceQuery.where(entity("customers"), Filter.and(Compare.eq("segment", "VIP"),
                    new Compare("name", Operator.BEGINS_WITH, List.of("john"), true))));
            assertThat(e.explanation().accessPath()).isEqualTo("ap_customers/segment-index");
            assertThat(e.explanation().notes()).anyMatch(n -> n.startsWith("checked in memory"));
        }

        @Test
        void readsOnlyTheFieldsAskedForAndTheKey() {
            SourceQuery q = new SourceQuery(entity("customers"), Optional.of(Compare.eq("segment", "VIP")),
                    List.of("name"), OptionalInt.empty());
            try (SourceCursor c = source.open(q)) {
                assertThat(c.explanation().nativeQuery()).contains("ProjectionExpression=");
                assertThat(c.next().values().keySet()).containsExactly("name", "id");
            }
        }
    }

    @Nested
    class Scans {

        @Test
        void scansWithAFilterWhenNoKeyPathServesTheQuery() {
            Executed e = run(source, SourceQuery.where(entity("customers"), Compare.eq("city", "Denver")));
            assertThat(e.explanation().operation()).isEqualTo("Scan");
            assertThat(e.explanation().nativeQuery()).contains("FilterExpression=#n0 = :v0");
            assertThat(e.stats().itemsScanned()).isEqualTo(60);
        }

        @Test
        void refusesAScanWhenThePolicySaysSoAndNamesTheIndexThatWouldServe() {
            try (DynamoDbDataSource strict = DynamoDbDataSource.builder(client).id("dynamodb")
                    .scanPolicy(ScanPolicy.refuse()).build()) {
                assertThatThrownBy(() -> strict.open(SourceQuery.where(entity("customers"), Compare.eq("city", "Denver"))))
                        .isInstanceOf(ScanRefusedException.class)
                        .hasMessageContaining("an index with partition key 'city' would serve it");
                assertThatThrownBy(() -> strict.open(SourceQuery.where(entity("customers"),
                        Compare.of("order_count", Operator.GT, new BigDecimal(3)))))
                        .isInstanceOf(ScanRefusedException.class)
                        .hasMessageContaining("no index would serve it");
            }
        }

        @Test
        void readsAtMostThePageSizePerRequestSoAPageHeldIsBoundedWhateverTheTable() {
            try (DynamoDbDataSource paged = DynamoDbDataSource.builder(client).id("dynamodb").pageSize(7).build()) {
                Executed e = run(paged, SourceQuery.where(entity("customers"), Compare.eq("city", "Denver")));
                // 60 customers, 7 examined per request: 9 requests, every one of them examined
                assertThat(e.stats().calls()).isEqualTo(9);
                assertThat(e.stats().itemsScanned()).isEqualTo(60);
                Executed all = run(paged, SourceQuery.all(entity("customers")));
                assertThat(all.rows()).hasSize(60);
                assertThat(all.stats().calls()).isEqualTo(9);
            }
            assertThatThrownBy(() -> DynamoDbDataSource.builder(client).pageSize(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pageSize must be at least 1");
        }

        @Test
        void splitsALargeScanIntoParallelSegments() {
            try (DynamoDbDataSource parallel = DynamoDbDataSource.builder(client).id("dynamodb")
                    .scanPolicy(ScanPolicy.allow().withParallelSegments(3, 0)).build()) {
                Executed e = run(parallel, SourceQuery.where(entity("orders"), Compare.eq("channel", "store")));
                assertThat(e.explanation().notes()).contains("parallel scan in 3 segments");
                assertThat(e.stats().calls()).isGreaterThanOrEqualTo(3);
                assertThat(e.stats().itemsScanned()).isEqualTo(data.get("orders").size());
            }
        }
    }

    @Nested
    class Limits {

        @Test
        void stopsReadingOnceTheLimitHasMatched() {
            SourceQuery q = new SourceQuery(entity("orders"), Optional.of(Compare.eq("status", "completed")),
                    List.of(), OptionalInt.of(5));
            try (DynamoDbDataSource small = DynamoDbDataSource.builder(client).id("dynamodb").build();
                 SourceCursor c = small.open(q)) {
                List<Row> rows = new ArrayList<>();
                c.forEachRemaining(rows::add);
                assertThat(rows).hasSize(5).allSatisfy(r -> assertThat(r.valueOrNull("status")).isEqualTo("completed"));
            }
        }

        @Test
        void asksDynamoDbForNoMoreItemsThanWantedWhenNothingIsFiltered() {
            SourceQuery q = new SourceQuery(entity("customers"), Optional.of(Compare.eq("segment", "Regular")),
                    List.of(), OptionalInt.of(3));
            try (SourceCursor c = source.open(q)) {
                List<Row> rows = new ArrayList<>();
                c.forEachRemaining(rows::add);
                assertThat(rows).hasSize(3);
                assertThat(c.stats().itemsScanned()).isEqualTo(3);
                assertThat(c.stats().calls()).isEqualTo(1);
            }
        }

        @Test
        void readsNothingForAFilterThatCannotHold() {
            Executed e = run(source, SourceQuery.where(entity("customers"), Filter.and(Compare.eq("segment", "VIP"),
                    Compare.of("total_spent", Operator.BETWEEN, new BigDecimal(10), new BigDecimal(5)))));
            assertThat(e.explanation().operation()).isEqualTo("None");
            assertThat(e.stats().calls()).isZero();
        }
    }

    @Nested
    class Explain {

        @Test
        void explainsWithoutReading() {
            Explanation x = source.explain(SourceQuery.where(entity("customers"), Compare.eq("segment", "VIP")));
            assertThat(x.source()).isEqualTo("dynamodb");
            assertThat(x.operation()).isEqualTo("Query");
            assertThat(x.nativeQuery()).contains("KeyConditionExpression=#n0 = :v0", "ExpressionAttributeValues={:v0=\"VIP\"}");
            assertThat(x.estimatedReadUnits()).isPositive();
            assertThat(x.notes()).anyMatch(n -> n.startsWith("estimated read units"));
        }
    }
}
