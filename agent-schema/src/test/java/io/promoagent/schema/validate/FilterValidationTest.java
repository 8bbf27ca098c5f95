package io.promoagent.schema.validate;

import static io.promoagent.schema.validate.Demo.error;
import static io.promoagent.schema.validate.Demo.errors;
import static io.promoagent.schema.validate.Demo.validator;
import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FilterValidationTest {

    private static String compare(String entity, String field, String op, String value) {
        return "{'entity':'" + entity + "','where':{'type':'compare','field':'" + field + "','op':'" + op + "'"
                + (value == null ? "" : ",'value':" + value) + "}}";
    }

    private static String within(String entity, String field, String range) {
        return "{'entity':'" + entity + "','where':{'type':'within','field':'" + field + "','range':" + range + "}}";
    }

    @Nested
    class Operators {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "customers | marketing_opt_in | gt          | true",
            "customers | marketing_opt_in | between     | [false,true]",
            "customers | total_spent      | contains    | 100",
            "customers | segment          | begins_with | 'V'",
            "customers | segment          | lt          | 'VIP'",
            "orders    | order_date       | contains    | '2026'",
            "orders    | items            | begins_with | 1",
        })
        void refuseAnOperatorThatDoesNotFitTheType(String entity, String field, String op, String value) {
            QueryError e = error(compare(entity, field, op, value));
            assertThat(e.code()).isEqualTo(ErrorCode.OPERATOR_NOT_FOR_TYPE);
            assertThat(e.path()).isEqualTo("$.where.op");
            assertThat(e.suggestions()).first().isEqualTo("eq");
        }

        @Test
        void pointAtWithinForATextSearchOnADate() {
            assertThat(error(compare("orders", "order_date", "contains", "'2026-06'")).message()).contains("within");
        }

        @Test
        void refuseIgnoreCaseOnANumber() {
            QueryError e = error("{'entity':'customers','where':{'type':'compare','field':'total_spent','op':'eq','value':1,'ignoreCase':true}}");
            assertThat(e.code()).isEqualTo(ErrorCode.OPERATOR_NOT_FOR_TYPE);
            assertThat(e.path()).isEqualTo("$.where.ignoreCase");
        }

        @Test
        void refuseAValueCountTheOperatorDoesNotTake() {
            Query q = Query.builder("customers").where(new Compare("total_spent", Operator.GT,
                    List.of(BigDecimal.ONE, BigDecimal.TEN), false)).build();
            assertThat(validator().check(q)).extracting(QueryError::code, QueryError::path)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.WRONG_VALUE_COUNT, "$.where.value"));
        }
    }

    @Nested
    class Values {
        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "customers | order_count      | gt | 2.5      | $.where.value",
            "customers | marketing_opt_in | eq | 'true'   | $.where.value",
            "customers | name             | eq | 42       | $.where.value",
            "customers | segment          | eq | 1        | $.where.value",
            "orders    | total            | in | [10,'20'] | $.where.value[1]",
        })
        void refuseAValueOfTheWrongType(String entity, String field, String op, String value, String path) {
            QueryError e = error(compare(entity, field, op, value));
            assertThat(e.code()).isEqualTo(ErrorCode.WRONG_VALUE_TYPE);
            assertThat(e.path()).isEqualTo(path);
        }

        @Test
        void suggestTheBooleanForABooleanWrittenAsAString() {
            assertThat(error(compare("customers", "marketing_opt_in", "eq", "'TRUE'")).suggestions()).containsExactly("true");
        }

        @Test
        void suggestTheClosestEnumValue() {
            QueryError e = error(compare("orders", "status", "eq", "'refundd'"));
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_ENUM_VALUE);
            assertThat(e.suggestions()).first().isEqualTo("refunded");
        }

        @Test
        void suggestTheEnumValueOfAMistypedSynonym() {
            assertThat(error(compare("customers", "country", "eq", "'Germny'")).suggestions()).first().isEqualTo("DE");
        }

        @Test
        void checkEveryValueOfAnInList() {
            List<QueryError> errors = errors(compare("customers", "country", "in", "['US','Atlantis','GB','XX']"));
            assertThat(errors).extracting(QueryError::path).containsExactly("$.where.value[1]", "$.where.value[3]");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "'2026/06/30'  | 2026-06-30",
            "'2026-6-3'    | 2026-06-03",
            "'2026-06-30T10:00:00Z' | 2026-06-30",
        })
        void repairADateWrittenAnotherWay(String value, String repaired) {
            QueryError e = error(compare("orders", "order_date", "gte", value));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_DATE);
            assertThat(e.suggestions()).containsExactly(repaired);
        }

        @Test
        void refuseADayThatDoesNotExist() {
            assertThat(error(compare("orders", "order_date", "eq", "'2026-02-30'")).code()).isEqualTo(ErrorCode.INVALID_DATE);
        }

        @Test
        void refuseABetweenWhoseLowIsAboveItsHigh() {
            QueryError e = error(compare("customers", "total_spent", "between", "[800,500]"));
            assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_RANGE);
            assertThat(e.path()).isEqualTo("$.where.value");
        }

        @Test
        void refuseAnInListLongerThanTheLimit() {
            List<Object> values = new ArrayList<>(Collections.nCopies(101, "x"));
            Query q = Query.builder("customers").where(new Compare("city", Operator.IN, values, false)).build();
            assertThat(validator().check(q)).extracting(QueryError::code).containsExactly(ErrorCode.IN_LIST_TOO_LONG);
        }

        @Test
        void refuseAStringLongerThanTheLimit() {
            QueryError e = error(compare("customers", "city", "eq", "'" + "a".repeat(257) + "'"));
            assertThat(e.code()).isEqualTo(ErrorCode.STRING_TOO_LONG);
        }
    }

    @Nested
    class TimeRanges {
        @Test
        void refuseWithinOnAFieldThatIsNotADate() {
            QueryError e = error(within("orders", "total", "{'type':'last','amount':3,'unit':'day'}"));
            assertThat(e.code()).isEqualTo(ErrorCode.OPERATOR_NOT_FOR_TYPE);
            assertThat(e.path()).isEqualTo("$.where.field");
            assertThat(e.suggestions()).contains("order_date");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'type':'last','amount':3651,'unit':'day'}   | $.where.range.amount",
            "{'type':'next','amount':11,'unit':'year'}    | $.where.range.amount",
            "{'type':'calendar','unit':'month','offset':-101} | $.where.range.offset",
            "{'type':'between','from':'2026-02-01','to':'2026-01-01'} | $.where.range",
        })
        void refuseARangeOutOfBounds(String range, String path) {
            QueryError e = error(within("orders", "order_date", range));
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TIME_RANGE);
            assertThat(e.path()).isEqualTo(path);
        }

        @Test
        void acceptTenYearsOfDays() {
            assertThat(validator().validateJson(within("orders", "order_date",
                    "{'type':'last','amount':3650,'unit':'day'}").replace('\'', '"'))).isNotNull();
        }
    }

    @Nested
    class Rules {
        @Test
        void suggestTheRuleWhoseSynonymWasUsed() {
            QueryError e = error("{'entity':'customers','where':{'type':'rule','rule':'lapsed'}}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_RULE);
            assertThat(e.path()).isEqualTo("$.where.rule");
            assertThat(e.suggestions()).first().isEqualTo("lapsed_customer");
        }

        @Test
        void refuseARuleOfAnotherEntityAndShowHowToReachIt() {
            QueryError e = error("{'entity':'customers','where':{'type':'rule','rule':'recent_orders'}}");
            assertThat(e.code()).isEqualTo(ErrorCode.RULE_NOT_FOR_ENTITY);
            assertThat(e.message()).contains("\"via\":\"orders\"");
        }

        @Test
        void acceptARuleOfTheRelatedEntityInsideARelatedCondition() {
            assertThat(validator().validateJson(("{'entity':'customers','where':{'type':'related','via':'orders',"
                    + "'where':{'type':'rule','rule':'recent_orders','args':{'days':7}},'exists':true}}").replace('\'', '"')))
                    .isNotNull();
        }

        @Test
        void suggestTheParameterOfAMistypedArgument() {
            QueryError e = error("{'entity':'orders','where':{'type':'rule','rule':'recent_orders','args':{'dayz':7}}}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_RULE_PARAMETER);
            assertThat(e.path()).isEqualTo("$.where.args.dayz");
            assertThat(e.suggestions()).containsExactly("days");
        }

        @Test
        void refuseAnArgumentOfTheWrongType() {
            QueryError e = error("{'entity':'orders','where':{'type':'rule','rule':'recent_orders','args':{'days':'seven'}}}");
            assertThat(e.code()).isEqualTo(ErrorCode.WRONG_VALUE_TYPE);
            assertThat(e.path()).isEqualTo("$.where.args.days");
        }

        @Test
        void refuseAnArgumentThatMakesThePredicateInvalid() {
            QueryError e = error("{'entity':'orders','where':{'type':'rule','rule':'recent_orders','args':{'days':100000}}}");
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TIME_RANGE);
            assertThat(e.path()).isEqualTo("$.where.args");
        }
    }

    @Nested
    class RelatedConditions {
        @Test
        void suggestTheRelationshipNamedByItsEntity() {
            QueryError e = error("{'entity':'customers','where':{'type':'related','via':'purchases','exists':true}}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_RELATIONSHIP);
            assertThat(e.path()).isEqualTo("$.where.via");
            assertThat(e.suggestions()).first().isEqualTo("orders");
        }

        @Test
        void checkTheInnerConditionAgainstTheRelatedEntity() {
            QueryError e = error("{'entity':'customers','where':{'type':'related','via':'orders',"
                    + "'where':{'type':'compare','field':'totl','op':'gt','value':100},'exists':true}}");
            assertThat(e.path()).isEqualTo("$.where.where.field");
            assertThat(e.suggestions()).first().isEqualTo("total");
        }
    }

    @Nested
    class Depth {
        @Test
        void refuseAFilterNestedDeeperThanTheLimit() {
            Filter f = Compare.eq("city", "Paris");
            for (int i = 0; i < 8; i++) {
                f = Filter.not(f);
            }
            List<QueryError> errors = validator().check(Query.builder("customers").where(f).build());
            assertThat(errors).extracting(QueryError::code).containsExactly(ErrorCode.FILTER_TOO_DEEP);
            assertThat(errors.get(0).path()).isEqualTo("$.where" + ".operand".repeat(8));
        }

        @Test
        void surviveAFilterTenThousandLevelsDeepBuiltInCode() {
            Filter f = Compare.eq("city", "Paris");
            for (int i = 0; i < 10_000; i++) {
                f = Filter.and(f);
            }
            assertThat(validator().check(Query.builder("customers").where(f).build()))
                    .extracting(QueryError::code).containsExactly(ErrorCode.FILTER_TOO_DEEP);
        }
    }
}
