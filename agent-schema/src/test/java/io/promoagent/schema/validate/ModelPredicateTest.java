package io.promoagent.schema.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.DataModelException;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.MeasureExpression;
import io.promoagent.schema.model.QueryValidator;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.model.Visibility;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Hidden fields, timestamps, and the predicates of rules and measures checked when a model is built. */
class ModelPredicateTest {

    private static DataModel.Builder accounts(Rule... rules) {
        DataModel.Builder b = DataModel.builder().source("main", "memory")
                .entity(Entity.builder("accounts").source("main").key("id")
                        .field("id", FieldType.STRING)
                        .field(Field.of("risk_score", FieldType.NUMBER).withVisibility(Visibility.HIDDEN))
                        .field(Field.of("email", FieldType.STRING).withVisibility(Visibility.UI))
                        .field("created", FieldType.TIMESTAMP)
                        .field(Field.of("tier", FieldType.ENUM).withValues(EnumValue.of("gold", "premium"), EnumValue.of("silver")))
                        .build());
        for (Rule r : rules) {
            b.rule(r);
        }
        return b;
    }

    private static Rule rule(String name, String predicateJson) {
        return new Rule(name, "accounts", "", List.of(), List.of(), predicateJson.replace('\'', '"'));
    }

    private static final Rule RISKY = rule("risky", "{'type':'compare','field':'risk_score','op':'gt','value':80}");

    @Nested
    class HiddenFields {
        private final QueryValidator validator = QueryValidator.of(accounts(RISKY).build());

        @Test
        void mayNotBeReturnedFilteredGroupedOrOrderedByAQuery() {
            assertThat(validator.check(Query.builder("accounts").fields("risk_score").build()))
                    .extracting(QueryError::code, QueryError::path)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ErrorCode.FIELD_NOT_VISIBLE, "$.fields[0]"));
            assertThat(validator.check(Query.builder("accounts").where(Compare.of("risk_score", Operator.GT, 1)).build()))
                    .extracting(QueryError::code).containsExactly(ErrorCode.FIELD_NOT_VISIBLE);
            assertThat(validator.check(Query.builder("accounts")
                    .aggregate(io.promoagent.schema.ir.Aggregate.of(AggregateFunction.MAX, "risk_score")).build()))
                    .extracting(QueryError::code).containsExactly(ErrorCode.FIELD_NOT_VISIBLE);
            assertThat(validator.check(Query.builder("accounts").orderBy(io.promoagent.schema.ir.OrderBy.desc("risk_score")).build()))
                    .extracting(QueryError::code).containsExactly(ErrorCode.FIELD_NOT_VISIBLE);
        }

        @Test
        void areNeverSuggested() {
            QueryError e = validator.check(Query.builder("accounts").fields("risk_scor").build()).get(0);
            assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
            assertThat(e.suggestions()).doesNotContain("risk_score");
            assertThat(e.message()).doesNotContain("risk_score");
        }

        @Test
        void mayBeFilteredOnByARuleOfTheModel() {
            assertThat(validator.check(Query.builder("accounts").where(RuleRef.of("risky")).build())).isEmpty();
        }

        @Test
        void leaveUiFieldsToThePolicy() {
            assertThat(validator.check(Query.builder("accounts").fields("email").where(Compare.eq("email", "a@b.c")).build()))
                    .isEmpty();
        }
    }

    @Nested
    class Timestamps {
        private final QueryValidator validator = QueryValidator.of(accounts().build());

        @Test
        void acceptAnInstantAnOffsetTimeOrADate() {
            for (String v : List.of("2026-06-30T12:00:00Z", "2026-06-30T12:00:00+02:00", "2026-06-30")) {
                assertThat(validator.check(Query.builder("accounts").where(Compare.of("created", Operator.GTE, v)).build()))
                        .as(v).isEmpty();
            }
        }

        @Test
        void refuseWordsForTimes() {
            assertThat(validator.check(Query.builder("accounts").where(Compare.of("created", Operator.GTE, "yesterday")).build()))
                    .extracting(QueryError::code).containsExactly(ErrorCode.INVALID_DATE);
        }
    }

    @Nested
    class WhenAModelIsBuilt {
        @Test
        void refuseARulePredicateWithAnOperatorThatDoesNotFit() {
            assertThatThrownBy(() -> accounts(rule("gold", "{'type':'compare','field':'tier','op':'gt','value':'gold'}")).build())
                    .isInstanceOfSatisfying(DataModelException.class, e -> assertThat(e.path()).isEqualTo("rules[0].where.op"));
        }

        @Test
        void refuseAnEnumValueNotWrittenExactlyAndSuggestTheCanonicalOne() {
            assertThatThrownBy(() -> accounts(rule("gold", "{'type':'compare','field':'tier','op':'eq','value':'Premium'}")).build())
                    .isInstanceOfSatisfying(DataModelException.class, e -> {
                        assertThat(e.path()).isEqualTo("rules[0].where.value");
                        assertThat(e.problem()).contains("gold");
                    });
        }

        @Test
        void refuseRulesThatReferToEachOther() {
            assertThatThrownBy(() -> accounts(rule("a", "{'type':'rule','rule':'b'}"), rule("b", "{'type':'rule','rule':'a'}")).build())
                    .isInstanceOfSatisfying(DataModelException.class, e -> {
                        assertThat(e.path()).isEqualTo("rules[0].where.rule");
                        assertThat(e.problem()).contains("refers back to itself");
                    });
        }

        @Test
        void refuseAMeasureConditionOnAnUnknownField() {
            Measure m = new Measure("big", "accounts", "", List.of(), new MeasureExpression.Aggregation(AggregateFunction.COUNT,
                    Optional.empty(), Optional.of(Compare.of("risk", Operator.GT, 1))));
            assertThatThrownBy(() -> accounts().measure(m).build())
                    .isInstanceOfSatisfying(DataModelException.class, e -> {
                        assertThat(e.path()).isEqualTo("measures[0].where.field");
                        assertThat(e.problem()).contains("risk_score");
                    });
        }

        @Test
        void acceptTheDemoModel() {
            assertThat(Demo.model().rules()).isNotEmpty();
        }
    }
}
