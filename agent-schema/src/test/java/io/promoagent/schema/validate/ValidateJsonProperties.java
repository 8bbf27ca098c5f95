package io.promoagent.schema.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.QueryValidator;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/** Whatever JSON it is given, {@link QueryValidator#validateJson} returns a query or throws InvalidQueryException. */
class ValidateJsonProperties {

    private static final List<String> VALID = List.of(
            "{'entity':'customers','where':{'type':'and','operands':[{'type':'rule','rule':'vip'},{'type':'related','via':'orders','where':{'type':'rule','rule':'recent_orders','args':{'days':30}},'exists':true}]}}",
            "{'entity':'customers','fields':['name','total_spent'],'where':{'type':'compare','field':'total_spent','op':'between','value':[500,800]},'orderBy':[{'by':'total_spent','direction':'desc'}],'limit':5}",
            "{'entity':'orders','where':{'type':'and','operands':[{'type':'compare','field':'status','op':'eq','value':'refunded'},{'type':'within','field':'order_date','range':{'type':'calendar','unit':'month','offset':-1}}]}}",
            "{'entity':'orders','where':{'type':'within','field':'order_date','range':{'type':'between','from':'2026-01-01','to':'2026-03-31'}},'groupBy':[{'field':'order_date','truncate':'month'},{'field':'customer.segment'}],'aggregates':[{'measure':'revenue'},{'fn':'count_distinct','field':'customer_id','as':'buyers'}],'having':{'type':'compare','field':'buyers','op':'gt','value':3},'orderBy':[{'by':'revenue','direction':'desc'}],'limit':10}",
            "{'entity':'customers','where':{'type':'not','operand':{'type':'or','operands':[{'type':'compare','field':'country','op':'in','value':['UK','DE']},{'type':'compare','field':'email','op':'is_null'}]}}}",
            "{'entity':'promotions','where':{'type':'and','operands':[{'type':'rule','rule':'active_promotion'},{'type':'within','field':'ends_at','range':{'type':'next','amount':7,'unit':'day'}}]}}",
            "{'entity':'customers','where':{'type':'related','via':'orders','count':{'op':'gt','value':10}}}");

    private final QueryValidator validator = Demo.validator();

    @Property(tries = 1000)
    void randomJsonIsReadOrRefusedNeverCrashes(@ForAll long seed) {
        RandomJson random = new RandomJson(seed);
        JsonNode tree = seed % 4 == 0 ? random.node(5) : random.object(5);
        readOrRefused(tree.toString());
    }

    @Property(tries = 1000)
    void editedValidQueriesAreReadOrRefusedNeverCrash(@ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int edits) {
        RandomJson random = new RandomJson(seed);
        JsonNode valid = QueryJson.parse(random.pick(VALID).replace('\'', '"'));
        readOrRefused(random.mutate(valid, edits).toString());
    }

    @Property(tries = 300)
    void mangledTextIsReadOrRefusedNeverCrashes(@ForAll long seed, @ForAll @IntRange(min = 0, max = 400) int cut) {
        RandomJson random = new RandomJson(seed);
        String text = random.pick(VALID).replace('\'', '"');
        int at = Math.min(cut, text.length());
        String mangled = seed % 2 == 0 ? text.substring(0, at) : text.substring(0, at) + random.pick(List.of("{", "]", "\"", ",", "\\u0000", "}}}}"))
                + text.substring(at);
        readOrRefused(mangled);
    }

    @Property(tries = 7)
    void theValidQueriesStayValid(@ForAll @IntRange(min = 0, max = 6) int which) {
        Query q = validator.validateJson(VALID.get(which).replace('\'', '"'));
        assertThat(validator.check(q)).isEmpty();
    }

    /** A returned query is valid and in normal form; a refusal carries errors and is no defect of the validator. */
    private void readOrRefused(String json) {
        try {
            Query q = validator.validateJson(json);
            assertThat(validator.check(q)).isEmpty();
            assertThat(validator.validate(q)).isEqualTo(q);
            Statistics.label("outcome").collect("valid");
        } catch (InvalidQueryException e) {
            assertThat(e.errors()).isNotEmpty()
                    .noneMatch(err -> err.code() == ErrorCode.VALIDATION_FAILED);
            // shows that the inputs reach past the reader into the validator's own checks
            Statistics.label("outcome").collect(e.errors().get(0).code().code());
        }
    }
}
