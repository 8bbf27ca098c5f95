package io.promoagent.schema.validate;

import static io.promoagent.schema.validate.Demo.error;
import static io.promoagent.schema.validate.Demo.errors;
import static io.promoagent.schema.validate.Demo.validator;
import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.Limits;
import io.promoagent.schema.model.QueryValidator;
import java.util.Collections;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AggregateValidationTest {

    @Nested
    class Groups {
        @Test
        void refuseTruncatingAFieldThatIsNotADate() {
            QueryError e = error("{'entity':'orders','groupBy':[{'field':'channel','truncate':'month'}],'aggregates':[{'fn':'count'}]}");
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_GROUPABLE);
            assertThat(e.path()).isEqualTo("$.groupBy[0].truncate");
        }

        @Test
        void refuseFieldsTogetherWithGroups() {
            QueryError e = error("{'entity':'customers','fields':['name'],'groupBy':[{'field':'segment'}]}");
            assertThat(e.code()).isEqualTo(ErrorCode.FIELDS_WITH_AGGREGATES);
            assertThat(e.path()).isEqualTo("$.fields");
        }

        @Test
        void refuseTwoColumnsOfTheSameName() {
            QueryError e = error("{'entity':'orders','aggregates':[{'fn':'count'},{'fn':'count'}]}");
            assertThat(e.code()).isEqualTo(ErrorCode.DUPLICATE_ALIAS);
            assertThat(e.path()).isEqualTo("$.aggregates[1]");
        }
    }

    @Nested
    class Aggregates {
        @Test
        void refuseAFieldForCountAndSuggestCountDistinct() {
            QueryError e = error("{'entity':'orders','aggregates':[{'fn':'count','field':'customer_id'}]}");
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_AGGREGATABLE);
            assertThat(e.suggestions()).containsExactly("count_distinct");
        }

        @Test
        void refuseASumOfAFieldThatIsNotANumber() {
            QueryError e = error("{'entity':'orders','aggregates':[{'fn':'sum','field':'status'}]}");
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_AGGREGATABLE);
            assertThat(e.path()).isEqualTo("$.aggregates[0].field");
            assertThat(e.suggestions()).contains("total");
        }

        @Test
        void refuseTheMaximumOfABoolean() {
            assertThat(error("{'entity':'customers','aggregates':[{'fn':'max','field':'marketing_opt_in'}]}").code())
                    .isEqualTo(ErrorCode.NOT_AGGREGATABLE);
        }

        @Test
        void acceptTheMaximumOfADateAndTheDistinctCountOfAPath() {
            assertThat(validator().check(Query.builder("orders")
                    .aggregate(Aggregate.of(io.promoagent.schema.ir.AggregateFunction.MAX, "order_date"),
                            Aggregate.of(io.promoagent.schema.ir.AggregateFunction.COUNT_DISTINCT, "customer.country"))
                    .build())).isEmpty();
        }

        @Test
        void requireAFieldForSum() {
            QueryError e = error("{'entity':'orders','aggregates':[{'fn':'sum'}]}");
            assertThat(e.code()).isEqualTo(ErrorCode.MISSING_PROPERTY);
            assertThat(e.path()).isEqualTo("$.aggregates[0].field");
        }

        @Test
        void suggestTheMeasureWhoseSynonymWasUsed() {
            QueryError e = error("{'entity':'orders','aggregates':[{'measure':'turnover'}]}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_MEASURE);
            assertThat(e.path()).isEqualTo("$.aggregates[0].measure");
            assertThat(e.suggestions()).first().isEqualTo("revenue");
        }

        @Test
        void refuseAMeasureOfAnotherEntity() {
            QueryError e = error("{'entity':'customers','aggregates':[{'measure':'revenue'}]}");
            assertThat(e.code()).isEqualTo(ErrorCode.MEASURE_NOT_FOR_ENTITY);
        }

        @Test
        void refuseMoreAggregatesThanTheLimit() {
            Query q = Query.builder("orders").aggregate(Collections.nCopies(21, Aggregate.count()).toArray(Aggregate[]::new)).build();
            assertThat(validator().check(q)).extracting(QueryError::code).first().isEqualTo(ErrorCode.TOO_MANY_ITEMS);
        }
    }

    @Nested
    class Having {
        @Test
        void suggestTheAliasOfAnAggregate() {
            QueryError e = error("{'entity':'orders','groupBy':[{'field':'channel'}],'aggregates':[{'measure':'revenue'}],"
                    + "'having':{'type':'compare','field':'revenu','op':'gt','value':1000}}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_ALIAS);
            assertThat(e.path()).isEqualTo("$.having.field");
            assertThat(e.suggestions()).first().isEqualTo("revenue");
        }

        @Test
        void checkValuesAgainstTheGroupedField() {
            Query q = validator().validateJson(("{'entity':'customers','groupBy':[{'field':'segment'}],'aggregates':[{'fn':'count'}],"
                    + "'having':{'type':'compare','field':'segment','op':'eq','value':'vip'}}").replace('\'', '"'));
            assertThat(q.having()).contains(io.promoagent.schema.ir.Compare.eq("segment", "VIP"));
        }

        @Test
        void refuseHavingWithoutAggregates() {
            QueryError e = error("{'entity':'orders','having':{'type':'compare','field':'total','op':'gt','value':1}}");
            assertThat(e.code()).isEqualTo(ErrorCode.HAVING_WITHOUT_AGGREGATES);
        }

        @Test
        void refuseARuleInHaving() {
            QueryError e = error("{'entity':'orders','aggregates':[{'fn':'count'}],'having':{'type':'rule','rule':'recent_orders'}}");
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_ALLOWED_IN_HAVING);
            assertThat(e.path()).isEqualTo("$.having");
        }
    }

    @Nested
    class Order {
        @Test
        void suggestTheAliasOfATruncatedDate() {
            QueryError e = error("{'entity':'orders','groupBy':[{'field':'order_date','truncate':'month'}],"
                    + "'aggregates':[{'measure':'revenue'}],'orderBy':[{'by':'order_date'}]}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_ALIAS);
            assertThat(e.path()).isEqualTo("$.orderBy[0].by");
            assertThat(e.suggestions()).first().isEqualTo("order_date_month");
        }

        @Test
        void acceptTheAliasOfAGroupThroughARelationship() {
            assertThat(validator().check(Query.builder("orders").groupBy(GroupBy.of("customer.segment"))
                    .aggregate(Aggregate.measure("revenue")).orderBy(io.promoagent.schema.ir.OrderBy.asc("customer.segment"))
                    .build())).isEmpty();
        }
    }

    @Nested
    class Limit {
        @Test
        void refuseALimitAboveTheMaximumAndSuggestTheMaximum() {
            QueryError e = error("{'entity':'orders','limit':10001}");
            assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_OUT_OF_RANGE);
            assertThat(e.suggestions()).containsExactly("10000");
        }

        @Test
        void refuseALimitOfZero() {
            assertThat(errors("{'entity':'orders','limit':0}")).extracting(QueryError::path).containsExactly("$.limit");
        }

        @Test
        void followTheLimitsGiven() {
            QueryValidator small = QueryValidator.of(Demo.model(), new Limits(2, 2, 5, 10, 1, 1));
            assertThat(small.check(Query.builder("orders").fields("id", "total").limit(11).build()))
                    .extracting(QueryError::code).containsExactly(ErrorCode.TOO_MANY_ITEMS, ErrorCode.LIMIT_OUT_OF_RANGE);
        }
    }
}
