package io.promoagent.schema.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.testing.ShopFixture;
import io.promoagent.schema.ir.CalendarUnit;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ReferenceEvaluatorTest {

    private final ReferenceEvaluator evaluator = new ReferenceEvaluator(ShopFixture.model(), ShopFixture.CLOCK);

    private QueryResult run(Query q) {
        return evaluator.evaluate(q, ShopFixture.data());
    }

    private List<Object> customers(Filter where) {
        return ids(run(Query.builder("customers").where(where).build()));
    }

    private List<Object> orders(Filter where) {
        return ids(run(Query.builder("orders").where(where).build()));
    }

    private static List<Object> ids(QueryResult r) {
        List<Object> out = new ArrayList<>();
        r.rows().forEach(row -> out.add(row.valueOrNull("id")));
        return out;
    }

    private static Compare ci(String field, Operator op, Object... values) {
        Compare c = Compare.of(field, op, values);
        return new Compare(c.field(), c.op(), c.values(), true);
    }

    private static BigDecimal n(String s) {
        return new BigDecimal(s);
    }

    private static Map<String, Object> map(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    private static List<Map<String, Object>> values(QueryResult r) {
        return r.rows().stream().map(Row::values).toList();
    }

    @Nested
    class Comparisons {
        @Test
        void numbersCompareByValueWhateverTheirScale() {
            assertThat(customers(Compare.eq("total_spent", n("2500")))).containsExactly("C1");
            assertThat(customers(Compare.of("total_spent", Operator.GT, n("800.5")))).containsExactly("C1", "C4");
            assertThat(customers(Compare.of("total_spent", Operator.GTE, n("800.50")))).containsExactly("C1", "C2", "C4");
            assertThat(customers(Compare.of("total_spent", Operator.LT, n("800.5")))).containsExactly("C3");
            assertThat(customers(Compare.of("total_spent", Operator.LTE, n("0.00")))).containsExactly("C3");
        }

        @Test
        void betweenIncludesBothEnds() {
            assertThat(customers(Compare.of("total_spent", Operator.BETWEEN, n("800.50"), n("2500"))))
                    .containsExactly("C1", "C2");
        }

        @Test
        void stringsCompareByCodePointSoLowerCaseSortsAfterUpperCase() {
            assertThat(customers(Compare.of("name", Operator.GT, "Jane"))).containsExactly("C1", "C2", "C3");
            assertThat(customers(Compare.of("name", Operator.LT, "John"))).containsExactly("C2", "C4");
        }

        @Test
        void datesCompareAsIsoText() {
            assertThat(customers(Compare.of("join_date", Operator.LT, "2024-01-01"))).containsExactly("C4");
            assertThat(customers(Compare.of("join_date", Operator.BETWEEN, "2025-12-31", "2026-06-10")))
                    .containsExactly("C2", "C3");
        }

        @Test
        void equalityOnStringsIsCaseSensitiveUnlessIgnoringCase() {
            assertThat(customers(Compare.eq("name", "john smith"))).isEmpty();
            assertThat(customers(ci("name", Operator.EQ, "john smith"))).containsExactly("C1");
            assertThat(customers(ci("name", Operator.NE, "JOHN SMITH"))).containsExactly("C2", "C3", "C4");
        }

        @Test
        void inMatchesAnyValue() {
            assertThat(customers(Compare.of("country", Operator.IN, "US", "DE"))).containsExactly("C1", "C3", "C4");
            assertThat(customers(Compare.of("country", Operator.IN, "us"))).isEmpty();
            assertThat(customers(ci("country", Operator.IN, "us", "fr"))).containsExactly("C1", "C4");
        }

        @Test
        void containsIsASubstringAndBeginsWithAPrefix() {
            assertThat(customers(Compare.of("name", Operator.CONTAINS, "ohn"))).containsExactly("C1", "C3");
            assertThat(customers(Compare.of("name", Operator.CONTAINS, "john"))).containsExactly("C3");
            assertThat(customers(ci("name", Operator.CONTAINS, "JOHN"))).containsExactly("C1", "C3");
            assertThat(customers(Compare.of("name", Operator.BEGINS_WITH, "Jo"))).containsExactly("C1");
            assertThat(customers(ci("name", Operator.BEGINS_WITH, "jo"))).containsExactly("C1", "C3");
        }

        @Test
        void anAbsentFieldMatchesOnlyIsNull() {
            assertThat(customers(Compare.of("marketing_opt_in", Operator.IS_NULL))).containsExactly("C3");
            assertThat(customers(Compare.of("marketing_opt_in", Operator.NE, true))).containsExactly("C2");
            assertThat(customers(Filter.not(Compare.eq("marketing_opt_in", true)))).containsExactly("C2", "C3");
            assertThat(customers(Compare.of("email", Operator.IS_NULL))).containsExactly("C3");
        }

        @Test
        void aValueOfAnotherTypeThanTheFieldsNeverMatches() {
            assertThat(customers(Compare.eq("total_spent", "2500"))).isEmpty();
            assertThat(customers(Compare.of("total_spent", Operator.NE, "2500"))).isEmpty();
            assertThat(customers(Compare.eq("marketing_opt_in", "true"))).isEmpty();
            assertThat(customers(Compare.of("name", Operator.GT, n("1")))).isEmpty();
            assertThat(customers(Compare.of("country", Operator.IN, n("1"), "GB"))).containsExactly("C2");
        }

        @Test
        void booleansCompareByValue() {
            assertThat(customers(Compare.eq("marketing_opt_in", true))).containsExactly("C1", "C4");
            assertThat(customers(Compare.eq("marketing_opt_in", false))).containsExactly("C2");
        }
    }

    @Nested
    class Logic {
        @Test
        void anEmptyConjunctionIsTrueAndAnEmptyDisjunctionFalse() {
            assertThat(customers(Filter.and())).containsExactly("C1", "C2", "C3", "C4");
            assertThat(customers(Filter.or())).isEmpty();
            assertThat(customers(Filter.not(Filter.or()))).containsExactly("C1", "C2", "C3", "C4");
        }

        @Test
        void andOrNotCombine() {
            Filter f = Filter.or(Filter.and(Compare.eq("segment", "VIP"), Compare.eq("country", "US")),
                    Filter.not(Compare.of("total_spent", Operator.GT, n("0"))));
            assertThat(customers(f)).containsExactly("C1", "C3", "C4");
        }
    }

    @Nested
    class TimeRanges {
        @Test
        void withinTheLastThirtyDaysIncludesTheBoundaryDay() {
            assertThat(customers(new Within("join_date", new TimeRange.Last(20, CalendarUnit.DAY)))).containsExactly("C2");
            assertThat(customers(new Within("join_date", new TimeRange.Last(19, CalendarUnit.DAY)))).isEmpty();
        }

        @Test
        void lastYearIsThePreviousCalendarYear() {
            assertThat(customers(new Within("join_date", new TimeRange.Calendar(CalendarUnit.YEAR, -1))))
                    .containsExactly("C3");
        }

        @Test
        void aTimestampIsWithinARangeByItsUtcDate() {
            // 2026-06-29T22:30-05:00 is 2026-06-30T03:30Z: today in UTC, although yesterday where it was written
            assertThat(customers(new Within("last_login", new TimeRange.Calendar(CalendarUnit.DAY, 0))))
                    .containsExactly("C1");
            assertThat(customers(new Within("last_login", new TimeRange.Between(LocalDate.parse("2026-06-29"),
                    LocalDate.parse("2026-06-29"))))).isEmpty();
        }

        @Test
        void anAbsentDateIsInNoRange() {
            assertThat(customers(new Within("last_login", new TimeRange.ToToday()))).containsExactly("C1", "C2");
            assertThat(orders(new Within("order_date", new TimeRange.FromToday()))).containsExactly("O6");
        }
    }

    @Nested
    class RulesAndRelatedRecords {
        @Test
        void aRuleIsExpandedWithItsDefaults() {
            assertThat(customers(RuleRef.of("vip"))).containsExactly("C1", "C4");
            assertThat(orders(RuleRef.of("recent_orders"))).containsExactly("O1", "O4", "O6");
            assertThat(orders(RuleRef.of("recent_orders", "days", 60))).containsExactly("O1", "O2", "O4", "O6");
        }

        @Test
        void rulesExpandRulesAndRelatedConditions() {
            assertThat(customers(RuleRef.of("active_buyer"))).containsExactly("C1", "C2");
            assertThat(customers(RuleRef.of("vip_active_buyer"))).containsExactly("C1");
        }

        @Test
        void existsAndNotExistsCountRelatedRecordsMeetingTheirCondition() {
            assertThat(customers(Related.exists("orders", Compare.eq("status", "completed")))).containsExactly("C1", "C2", "C4");
            assertThat(customers(Related.notExists("orders", null))).containsExactly("C3");
            assertThat(customers(Related.notExists("orders", Compare.eq("status", "completed")))).containsExactly("C3");
        }

        @Test
        void aCountIsComparedWithTheNumberOfRelatedRecords() {
            Related moreThanTwo = new Related("orders", Optional.empty(), new CountCondition(Operator.GT, 2));
            assertThat(customers(moreThanTwo)).containsExactly("C1");
            Related exactlyTwo = new Related("orders", Optional.empty(), new CountCondition(Operator.EQ, 2));
            assertThat(customers(exactlyTwo)).containsExactly("C2");
            Related fewerThanTwo = new Related("orders", Optional.empty(), new CountCondition(Operator.LT, 2));
            assertThat(customers(fewerThanTwo)).containsExactly("C3", "C4");
        }

        @Test
        void aManyToOneRelationshipFindsTheReferencedRecord() {
            assertThat(orders(Related.exists("customer", Compare.eq("segment", "VIP")))).containsExactly("O1", "O2", "O3", "O7");
            assertThat(orders(Related.notExists("customer", null))).containsExactly("O6");
        }

        @Test
        void aConditionOnAPathHoldsWhenARelatedRecordMeetsIt() {
            assertThat(orders(Compare.eq("customer.segment", "VIP"))).containsExactly("O1", "O2", "O3", "O7");
            assertThat(orders(Filter.not(Compare.eq("customer.segment", "VIP")))).containsExactly("O4", "O5", "O6");
            // is_null on a path asks for a related record without the value: O6 has no customer at all
            assertThat(orders(Compare.of("customer.marketing_opt_in", Operator.IS_NULL))).isEmpty();
            assertThat(orders(Compare.of("customer.email", Operator.IS_NULL))).isEmpty();
            assertThat(orders(Compare.of("customer.last_login", Operator.IS_NULL))).containsExactly("O7");
        }
    }

    @Nested
    class PlainQueries {
        @Test
        void returnEveryFieldButHiddenOnesWhenNoneAreNamed() {
            QueryResult r = run(Query.builder("customers").where(Compare.eq("id", "C1")).build());
            assertThat(r.columns()).containsExactly("id", "name", "email", "segment", "total_spent", "order_count",
                    "join_date", "last_login", "country", "marketing_opt_in");
            assertThat(r.rows().get(0).values()).doesNotContainKey("notes").containsEntry("email", "john@example.com");
        }

        @Test
        void returnTheNamedFieldsAndAlwaysTheKey() {
            QueryResult r = run(Query.builder("customers").fields("name", "marketing_opt_in").build());
            assertThat(r.columns()).containsExactly("name", "marketing_opt_in", "id");
            assertThat(r.rows().get(2).values()).isEqualTo(map("name", "johnny Cash", "id", "C3"));
        }

        @Test
        void areOrderedByTheKeyWhenNoOrderIsGiven() {
            QueryResult r = run(Query.builder("orders").build());
            assertThat(ids(r)).containsExactly("O1", "O2", "O3", "O4", "O5", "O6", "O7");
        }

        @Test
        void putAbsentValuesLastInBothDirectionsAndBreakTiesByKey() {
            assertThat(ids(run(Query.builder("customers").orderBy(OrderBy.asc("last_login")).build())))
                    .containsExactly("C2", "C1", "C3", "C4");
            assertThat(ids(run(Query.builder("customers").orderBy(OrderBy.desc("last_login")).build())))
                    .containsExactly("C1", "C2", "C3", "C4");
            assertThat(ids(run(Query.builder("orders").orderBy(OrderBy.asc("promotion_code"), OrderBy.desc("total")).build())))
                    .containsExactly("O7", "O4", "O1", "O5", "O2", "O3", "O6");
        }

        @Test
        void orderNumbersByValue() {
            assertThat(ids(run(Query.builder("customers").orderBy(OrderBy.desc("total_spent")).build())))
                    .containsExactly("C4", "C1", "C2", "C3");
        }

        @Test
        void limitAfterOrdering() {
            assertThat(ids(run(Query.builder("orders").orderBy(OrderBy.desc("total")).limit(2).build())))
                    .containsExactly("O7", "O4");
            assertThat(ids(run(Query.builder("orders").limit(0).build()))).isEmpty();
        }
    }

    @Nested
    class Aggregates {
        @Test
        void withoutGroupsGiveExactlyOneRowEvenOverNoRows() {
            QueryResult r = run(Query.builder("orders").where(Compare.eq("status", "nothing"))
                    .aggregate(Aggregate.count(), Aggregate.of(AggregateFunction.SUM, "total"),
                            Aggregate.of(AggregateFunction.COUNT_DISTINCT, "customer_id"),
                            Aggregate.of(AggregateFunction.MIN, "order_date")).build());
            assertThat(r.columns()).containsExactly("count", "sum_total", "count_distinct_customer_id", "min_order_date");
            assertThat(values(r)).containsExactly(map("count", n("0"), "count_distinct_customer_id", n("0")));
        }

        @Test
        void countSumAverageMinimumAndMaximumPerGroup() {
            QueryResult r = run(Query.builder("orders").groupBy(GroupBy.of("status"))
                    .aggregate(Aggregate.count(), Aggregate.of(AggregateFunction.SUM, "total"),
                            Aggregate.of(AggregateFunction.AVG, "total"), Aggregate.of(AggregateFunction.MIN, "order_date"),
                            Aggregate.of(AggregateFunction.MAX, "total")).build());
            assertThat(values(r)).containsExactly(
                    map("status", "cancelled", "count", n("1"), "sum_total", n("300.25"), "avg_total", n("300.25"),
                            "min_order_date", "2026-01-01", "max_total", n("300.25")),
                    map("status", "completed", "count", n("5"), "sum_total", n("3670.25"), "avg_total", n("734.05"),
                            "min_order_date", "2024-02-29", "max_total", n("3000")),
                    map("status", "refunded", "count", n("1"), "sum_total", n("40.5"), "avg_total", n("40.5"),
                            "min_order_date", "2025-12-31", "max_total", n("40.5")));
        }

        @Test
        void anAverageIsRoundedToSixteenSignificantDigits() {
            QueryResult r = run(Query.builder("orders").aggregate(Aggregate.of(AggregateFunction.AVG, "items")).build());
            assertThat(r.rows().get(0).valueOrNull("avg_items")).isEqualTo(n("2.428571428571429"));
        }

        @Test
        void countDistinctCountsDifferentValues() {
            QueryResult r = run(Query.builder("orders")
                    .aggregate(Aggregate.of(AggregateFunction.COUNT_DISTINCT, "customer_id"),
                            Aggregate.of(AggregateFunction.COUNT_DISTINCT, "promotion_code")).build());
            assertThat(values(r)).containsExactly(map("count_distinct_customer_id", n("4"), "count_distinct_promotion_code", n("2")));
        }

        @Test
        void datesTruncateToDayWeekMonthQuarterAndYear() {
            Query.Builder q = Query.builder("orders").where(Compare.eq("id", "O7"));
            for (CalendarUnit u : CalendarUnit.values()) {
                q.groupBy(GroupBy.of("order_date", u));
            }
            assertThat(values(run(q.build()))).containsExactly(map("order_date_day", "2024-02-29",
                    "order_date_week", "2024-02-26", "order_date_month", "2024-02", "order_date_quarter", "2024-Q1",
                    "order_date_year", "2024"));
        }

        @Test
        void groupsByMonthInKeyOrder() {
            QueryResult r = run(Query.builder("orders").groupBy(GroupBy.of("order_date", CalendarUnit.MONTH))
                    .aggregate(Aggregate.count()).build());
            assertThat(values(r)).containsExactly(map("order_date_month", "2024-02", "count", n("1")),
                    map("order_date_month", "2025-12", "count", n("1")), map("order_date_month", "2026-01", "count", n("1")),
                    map("order_date_month", "2026-05", "count", n("1")), map("order_date_month", "2026-06", "count", n("3")));
        }

        @Test
        void groupsByAFieldOfTheRelatedRecordWithAnAbsentKeyWhenItIsMissing() {
            QueryResult r = run(Query.builder("orders").groupBy(GroupBy.of("customer.segment"))
                    .aggregate(Aggregate.count(), Aggregate.of(AggregateFunction.COUNT_DISTINCT, "customer.country")).build());
            assertThat(r.columns()).containsExactly("customer.segment", "count", "count_distinct_customer_country");
            assertThat(values(r)).containsExactly(
                    map("customer.segment", "Premium", "count", n("2"), "count_distinct_customer_country", n("1")),
                    map("customer.segment", "VIP", "count", n("4"), "count_distinct_customer_country", n("1")),
                    map("count", n("1"), "count_distinct_customer_country", n("0")));
        }

        @Test
        void measuresApplyTheirOwnConditionAndComposeWithArithmetic() {
            QueryResult r = run(Query.builder("orders").aggregate(Aggregate.measure("revenue"),
                    Aggregate.measure("cost_of_goods_sold"), Aggregate.measure("gross_margin"),
                    Aggregate.measure("average_order_value"), Aggregate.measure("order_volume"),
                    Aggregate.measure("vip_sales")).build());
            assertThat(values(r)).containsExactly(map("revenue", n("3670.25"), "cost_of_goods_sold", n("1885.00"),
                    "gross_margin", n("0.4864110074245624"), "average_order_value", n("734.05"), "order_volume", n("7"),
                    "vip_sales", n("3200.50")));
        }

        @Test
        void aMeasureOfNothingOrADivisionByZeroHasNoValue() {
            QueryResult r = run(Query.builder("orders").groupBy(GroupBy.of("status"))
                    .aggregate(Aggregate.measure("revenue"), Aggregate.measure("revenue_per_refund")).build());
            assertThat(values(r)).containsExactly(map("status", "cancelled"),
                    map("status", "completed", "revenue", n("3670.25")), map("status", "refunded"));
        }

        @Test
        void havingFiltersTheGroupsByTheirAliases() {
            QueryResult r = run(Query.builder("orders").groupBy(GroupBy.of("status")).aggregate(Aggregate.count())
                    .having(Compare.of("count", Operator.GT, 1)).build());
            assertThat(values(r)).containsExactly(map("status", "completed", "count", n("5")));
            QueryResult absent = run(Query.builder("orders").groupBy(GroupBy.of("status")).aggregate(Aggregate.measure("revenue"))
                    .having(Compare.of("revenue", Operator.LT, 1_000_000)).build());
            assertThat(values(absent)).containsExactly(map("status", "completed", "revenue", n("3670.25")));
        }

        @Test
        void orderByAnAggregateAliasThenLimit() {
            QueryResult r = run(Query.builder("orders").groupBy(GroupBy.of("customer_id"))
                    .aggregate(new Aggregate.Of(AggregateFunction.SUM, Optional.of("total"), Optional.of("spent")))
                    .orderBy(OrderBy.desc("spent")).limit(2).build());
            assertThat(values(r)).containsExactly(map("customer_id", "C4", "spent", n("3000")),
                    map("customer_id", "C2", "spent", n("800.50")));
        }

        @Test
        void groupKeysWithoutAggregatesAreDistinct() {
            QueryResult r = run(Query.builder("orders").groupBy(GroupBy.of("promotion_code")).build());
            assertThat(values(r)).containsExactly(map("promotion_code", "OLD"), map("promotion_code", "SUMMER"), map());
        }
    }
}
