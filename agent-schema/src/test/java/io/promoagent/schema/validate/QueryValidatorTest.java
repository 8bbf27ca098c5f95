package io.promoagent.schema.validate;

import static io.promoagent.schema.validate.Demo.error;
import static io.promoagent.schema.validate.Demo.errors;
import static io.promoagent.schema.validate.Demo.validator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.json.QueryJson;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QueryValidatorTest {

    @Nested
    class ValidQueries {
        @ParameterizedTest
        @ValueSource(strings = {
            "{'entity':'customers','where':{'type':'rule','rule':'vip'}}",
            "{'entity':'customers','where':{'type':'compare','field':'total_spent','op':'between','value':[500,800]}}",
            "{'entity':'customers','where':{'type':'within','field':'join_date','range':{'type':'last','amount':14,'unit':'day'}}}",
            "{'entity':'customers','where':{'type':'compare','field':'name','op':'eq','value':'John Smith','ignoreCase':true}}",
            "{'entity':'customers','where':{'type':'and','operands':[{'type':'rule','rule':'premium'},{'type':'related','via':'orders','where':{'type':'within','field':'order_date','range':{'type':'last','amount':60,'unit':'day'}},'exists':false}]}}",
            "{'entity':'customers','where':{'type':'and','operands':[{'type':'rule','rule':'vip'},{'type':'related','via':'orders','where':{'type':'rule','rule':'recent_orders','args':{'days':30}},'exists':true}]}}",
            "{'entity':'orders','where':{'type':'and','operands':[{'type':'compare','field':'status','op':'eq','value':'refunded'},{'type':'within','field':'order_date','range':{'type':'calendar','unit':'month','offset':-1}}]}}",
            "{'entity':'orders','groupBy':[{'field':'channel'}],'aggregates':[{'measure':'average_order_value'}]}",
            "{'entity':'orders','groupBy':[{'field':'customer.segment'}],'aggregates':[{'measure':'average_order_value'}]}",
            "{'entity':'orders','where':{'type':'within','field':'order_date','range':{'type':'calendar','unit':'year','offset':0}},'groupBy':[{'field':'order_date','truncate':'month'}],'aggregates':[{'measure':'revenue'}],'orderBy':[{'by':'revenue','direction':'desc'}],'limit':1}",
            "{'entity':'customers','groupBy':[{'field':'segment'}],'aggregates':[{'fn':'count'}],'having':{'type':'compare','field':'count','op':'gt','value':10}}",
            "{'entity':'customers','fields':['name','total_spent'],'orderBy':[{'by':'total_spent','direction':'desc'}],'limit':5}",
            "{'entity':'promotions','where':{'type':'rule','rule':'active_promotion'}}",
            "{'entity':'promotions','where':{'type':'within','field':'ends_at','range':{'type':'rest_of','unit':'week'}}}",
            "{'entity':'customers','where':{'type':'related','via':'orders','count':{'op':'gt','value':10}}}",
        })
        void haveNoErrors(String json) {
            Query q = QueryJson.read(json.replace('\'', '"'));
            assertThat(validator().check(q)).isEmpty();
            assertThat(validator().validate(q)).isEqualTo(q);
        }

        @Test
        void replaceEnumValuesByTheirCanonicalForm() {
            Query q = validator().validateJson("{\"entity\":\"customers\",\"where\":{\"type\":\"and\",\"operands\":["
                    + "{\"type\":\"compare\",\"field\":\"segment\",\"op\":\"eq\",\"value\":\"vip\"},"
                    + "{\"type\":\"compare\",\"field\":\"country\",\"op\":\"in\",\"value\":[\"UK\",\"germany\",\"FR\"]}]}}");
            assertThat(q.where()).contains(Filter.and(Compare.eq("segment", "VIP"),
                    Compare.of("country", io.promoagent.schema.ir.Operator.IN, "GB", "DE", "FR")));
        }

        @Test
        void rewriteAConditionOnAManyToOnePathAsARelatedCondition() {
            Query q = validator().validateJson("{\"entity\":\"orders\",\"where\":{\"type\":\"compare\","
                    + "\"field\":\"customer.name\",\"op\":\"eq\",\"value\":\"John Smith\",\"ignoreCase\":true}}");
            assertThat(q.where()).contains(new Related("customer", Optional.of(
                    new Compare("name", io.promoagent.schema.ir.Operator.EQ, List.of("John Smith"), true)),
                    CountCondition.exists()));
        }

        @Test
        void doNotCoerceANumberWrittenAsAString() {
            QueryError e = error("{'entity':'customers','where':{'type':'compare','field':'total_spent','op':'gt','value':'1000'}}");
            assertThat(e.code()).isEqualTo(ErrorCode.WRONG_VALUE_TYPE);
            assertThat(e.path()).isEqualTo("$.where.value");
            assertThat(e.suggestions()).containsExactly("1000");
        }
    }

    @Nested
    class UnknownEntities {
        @Test
        void suggestTheEntityWhoseSynonymWasUsed() {
            QueryError e = error("{'entity':'clients'}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_ENTITY);
            assertThat(e.path()).isEqualTo("$.entity");
            assertThat(e.suggestions()).first().isEqualTo("customers");
        }

        @Test
        void suggestThePluralOfASingularName() {
            assertThat(error("{'entity':'order'}").suggestions()).first().isEqualTo("orders");
            assertThat(error("{'entity':'Promotion'}").suggestions()).first().isEqualTo("promotions");
        }

        @Test
        void stillCheckTheLimitOfAQueryOnAnUnknownEntity() {
            assertThat(errors("{'entity':'custmers','limit':0}")).extracting(QueryError::code)
                    .containsExactly(ErrorCode.UNKNOWN_ENTITY, ErrorCode.LIMIT_OUT_OF_RANGE);
        }
    }

    @Nested
    class UnknownFields {
        @Test
        void suggestTheClosestFieldForATypo() {
            QueryError e = error("{'entity':'customers','where':{'type':'compare','field':'totl_spent','op':'gt','value':1000}}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
            assertThat(e.path()).isEqualTo("$.where.field");
            assertThat(e.suggestions()).first().isEqualTo("total_spent");
        }

        @ParameterizedTest
        @ValueSource(strings = {"TotalSpent", "total-spent", "totalspent", "total_spents", "spent_total", "TOTAL_SPENT"})
        void suggestTheFieldWrittenWithOtherCaseSeparatorsOrNumber(String wrong) {
            QueryError e = error("{'entity':'customers','fields':['" + wrong + "']}");
            assertThat(e.path()).isEqualTo("$.fields[0]");
            assertThat(e.suggestions()).first().isEqualTo("total_spent");
        }

        @Test
        void rankTheFieldWhoseSynonymWasUsedFirst() {
            QueryError e = error("{'entity':'customers','orderBy':[{'by':'lifetime value'}]}");
            assertThat(e.path()).isEqualTo("$.orderBy[0].by");
            assertThat(e.suggestions()).first().isEqualTo("total_spent");
        }

        @Test
        void suggestTotalSpentForTheTotalOfOrdersOnCustomers() {
            QueryError e = error("{'entity':'customers','fields':['total']}");
            assertThat(e.suggestions()).first().isEqualTo("total_spent");
            assertThat(e.message()).contains("field of orders");
        }

        @Test
        void suggestThePathToAFieldOfTheEntityReachedManyToOne() {
            QueryError e = error("{'entity':'orders','groupBy':[{'field':'segment'}],'aggregates':[{'fn':'count'}]}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
            assertThat(e.path()).isEqualTo("$.groupBy[0].field");
            assertThat(e.suggestions()).first().isEqualTo("customer.segment");
        }

        @Test
        void suggestThePathInAFilterToo() {
            QueryError e = error("{'entity':'orders','where':{'type':'compare','field':'segment','op':'eq','value':'VIP'}}");
            assertThat(e.suggestions()).first().isEqualTo("customer.segment");
        }

        @Test
        void refuseAPathInTheFieldsReturned() {
            QueryError e = error("{'entity':'orders','fields':['customer.segment']}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
            assertThat(e.message()).contains("group by it");
        }

        @Test
        void refuseAPathThroughAOneToManyRelationship() {
            QueryError e = error("{'entity':'customers','groupBy':[{'field':'orders.channel'}],'aggregates':[{'fn':'count'}]}");
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_GROUPABLE);
            assertThat(e.path()).isEqualTo("$.groupBy[0].field");
        }

        @Test
        void suggestTheRelationshipOfAMistypedPath() {
            QueryError e = error("{'entity':'orders','groupBy':[{'field':'custmer.segment'}],'aggregates':[{'fn':'count'}]}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_RELATIONSHIP);
            assertThat(e.suggestions()).first().isEqualTo("customer.segment");
        }

        @Test
        void listTheFieldsWhenNothingIsClose() {
            QueryError e = error("{'entity':'customers','groupBy':[{'field':'favourite_colour'}],'aggregates':[{'fn':'count'}]}");
            assertThat(e.suggestions()).isEmpty();
            assertThat(e.message()).contains("total_spent", "segment");
        }
    }

    @Nested
    class DocumentOrder {
        @Test
        void reportEveryErrorInTheOrderOfTheJson() {
            List<QueryError> errors = errors("{'entity':'customers','fields':['nme'],"
                    + "'where':{'type':'and','operands':[{'type':'compare','field':'segment','op':'eq','value':'Gold'},"
                    + "{'type':'compare','field':'marketing_opt_in','op':'gt','value':true}]},"
                    + "'orderBy':[{'by':'spent'}],'limit':100000}");
            assertThat(errors).extracting(QueryError::path).containsExactly("$.fields[0]", "$.where.operands[0].value",
                    "$.where.operands[1].op", "$.orderBy[0].by", "$.limit");
            assertThat(errors).extracting(QueryError::code).containsExactly(ErrorCode.UNKNOWN_FIELD,
                    ErrorCode.UNKNOWN_ENUM_VALUE, ErrorCode.OPERATOR_NOT_FOR_TYPE, ErrorCode.UNKNOWN_FIELD,
                    ErrorCode.LIMIT_OUT_OF_RANGE);
        }

        @Test
        void throwTheSameErrorsFromValidateThatCheckReturns() {
            Query q = Query.builder("customers").fields("nme", "segmnt").build();
            List<QueryError> checked = validator().check(q);
            assertThat(checked).hasSize(2);
            assertThatThrownBy(() -> validator().validate(q)).isInstanceOfSatisfying(InvalidQueryException.class,
                    e -> assertThat(e.errors()).isEqualTo(checked));
        }
    }

    @Nested
    class NullsAndOddInput {
        @Test
        void reportAMissingQuery() {
            assertThat(validator().check(null)).extracting(QueryError::code).containsExactly(ErrorCode.MISSING_PROPERTY);
            assertThatThrownBy(() -> validator().validate(null)).isInstanceOf(InvalidQueryException.class);
        }

        @Test
        void reportMissingJson() {
            assertThatThrownBy(() -> validator().validateJson(null)).isInstanceOf(InvalidQueryException.class);
        }

        @Test
        void refuseANumberTooLargeToReadExactly() {
            QueryError e = error("{'entity':'customers','where':{'type':'compare','field':'total_spent','op':'gt','value':1e999999999}}");
            assertThat(e.code()).isEqualTo(ErrorCode.WRONG_VALUE_TYPE);
            assertThat(e.path()).isEqualTo("$.where.value");
        }

        @Test
        void giveNoSuggestionsForAHugeName() {
            QueryError e = error("{'entity':'customers','fields':['" + "x".repeat(5000) + "']}");
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
            assertThat(e.message()).hasSizeLessThan(1000);
        }
    }
}
