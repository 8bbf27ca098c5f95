package io.promoagent.schema.validate;

import static io.promoagent.schema.validate.Demo.error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The constructs of query IR 2.0 refuse what does not type-check, each with a code, the JSON path of the
 * offending value and, where there is one, a ranked suggestion.
 */
class ExpressionValidationTest {

    @Test
    void refuseTheMedianOfText() {
        QueryError e = error("{'entity':'orders','aggregates':[{'fn':'median','field':'status'}]}");
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_AGGREGATABLE);
        assertThat(e.path()).isEqualTo("$.aggregates[0].field");
        assertThat(e.suggestions()).contains("total");
    }

    @Test
    void refuseAPercentileWithoutItsFraction() {
        QueryError e = error("{'entity':'orders','aggregates':[{'fn':'percentile','field':'total'}]}");
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_PROPERTY);
        assertThat(e.path()).isEqualTo("$.aggregates[0].p");
    }

    @Test
    void refuseADateDifferenceOfANumber() {
        QueryError e = error("{'entity':'orders','select':[{'expr':{'daysBetween':{'from':{'field':'total'},"
                + "'to':{'field':'order_date'}}},'as':'days'}]}");
        assertThat(e.code()).isEqualTo(ErrorCode.WRONG_EXPRESSION_TYPE);
        assertThat(e.path()).isEqualTo("$.select[0].expr.daysBetween.from");
    }

    @Test
    void refuseADatePartOfText() {
        QueryError e = error("{'entity':'orders','where':{'type':'test','left':{'datePart':'weekend','of':{'field':'channel'}},"
                + "'op':'eq','right':{'value':true}}}");
        assertThat(e.code()).isEqualTo(ErrorCode.WRONG_EXPRESSION_TYPE);
        assertThat(e.path()).isEqualTo("$.where.left.of");
    }

    @Test
    void refuseArithmeticOverText() {
        QueryError e = error("{'entity':'orders','aggregates':[{'fn':'sum','value':{'op':'+','left':{'field':'total'},"
                + "'right':{'field':'channel'}}}]}");
        assertThat(e.code()).isEqualTo(ErrorCode.WRONG_EXPRESSION_TYPE);
        assertThat(e.path()).isEqualTo("$.aggregates[0].value.right");
    }

    @Test
    void refuseAWindowOverAQueryWithoutGroups() {
        QueryError e = error("{'entity':'orders','fields':['id','total'],"
                + "'windows':[{'fn':'rank','orderBy':[{'by':'total','direction':'desc'}],'as':'r'}]}");
        assertThat(e.code()).isEqualTo(ErrorCode.WINDOW_NEEDS_GROUPS);
        assertThat(e.path()).isEqualTo("$.windows[0]");
        assertThat(e.suggestions()).contains("groupBy");
    }

    @Test
    void refuseAWindowOfAColumnTheResultDoesNotHave() {
        QueryError e = error("{'entity':'orders','groupBy':[{'field':'channel'}],'aggregates':[{'fn':'sum','field':'total'}],"
                + "'windows':[{'fn':'running_total','of':'sum_totl','orderBy':[{'by':'channel'}],'as':'r'}]}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_ALIAS);
        assertThat(e.path()).isEqualTo("$.windows[0].of");
        assertThat(e.suggestions()).first().isEqualTo("sum_total");
    }

    @Test
    void refuseARankWithoutAnOrder() {
        QueryError e = error("{'entity':'orders','groupBy':[{'field':'channel'}],'aggregates':[{'fn':'count'}],"
                + "'windows':[{'fn':'dense_rank','as':'r'}]}");
        assertThat(e.code()).isEqualTo(ErrorCode.MISSING_PROPERTY);
        assertThat(e.path()).isEqualTo("$.windows[0].orderBy");
    }

    @Test
    void refuseANestedQueryOfSeveralColumns() {
        QueryError e = error("{'entity':'orders','where':{'type':'test','left':{'field':'total'},'op':'gt',"
                + "'right':{'query':{'entity':'orders','groupBy':[{'field':'channel'}],'aggregates':[{'fn':'avg','field':'total'}]}}}}");
        assertThat(e.code()).isEqualTo(ErrorCode.NESTED_QUERY_COLUMNS);
        assertThat(e.path()).isEqualTo("$.where.right.query");
        assertThat(e.suggestions()).contains("avg_total");
    }

    @Test
    void reportErrorsInsideANestedQueryAtTheirOwnPath() {
        QueryError e = error("{'entity':'orders','where':{'type':'test','left':{'field':'total'},'op':'gt',"
                + "'right':{'query':{'entity':'orders','aggregates':[{'fn':'avg','field':'totl'}]}}}}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_FIELD);
        assertThat(e.path()).isEqualTo("$.where.right.query.aggregates[0].field");
        assertThat(e.suggestions()).first().isEqualTo("total");
    }

    @Test
    void refuseAnAggregateOverARelationshipThatDoesNotExist() {
        QueryError e = error("{'entity':'customers','select':[{'expr':{'related':'order','fn':'count'},'as':'n'}]}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_RELATIONSHIP);
        assertThat(e.path()).isEqualTo("$.select[0].expr.related");
        assertThat(e.suggestions()).first().isEqualTo("orders");
    }

    @Test
    void refuseAFormulaOverAColumnTheQueryDoesNotHave() {
        QueryError e = error("{'entity':'orders','aggregates':[{'fn':'count'},{'formula':{'op':'/','left':{'column':'cnt'},"
                + "'right':{'value':2}},'as':'half'}]}");
        assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_ALIAS);
        assertThat(e.path()).isEqualTo("$.aggregates[1].formula.left.column");
        assertThat(e.suggestions()).first().isEqualTo("count");
    }

    @Test
    void refuseComparingANumberWithText() {
        QueryError e = error("{'entity':'orders','where':{'type':'test','left':{'field':'total'},'op':'gt',"
                + "'right':{'field':'channel'}}}");
        assertThat(e.code()).isEqualTo(ErrorCode.WRONG_EXPRESSION_TYPE);
        assertThat(e.path()).isEqualTo("$.where.right");
    }

    @Test
    void acceptWhatTypeChecks() {
        assertThat(Demo.validator().acceptJson(("{'entity':'orders','where':{'type':'test','left':{'daysBetween':{'from':{'field':'customer.join_date'},"
                + "'to':{'field':'order_date'}}},'op':'lte','right':{'value':30}},'groupBy':[{'expr':{'datePart':'day_of_week',"
                + "'of':{'field':'order_date'}},'as':'weekday'}],'aggregates':[{'fn':'median','field':'total'},"
                + "{'fn':'count','where':{'type':'compare','field':'status','op':'eq','value':'refunded'},'as':'refunds'},"
                + "{'formula':{'op':'/','left':{'column':'refunds'},'right':{'column':'median_total'}},'as':'ratio'}],"
                + "'windows':[{'fn':'share','of':'refunds','as':'share'}]}").replace('\'', '"')).query().windows()).hasSize(1);
    }
}
