package io.promoagent.schema.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.QueryValidator;
import io.promoagent.schema.testing.SeededProperty;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    @SeededProperty(cases = 1000)
    void randomJsonIsReadOrRefusedNeverCrashes(long seed) {
        RandomJson random = new RandomJson(seed);
        JsonNode tree = seed % 4 == 0 ? random.node(5) : random.object(5);
        readOrRefused(tree.toString());
    }

    @SeededProperty(cases = 1000)
    void editedValidQueriesAreReadOrRefusedNeverCrash(long seed) {
        Random draw = new Random(seed);
        int edits = 1 + draw.nextInt(4);
        RandomJson random = new RandomJson(draw.nextLong());
        JsonNode valid = QueryJson.parse(random.pick(VALID).replace('\'', '"'));
        readOrRefused(random.mutate(valid, edits).toString());
    }

    @SeededProperty(cases = 300)
    void mangledTextIsReadOrRefusedNeverCrashes(long seed) {
        Random draw = new Random(seed);
        int cut = draw.nextInt(401);
        RandomJson random = new RandomJson(draw.nextLong());
        String text = random.pick(VALID).replace('\'', '"');
        int at = Math.min(cut, text.length());
        String mangled = seed % 2 == 0 ? text.substring(0, at) : text.substring(0, at) + random.pick(List.of("{", "]", "\"", ",", "\\u0000", "}}}}"))
                + text.substring(at);
        readOrRefused(mangled);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6})
    void theValidQueriesStayValid(int which) {
        Query q = validator.validateJson(VALID.get(which).replace('\'', '"'));
        assertThat(validator.check(q)).isEmpty();
    }

    /** A returned query is valid and in normal form; a refusal carries errors and is no defect of the validator. */
    private void readOrRefused(String json) {
        try {
            Query q = validator.validateJson(json);
            assertThat(validator.check(q)).isEmpty();
            assertThat(validator.validate(q)).isEqualTo(q);
        } catch (InvalidQueryException e) {
            assertThat(e.errors()).isNotEmpty()
                    .noneMatch(err -> err.code() == ErrorCode.VALIDATION_FAILED);
        }
    }
}
