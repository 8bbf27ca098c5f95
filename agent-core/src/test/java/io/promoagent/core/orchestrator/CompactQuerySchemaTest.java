package io.promoagent.core.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.promoagent.core.query.QueryTool;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.memory.InMemoryDataSource;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.QueryValidator;
import io.promoagent.schema.model.Source;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.schema.testing.DocumentedQueries;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compact query tool, as the language-model orchestrator sends it for the demo model, still says how to
 * write every construct of the query IR: every query of docs/query-ir.md, and a query for each construct the
 * document does not show, fits what is sent (read with {@link CompactNotation}, as a model must read it), and
 * together they take every alternative of every definition.
 */
class CompactQuerySchemaTest {

    private static final DataModel MODEL = DemoShop.model();
    private static final ToolSpecification SENT = sent();

    /** Queries for the constructs docs/query-ir.md has no example of; each is valid for the demo model. */
    static final List<String> MORE = List.of(
            "{'entity':'customers','where':{'type':'rule','rule':'lapsed_customer','args':{'days':60}}}",
            "{'entity':'promotions','where':{'type':'within','field':'ends_at','range':{'type':'rest_of','unit':'month'}}}",
            "{'entity':'promotions','where':{'type':'within','field':'starts_at','range':{'type':'from_today'}}}",
            "{'entity':'promotions','where':{'type':'within','field':'starts_at','range':{'type':'next','amount':7,'unit':'day'}}}",
            "{'entity':'orders','where':{'type':'within','field':'order_date','range':{'type':'between','from':'2026-01-01',"
                    + "'to':'2026-01-31'}}}",
            "{'entity':'orders','where':{'type':'not','operand':{'type':'compare','field':'status','op':'eq','value':'completed'}}}",
            "{'entity':'customers','where':{'type':'related','via':'orders','count':{'op':'gte','value':3}}}",
            "{'entity':'customers','where':{'type':'and','operands':[{'type':'compare','field':'country','op':'ne','value':'US'},"
                    + "{'type':'compare','field':'total_spent','op':'lte','value':500},"
                    + "{'type':'compare','field':'name','op':'contains','value':'smith','ignoreCase':true},"
                    + "{'type':'compare','field':'city','op':'begins_with','value':'Ber'}]}}",
            "{'entity':'customers','where':{'type':'test','left':{'monthsBetween':{'from':{'field':'join_date'},"
                    + "'to':{'today':true}}},'op':'gt','right':{'value':12}}}",
            "{'entity':'customers','select':[{'expr':{'yearsBetween':{'from':{'field':'join_date'},'to':{'today':true}}},"
                    + "'as':'years'},{'expr':{'coalesce':[{'field':'city'},{'value':'unknown'}]},'as':'place'}]}",
            "{'entity':'orders','groupBy':[{'expr':{'truncate':'month','of':{'field':'order_date'}},'as':'month'}],"
                    + "'aggregates':[{'measure':'revenue','as':'revenue'},{'fn':'count','as':'n'},"
                    + "{'formula':{'op':'/','left':{'column':'revenue'},'right':{'column':'n'}},'as':'per_order'},"
                    + "{'fn':'percentile','p':0.9,'field':'total','as':'p90'}],"
                    + "'having':{'type':'or','operands':[{'type':'compare','field':'n','op':'gt','value':10},"
                    + "{'type':'not','operand':{'type':'test','left':{'column':'revenue'},'op':'lt','right':{'value':100}}}]},"
                    + "'windows':[{'fn':'running_total','of':'revenue','orderBy':[{'by':'month'}],'as':'to_date'}],"
                    + "'orderBy':[{'by':'month','direction':'asc'}],'distinct':true,'limit':12}",
            "{'entity':'customers','select':[{'expr':{'query':{'entity':'orders','aggregates':[{'fn':'max','field':'total'}]}},"
                    + "'as':'largest'},{'expr':{'datePart':'month','of':{'field':'join_date'}},'as':'month'},"
                    + "{'expr':{'related':'orders.promotion','fn':'count_distinct','value':{'field':'code'}},'as':'codes'}]}");

    private static ToolSpecification sent() {
        QueryEngine.Builder engine = QueryEngine.builder(MODEL).clock(DemoShop.CLOCK);
        for (Source source : MODEL.sources()) {
            engine.source(new InMemoryDataSource(source.id(), DemoShop.rows()));
        }
        ToolSpecification spec = CompactSchemas.specification(QueryTool.of(engine.build()).descriptor(),
                DataModelDigest.names(MODEL));
        // a model is sent no more than this: the description and the parameters converted for the provider
        return spec;
    }

    static Stream<String> documented() {
        List<String> blocks = DocumentedQueries.all();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(25);
        return blocks.stream();
    }

    static Stream<String> more() {
        return MORE.stream().map(q -> q.replace('\'', '"'));
    }

    @ParameterizedTest
    @MethodSource("documented")
    void everyDocumentedQueryFitsWhatTheModelIsSent(String json) {
        assertThat(CompactNotation.of(SENT).problems(QueryJson.parse(json))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("more")
    void theQueryOfEachConstructTheDocumentLacksIsValidAndFitsWhatTheModelIsSent(String json) {
        QueryValidator.of(MODEL).acceptJson(json);
        assertThat(CompactNotation.of(SENT).problems(QueryJson.parse(json))).isEmpty();
    }

    @Test
    void togetherTheyTakeEveryAlternativeOfEveryDefinition() {
        CompactNotation notation = CompactNotation.of(SENT);
        Stream.concat(documented(), more()).forEach(json -> notation.problems(QueryJson.parse(json)));

        Set<String> all = new TreeSet<>();
        notation.definitions().forEach((name, type) -> {
            if (type instanceof CompactNotation.Union u) {
                for (int k = 1; k <= u.branches().size(); k++) {
                    all.add(name + "#" + k);
                }
            }
        });
        all.removeIf(alternative -> alternative.startsWith("scalar#") || alternative.startsWith("path#"));
        assertThat(all).contains("expr#1", "filter#1", "aggregate#1", "range#1", "group#1", "having#1");
        assertThat(new TreeSet<>(notation.used())).containsAll(all);
    }

    @Nested
    class TheNotationReader {

        @Test
        void refusesWhatTheToolDoesNotDeclare() {
            CompactNotation notation = CompactNotation.of(SENT);

            assertThat(notation.problems(parse("{'entity':'customers','window':[]}"))).isNotEmpty();
            assertThat(notation.problems(parse("{'entity':'customers','where':{'type':'xor','operands':[]}}"))).isNotEmpty();
            assertThat(notation.problems(parse("{'entity':'customers','where':{'type':'within','field':'join_date'}}")))
                    .isNotEmpty();
            assertThat(notation.problems(parse("{'entity':'customers','select':[{'expr':{'squareRoot':{'field':'x'}}}]}")))
                    .isNotEmpty();
            // a nested query has no windows, as the Omit says
            assertThat(notation.problems(parse("{'entity':'customers','select':[{'expr':{'query':{'entity':'orders',"
                    + "'windows':[{'fn':'rank','as':'r'}]}}}]}"))).isNotEmpty();
        }

        @Test
        void findsAConstructMissingFromWhatIsSent() {
            ToolSpecification withoutWindows = ToolSpecification.builder().name(SENT.name())
                    .description(SENT.description().replaceAll("\nwindow = .*", ""))
                    .parameters(SENT.parameters()).build();

            assertThat(CompactNotation.of(withoutWindows).problems(parse(
                    "{'entity':'orders','windows':[{'fn':'rank','as':'r'}]}")))
                    .anyMatch(p -> p.contains("'window' is defined nowhere"));
        }

        private JsonNode parse(String json) {
            return QueryJson.parse(json.replace('\'', '"'));
        }
    }
}
