package io.promoagent.schema.json;

import static io.promoagent.schema.json.QueryJsonSchemaTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.model.RuleParameter;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.schema.validate.ErrorCode;
import io.promoagent.schema.validate.InvalidQueryException;
import io.promoagent.schema.validate.QueryError;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The strict reading of the IR's JSON form: every mistake is an error with its path, never a guess. */
class QueryJsonTest {

    /** The errors reading {@code singleQuoted} JSON reports; fails if it reads without one. */
    private static List<QueryError> errorsOf(String singleQuoted) {
        String text = json(singleQuoted);
        InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class, () -> QueryJson.read(text));
        assertThat(e).as("reading %s", text).isNotNull();
        return e.errors();
    }

    private static QueryError onlyErrorOf(String singleQuoted) {
        List<QueryError> errors = errorsOf(singleQuoted);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    private static String where(String filter) {
        return "{'entity':'customers','where':" + filter + "}";
    }

    @Nested
    class UnknownProperties {

        @ParameterizedTest(name = "{1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'entity':'customers','limt':5}"
                    + "| $.limt | limit",
            "{'entity':'customers','where':{'type':'compare','field':'x','op':'eq','value':1,'ignorecase':true}}"
                    + "| $.where.ignorecase | ignoreCase",
            "{'entity':'customers','where':{'type':'and','operands':[{'type':'rule','rule':'vip'},"
                    + "{'type':'compare','fieldd':'x','field':'x','op':'eq','value':1}]}}"
                    + "| $.where.operands[1].fieldd | field",
            "{'entity':'customers','where':{'type':'not','operand':{'type':'rule','rule':'vip'},'operands':[]}}"
                    + "| $.where.operands | operand",
            "{'entity':'orders','where':{'type':'within','field':'order_date','range':{'type':'last','amount':3,"
                    + "'amout':3,'unit':'day'}}}"
                    + "| $.where.range.amout | amount",
            "{'entity':'customers','where':{'type':'rule','rule':'lapsed_customer','arg':{'days':3}}}"
                    + "| $.where.arg | args",
            "{'entity':'customers','where':{'type':'related','via':'orders','count':{'op':'gt','value':1,'vaule':1}}}"
                    + "| $.where.count.vaule | value",
            "{'entity':'customers','where':{'type':'related','via':'orders','exists':true,'wher':{'type':'rule','rule':'x'}}}"
                    + "| $.where.wher | where",
            "{'entity':'orders','groupBy':[{'field':'order_date','truncat':'month'}]}"
                    + "| $.groupBy[0].truncat | truncate",
            "{'entity':'orders','aggregates':[{'fn':'count'},{'fn':'sum','fields':'total','field':'total'}]}"
                    + "| $.aggregates[1].fields | field",
            "{'entity':'orders','aggregates':[{'measure':'revenue','ass':'r'}]}"
                    + "| $.aggregates[0].ass | as",
            "{'entity':'orders','orderBy':[{'by':'total','directions':'desc'}]}"
                    + "| $.orderBy[0].directions | direction",
            "{'entity':'orders','having':{'type':'or','operands':[{'type':'compare','field':'n','op':'gt','value':1,"
                    + "'vaule':2}]}}"
                    + "| $.having.operands[0].vaule | value",
        })
        void areRejectedWithThePathAndASuggestion(String singleQuoted, String path, String suggestion) {
            QueryError error = onlyErrorOf(singleQuoted);
            assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_PROPERTY);
            assertThat(error.path()).isEqualTo(path);
            assertThat(error.suggestions()).first().isEqualTo(suggestion);
            assertThat(error.message()).contains("allowed here");
        }

        @Test
        void namesTheNestedPathOfAMisspelledField() {
            List<QueryError> errors = errorsOf(where("{'type':'and','operands':["
                    + "{'type':'compare','fieldd':'total_spent','op':'gt','value':1}]}"));
            assertThat(errors).extracting(QueryError::code, QueryError::path).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(ErrorCode.UNKNOWN_PROPERTY, "$.where.operands[0].fieldd"),
                    org.assertj.core.groups.Tuple.tuple(ErrorCode.MISSING_PROPERTY, "$.where.operands[0].field"));
            assertThat(errors).filteredOn(e -> e.code() == ErrorCode.UNKNOWN_PROPERTY).first()
                    .extracting(QueryError::suggestions).isEqualTo(List.of("field"));
        }

        @Test
        void andAnUnknownFilterTypeIsSuggestedTheClosestOne() {
            QueryError error = onlyErrorOf(where("{'type':'compar','field':'x','op':'eq','value':1}"));
            assertThat(error.path()).isEqualTo("$.where.type");
            assertThat(error.suggestions()).first().isEqualTo("compare");
        }
    }

    @Nested
    class MissingProperties {

        @Test
        void aFilterWithoutItsTypeIsRejected() {
            QueryError error = onlyErrorOf(where("{'field':'total_spent','op':'gt','value':1}"));
            assertThat(error.code()).isEqualTo(ErrorCode.MISSING_PROPERTY);
            assertThat(error.path()).isEqualTo("$.where.type");
        }

        @Test
        void aTimeRangeWithoutItsTypeIsRejected() {
            QueryError error = onlyErrorOf("{'entity':'orders','where':{'type':'within','field':'order_date',"
                    + "'range':{'amount':3,'unit':'day'}}}");
            assertThat(error.code()).isEqualTo(ErrorCode.MISSING_PROPERTY);
            assertThat(error.path()).isEqualTo("$.where.range.type");
        }

        @Test
        void aQueryWithoutEntityIsRejected() {
            assertThat(onlyErrorOf("{'limit':3}").path()).isEqualTo("$.entity");
        }

        @Test
        void aNullCountsAsMissing() {
            QueryError error = onlyErrorOf("{'entity':null}");
            assertThat(error.code()).isEqualTo(ErrorCode.MISSING_PROPERTY);
        }

        @Test
        void aRelatedConditionNeedsExistsOrCount() {
            QueryError error = onlyErrorOf(where("{'type':'related','via':'orders'}"));
            assertThat(error.code()).isEqualTo(ErrorCode.MISSING_PROPERTY);
            assertThat(error.path()).isEqualTo("$.where");
        }
    }

    @Nested
    class WrongJsonTypes {

        @ParameterizedTest(name = "{1}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'entity':'customers','limit':'5'}                                               | $.limit",
            "{'entity':'customers','limit':2.5}                                               | $.limit",
            "{'entity':7}                                                                     | $.entity",
            "{'entity':'customers','fields':'name'}                                           | $.fields",
            "{'entity':'customers','fields':['name',3]}                                       | $.fields[1]",
            "{'entity':'customers','where':[]}                                                | $.where",
            "{'entity':'customers','where':{'type':'or','operands':{}}}                       | $.where.operands",
            "{'entity':'customers','where':{'type':'compare','field':'x','op':'eq','value':{}}}  | $.where.value",
            "{'entity':'customers','where':{'type':'compare','field':'x','op':'in','value':[[1]]}} | $.where.value[0]",
            "{'entity':'customers','where':{'type':'compare','field':'x','op':'eq','value':1,'ignoreCase':'yes'}}"
                    + " | $.where.ignoreCase",
            "{'entity':'customers','where':{'type':'related','via':'orders','exists':'true'}}  | $.where.exists",
            "{'entity':'customers','where':{'type':'related','via':'orders','count':{'op':'gt','value':-1}}}"
                    + " | $.where.count.value",
            "{'entity':'orders','where':{'type':'within','field':'order_date','range':{'type':'calendar',"
                    + "'unit':'month','offset':'-1'}}} | $.where.range.offset",
            "{'entity':'orders','orderBy':{'by':'total'}}                                      | $.orderBy",
            "{'entity':'orders','orderBy':[{'by':'total','direction':'down'}]}                 | $.orderBy[0].direction",
        })
        void areRejectedWithThePath(String singleQuoted, String path) {
            QueryError error = onlyErrorOf(singleQuoted);
            assertThat(error.code()).isEqualTo(ErrorCode.WRONG_JSON_TYPE);
            assertThat(error.path()).isEqualTo(path);
        }

        @Test
        void aQueryThatIsNotAnObjectIsRejectedAtTheRoot() {
            assertThat(onlyErrorOf("['customers']").path()).isEqualTo("$");
        }

        @Test
        void aWholeNumberWrittenWithAFractionIsAWholeNumber() {
            assertThat(QueryJson.read(json("{'entity':'customers','limit':5.0}")).limit()).hasValue(5);
        }
    }

    @Nested
    class Numbers {

        private Object valueOf(String number) {
            return ((Compare) QueryJson.readFilter("{\"type\":\"compare\",\"field\":\"total\",\"op\":\"eq\",\"value\":"
                    + number + "}")).value();
        }

        @Test
        void keepTheScaleTheyAreWrittenWith() {
            assertThat(valueOf("5.00")).isEqualTo(new BigDecimal("5.00"));
            assertThat(valueOf("0.0")).isEqualTo(new BigDecimal("0.0"));
            assertThat(valueOf("12")).isEqualTo(new BigDecimal("12"));
        }

        @Test
        void writtenWithAnExponentAreReadAsPlainWholeNumbers() {
            assertThat(valueOf("1E+3")).isEqualTo(new BigDecimal("1000"));
            assertThat(valueOf("2.5e-3")).isEqualTo(new BigDecimal("0.0025"));
        }

        @Test
        void areWrittenPlainAndExact() {
            assertThat(QueryJson.write(Compare.eq("total", new BigDecimal("1E+3")))).contains("\"value\":1000");
            assertThat(QueryJson.write(Compare.eq("total", new BigDecimal("19.90")))).contains("\"value\":19.90");
        }
    }

    @Nested
    class ValueCounts {

        @Test
        void betweenWithOneValueIsRejected() {
            QueryError error = onlyErrorOf(where("{'type':'compare','field':'total_spent','op':'between','value':[500]}"));
            assertThat(error.code()).isEqualTo(ErrorCode.WRONG_VALUE_COUNT);
            assertThat(error.path()).isEqualTo("$.where.value");
        }

        @Test
        void betweenWithThreeValuesIsRejected() {
            assertThat(onlyErrorOf(where("{'type':'compare','field':'t','op':'between','value':[1,2,3]}")).code())
                    .isEqualTo(ErrorCode.WRONG_VALUE_COUNT);
        }

        @Test
        void inWithNoValueIsRejected() {
            assertThat(onlyErrorOf(where("{'type':'compare','field':'country','op':'in','value':[]}")).code())
                    .isEqualTo(ErrorCode.WRONG_VALUE_COUNT);
        }

        @Test
        void isNullWithAValueIsRejected() {
            QueryError error = onlyErrorOf(where("{'type':'compare','field':'last_order_date','op':'is_null','value':true}"));
            assertThat(error.code()).isEqualTo(ErrorCode.WRONG_VALUE_COUNT);
            assertThat(error.path()).isEqualTo("$.where.value");
        }

        @Test
        void eqWithoutAValueIsRejected() {
            QueryError error = onlyErrorOf(where("{'type':'compare','field':'country','op':'eq'}"));
            assertThat(error.code()).isEqualTo(ErrorCode.MISSING_PROPERTY);
            assertThat(error.path()).isEqualTo("$.where.value");
        }

        @Test
        void isNullReadsWithNoValues() {
            Filter f = QueryJson.readFilter(json("{'type':'compare','field':'last_order_date','op':'is_null'}"));
            assertThat(f).isEqualTo(new Compare("last_order_date", Operator.IS_NULL, List.of(), false));
        }
    }

    @Nested
    class MalformedJson {

        @ParameterizedTest(name = "[{index}] {0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "{'entity':",
            "{'entity':'customers',}",
            "{'entity':'customers'} {'entity':'orders'}",
            "{'entity':'customers'}x",
            "entity: customers",
        })
        void isReportedAsMalformed(String singleQuoted) {
            QueryError error = onlyErrorOf(singleQuoted);
            assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
            assertThat(error.path()).isEqualTo("$");
        }

        @Test
        void emptyTextIsReportedAsMalformed() {
            InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class, () -> QueryJson.read("  "));
            assertThat(e.errors()).extracting(QueryError::code).containsExactly(ErrorCode.MALFORMED_JSON);
        }

        @Test
        void noTextAtAllIsReportedAsMalformed() {
            InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class, () -> QueryJson.read((String) null));
            assertThat(e.errors()).extracting(QueryError::code).containsExactly(ErrorCode.MALFORMED_JSON);
        }

        @Test
        void textLongerThanTheLimitIsRefusedBeforeParsing() {
            String query = json("{'entity':'customers'}");
            String tooLong = query + " ".repeat(QueryJson.MAX_JSON_CHARS - query.length() + 1);
            InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class, () -> QueryJson.read(tooLong));
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
                assertThat(error.message()).contains(String.valueOf(QueryJson.MAX_JSON_CHARS));
            });
            String longest = query + " ".repeat(QueryJson.MAX_JSON_CHARS - query.length());
            assertThat(QueryJson.read(longest).entity()).isEqualTo("customers");
        }

        @Test
        void jsonNestedThousandsDeepIsMalformedNotAStackOverflow() {
            String deep = "[".repeat(5_000) + "]".repeat(5_000);
            InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class,
                    () -> QueryJson.read("{\"entity\":\"customers\",\"where\":" + deep + "}"));
            assertThat(e.errors()).extracting(QueryError::code).containsExactly(ErrorCode.MALFORMED_JSON);
        }
    }

    @Nested
    class DeepFilters {

        /** {@code levels} filters, each the operand of a not, around a comparison. */
        private String nots(int levels) {
            String f = "{'type':'compare','field':'x','op':'eq','value':1}";
            for (int i = 1; i < levels; i++) {
                f = "{'type':'not','operand':" + f + "}";
            }
            return f;
        }

        @Test
        void aFilterNestedFortyDeepIsTooDeep() {
            QueryError error = onlyErrorOf(where(nots(40)));
            assertThat(error.code()).isEqualTo(ErrorCode.FILTER_TOO_DEEP);
            assertThat(error.path()).isEqualTo("$.where" + ".operand".repeat(QueryReader.MAX_DEPTH));
        }

        @Test
        void aFilterAsDeepAsTheLimitIsRead() {
            Filter f = QueryJson.read(json(where(nots(QueryReader.MAX_DEPTH)))).where().orElseThrow();
            int depth = 1;
            while (f instanceof Not n) {
                f = n.operand();
                depth++;
            }
            assertThat(depth).isEqualTo(QueryReader.MAX_DEPTH);
            assertThat(onlyErrorOf(where(nots(QueryReader.MAX_DEPTH + 1))).code()).isEqualTo(ErrorCode.FILTER_TOO_DEEP);
        }

        @Test
        void depthCountsThroughConjunctionsAndRelatedConditions() {
            String f = "{'type':'rule','rule':'vip'}";
            for (int i = 0; i < 20; i++) {
                f = "{'type':'and','operands':[{'type':'related','via':'orders','exists':true,'where':" + f + "}]}";
            }
            QueryError error = onlyErrorOf(where(f));
            assertThat(error.code()).isEqualTo(ErrorCode.FILTER_TOO_DEEP);
            assertThat(error.path()).startsWith("$.where.operands[0].where.operands[0].where");
        }

        @Test
        void havingIsLimitedToo() {
            assertThat(onlyErrorOf("{'entity':'orders','having':" + nots(40) + "}").path()).startsWith("$.having.operand");
        }
    }

    @Nested
    class ManyErrors {

        @Test
        void areCollectedInOneExceptionInDocumentOrder() {
            List<QueryError> errors = errorsOf("{'entity':'customers','limt':5,"
                    + "'where':{'type':'and','operands':[{'type':'compare','field':'x','op':'gtt','value':1},"
                    + "{'type':'within','field':'join_date','range':{'type':'last','amount':2,'unit':'fortnight'}}]},"
                    + "'orderBy':[{'by':'x','direction':'up'}],'limit':'ten'}");
            assertThat(errors).extracting(QueryError::path).containsExactly(
                    "$.limt",
                    "$.where.operands[0].op",
                    "$.where.operands[1].range.unit",
                    "$.orderBy[0].direction",
                    "$.limit");
            assertThat(errors).extracting(QueryError::code).containsExactly(
                    ErrorCode.UNKNOWN_PROPERTY, ErrorCode.UNKNOWN_OPERATOR, ErrorCode.INVALID_TIME_RANGE,
                    ErrorCode.WRONG_JSON_TYPE, ErrorCode.WRONG_JSON_TYPE);
            assertThat(errors.get(1).suggestions()).contains("gt");
        }

        @Test
        void areAllInTheExceptionMessage() {
            InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class,
                    () -> QueryJson.read(json("{'entity':'customers','limt':5,'fields':'name'}")));
            assertThat(e.getMessage()).contains("unknown_property at $.limt").contains("did you mean limit")
                    .contains("wrong_json_type at $.fields");
        }
    }

    @Nested
    class FiltersAlone {

        @Test
        void carryThePathPrefixTheCallerGives() {
            InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class, () -> QueryJson.readFilter(
                    QueryJson.parse(json("{'type':'compare','field':'segment','op':'eqq','value':'VIP'}")), "$.audience"));
            assertThat(e.errors()).extracting(QueryError::path).containsExactly("$.audience.op");
        }
    }

    @Nested
    class ExpandRule {

        private final Rule recentOrders = new Rule("recent_orders", "orders", "", List.of(),
                List.of(new RuleParameter("days", FieldType.INTEGER, Optional.of(BigDecimal.valueOf(30)))),
                json("{'type':'within','field':'order_date','range':{'type':'last','amount':{'param':'days'},'unit':'day'}}"));

        private final Rule inCountries = new Rule("in_countries", "customers", "", List.of(),
                List.of(new RuleParameter("first", FieldType.STRING, Optional.empty()),
                        new RuleParameter("second", FieldType.STRING, Optional.of("FR")),
                        new RuleParameter("opted_in", FieldType.BOOLEAN, Optional.of(true))),
                json("{'type':'and','operands':[{'type':'compare','field':'country','op':'in',"
                        + "'value':[{'param':'first'},{'param':'second'}]},"
                        + "{'type':'compare','field':'marketing_opt_in','op':'eq','value':{'param':'opted_in'}}]}"));

        @Test
        void substitutesTheDefaultOfAMissingArgument() {
            assertThat(recentOrders.expand(Map.of()))
                    .isEqualTo(new Within("order_date", new TimeRange.Last(30, CalendarUnit.DAY)));
        }

        @Test
        void substitutesAnArgumentGivenAsAJavaInteger() {
            assertThat(recentOrders.expand(Map.of("days", 60)))
                    .isEqualTo(new Within("order_date", new TimeRange.Last(60, CalendarUnit.DAY)));
        }

        @Test
        void acceptsAWholeDecimalForAnIntegerParameter() {
            assertThat(recentOrders.expand(Map.of("days", new BigDecimal("7.0"))))
                    .isEqualTo(new Within("order_date", new TimeRange.Last(7, CalendarUnit.DAY)));
        }

        @Test
        void substitutesInsideArraysAndNestedFilters() {
            assertThat(inCountries.expand(Map.of("first", "DE")))
                    .isEqualTo(new And(List.of(Compare.of("country", Operator.IN, "DE", "FR"),
                            Compare.eq("marketing_opt_in", true))));
        }

        @Test
        void substitutesIntoARelatedCondition() {
            Rule lapsed = new Rule("lapsed_customer", "customers", "", List.of(),
                    List.of(new RuleParameter("days", FieldType.INTEGER, Optional.of(BigDecimal.valueOf(90)))),
                    json("{'type':'related','via':'orders','exists':false,'where':{'type':'within',"
                            + "'field':'order_date','range':{'type':'last','amount':{'param':'days'},'unit':'day'}}}"));
            assertThat(lapsed.expand(Map.of("days", 120))).isEqualTo(Related.notExists("orders",
                    new Within("order_date", new TimeRange.Last(120, CalendarUnit.DAY))));
        }

        @Test
        void rejectsAnUnknownParameterWithASuggestion() {
            InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class,
                    () -> recentOrders.expand(Map.of("day", 3)));
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_RULE_PARAMETER);
                assertThat(error.path()).isEqualTo("$.rule(recent_orders).args.day");
                assertThat(error.suggestions()).containsExactly("days");
            });
        }

        @Test
        void rejectsAMissingArgumentWithoutDefault() {
            InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class,
                    () -> inCountries.expand(Map.of()));
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.code()).isEqualTo(ErrorCode.MISSING_PROPERTY);
                assertThat(error.path()).isEqualTo("$.rule(in_countries).args.first");
            });
        }

        @Test
        void rejectsValuesOfTheWrongTypeAndCollectsEveryError() {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("first", 49);
            args.put("opted_in", "yes");
            args.put("thrid", "x");
            InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class,
                    () -> inCountries.expand(args));
            assertThat(e.errors()).extracting(QueryError::code, QueryError::path).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(ErrorCode.UNKNOWN_RULE_PARAMETER, "$.rule(in_countries).args.thrid"),
                    org.assertj.core.groups.Tuple.tuple(ErrorCode.WRONG_VALUE_TYPE, "$.rule(in_countries).args.first"),
                    org.assertj.core.groups.Tuple.tuple(ErrorCode.WRONG_VALUE_TYPE, "$.rule(in_countries).args.opted_in"));
        }

        @Test
        void rejectsAFractionForAnIntegerParameter() {
            InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class,
                    () -> recentOrders.expand(Map.of("days", new BigDecimal("1.5"))));
            assertThat(e.errors()).extracting(QueryError::code).containsExactly(ErrorCode.WRONG_VALUE_TYPE);
        }

        @Test
        void rejectsAPredicateThatNamesAnUndeclaredParameter() {
            Rule broken = new Rule("broken", "orders", "", List.of(), List.of(),
                    json("{'type':'compare','field':'total','op':'gt','value':{'param':'minimum'}}"));
            InvalidQueryException e = catchThrowableOfType(InvalidQueryException.class,
                    () -> broken.expand(Map.of()));
            assertThat(e.errors()).extracting(QueryError::code).containsExactly(ErrorCode.UNKNOWN_RULE_PARAMETER);
            assertThat(e.getMessage()).contains("minimum");
        }

        @Test
        void isWhatTheDemoModelUsesForItsRules() {
            assertThat(DemoShop.model().expandRule("recent_orders", Map.of("days", 14)))
                    .isEqualTo(new Within("order_date", new TimeRange.Last(14, CalendarUnit.DAY)));
        }
    }
}
