package io.promoagent.schema.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.QueryJsonSchema;
import io.promoagent.schema.model.Visibility;
import io.promoagent.schema.testing.DemoShop;
import io.promoagent.schema.validate.InvalidQueryException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated JSON Schema against a real draft 2020-12 validator, and against the reader: what the
 * schema accepts the reader reads, and what is wrong in form both refuse.
 */
class QueryJsonSchemaTest {

    private static final DataModel DEMO = DemoShop.model();

    /** JSON written with single quotes, for legibility. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static Arguments example(String name, String singleQuoted) {
        return Arguments.of(name, json(singleQuoted));
    }

    /** Requests of the NL development set and one example of every construct of the IR. */
    static Stream<Arguments> validQueries() {
        return Stream.of(
                example("Show VIP customers", "{'entity':'customers','where':{'type':'rule','rule':'vip'}}"),
                example("customers who spent > $1000",
                        "{'entity':'customers','where':{'type':'compare','field':'total_spent','op':'gt','value':1000}}"),
                example("total spend between 500 and 800", "{'entity':'customers','where':"
                        + "{'type':'compare','field':'total_spent','op':'between','value':[500,800.50]}}"),
                example("joined in the last 2 weeks", "{'entity':'customers','where':{'type':'within',"
                        + "'field':'join_date','range':{'type':'last','amount':14,'unit':'day'}}}"),
                example("customers from Germany or France, some fields", "{'entity':'customers',"
                        + "'fields':['id','name','country'],"
                        + "'where':{'type':'compare','field':'country','op':'in','value':['DE','FR']}}"),
                example("Find John Smith", "{'entity':'customers','where':{'type':'compare','field':'name',"
                        + "'op':'eq','value':'John Smith','ignoreCase':true}}"),
                example("VIP customers who opted in", "{'entity':'customers','where':{'type':'and','operands':["
                        + "{'type':'rule','rule':'vip'},"
                        + "{'type':'compare','field':'marketing_opt_in','op':'eq','value':true}]}}"),
                example("lapsed customers, 120 days", "{'entity':'customers','where':"
                        + "{'type':'rule','rule':'lapsed_customer','args':{'days':120}}}"),
                example("VIP customers with recent orders", "{'entity':'customers','where':{'type':'and','operands':["
                        + "{'type':'rule','rule':'vip'},{'type':'related','via':'orders','exists':true,"
                        + "'where':{'type':'rule','rule':'recent_orders'}}]}}"),
                example("premium customers who have not ordered in 60 days", "{'entity':'customers','where':"
                        + "{'type':'and','operands':[{'type':'rule','rule':'premium'},{'type':'related','via':'orders',"
                        + "'exists':false,'where':{'type':'within','field':'order_date',"
                        + "'range':{'type':'last','amount':60,'unit':'day'}}}]}}"),
                example("customers with more than 10 orders", "{'entity':'customers','where':"
                        + "{'type':'related','via':'orders','count':{'op':'gt','value':10}}}"),
                example("orders over $250 placed this month", "{'entity':'orders','where':{'type':'and','operands':["
                        + "{'type':'compare','field':'total','op':'gt','value':250},{'type':'within',"
                        + "'field':'order_date','range':{'type':'calendar','unit':'month','offset':0}}]}}"),
                example("refunded orders from last month", "{'entity':'orders','where':{'type':'and','operands':["
                        + "{'type':'compare','field':'status','op':'eq','value':'refunded'},{'type':'within',"
                        + "'field':'order_date','range':{'type':'calendar','unit':'month','offset':-1}}]}}"),
                example("which promotions expire this week", "{'entity':'promotions','where':{'type':'within',"
                        + "'field':'ends_at','range':{'type':'rest_of','unit':'week'}}}"),
                example("promotions running today", "{'entity':'promotions','where':{'type':'and','operands':["
                        + "{'type':'within','field':'starts_at','range':{'type':'to_today'}},"
                        + "{'type':'within','field':'ends_at','range':{'type':'from_today'}}]}}"),
                example("promotions ending in the next 7 days", "{'entity':'promotions','where':{'type':'within',"
                        + "'field':'ends_at','range':{'type':'next','amount':7,'unit':'day'}}}"),
                example("orders in January", "{'entity':'orders','where':{'type':'within','field':'order_date',"
                        + "'range':{'type':'between','from':'2026-01-01','to':'2026-01-31'}}}"),
                example("customers who never ordered, not from the US, code begins with or contains",
                        "{'entity':'customers','where':{'type':'or','operands':["
                        + "{'type':'compare','field':'last_order_date','op':'is_null'},"
                        + "{'type':'not','operand':{'type':'compare','field':'country','op':'eq','value':'US'}},"
                        + "{'type':'compare','field':'name','op':'begins_with','value':'Jo'},"
                        + "{'type':'compare','field':'city','op':'contains','value':'burg','ignoreCase':true},"
                        + "{'type':'compare','field':'order_count','op':'lte','value':0}]}}"),
                example("How many VIP customers do we have?", "{'entity':'customers',"
                        + "'where':{'type':'rule','rule':'vip'},'aggregates':[{'fn':'count'}]}"),
                example("total revenue last month", "{'entity':'orders','where':{'type':'within','field':'order_date',"
                        + "'range':{'type':'calendar','unit':'month','offset':-1}},'aggregates':[{'measure':'revenue'}]}"),
                example("average order value by customer segment", "{'entity':'orders',"
                        + "'groupBy':[{'field':'customer.segment'}],'aggregates':[{'measure':'average_order_value'}]}"),
                example("number of customers per segment", "{'entity':'customers','groupBy':[{'field':'segment'}],"
                        + "'aggregates':[{'fn':'count','as':'customers'}],'orderBy':[{'by':'customers','direction':'desc'}]}"),
                example("top 5 customers by total spent", "{'entity':'customers',"
                        + "'orderBy':[{'by':'total_spent','direction':'desc'}],'limit':5}"),
                example("best month for revenue this year", "{'entity':'orders','where':{'type':'within',"
                        + "'field':'order_date','range':{'type':'calendar','unit':'year'}},"
                        + "'groupBy':[{'field':'order_date','truncate':'month'}],'aggregates':[{'measure':'revenue'}],"
                        + "'orderBy':[{'by':'revenue','direction':'desc'}],'limit':1}"),
                example("every aggregate function by quarter, with having", "{'entity':'orders',"
                        + "'groupBy':[{'field':'order_date','truncate':'quarter'},{'field':'channel'}],"
                        + "'aggregates':[{'fn':'count'},{'fn':'sum','field':'total','as':'sales'},{'fn':'avg','field':'items'},"
                        + "{'fn':'min','field':'total'},{'fn':'max','field':'total'},"
                        + "{'fn':'count_distinct','field':'customer_id','as':'buyers'}],"
                        + "'having':{'type':'and','operands':[{'type':'compare','field':'buyers','op':'gte','value':10},"
                        + "{'type':'not','operand':{'type':'compare','field':'sales','op':'between','value':[0,99.99]}}]},"
                        + "'orderBy':[{'by':'order_date_quarter'}],'limit':100}"),
                example("an empty conjunction", "{'entity':'orders','where':{'type':'and','operands':[]}}"));
    }

    /** Wrong in form: the schema refuses them, and so does the reader. */
    static Stream<Arguments> invalidInForm() {
        return Stream.of(
                example("an unknown top-level property", "{'entity':'customers','filter':{'type':'rule','rule':'vip'}}"),
                example("no entity", "{'where':{'type':'rule','rule':'vip'}}"),
                example("an unknown property of a comparison", "{'entity':'customers','where':"
                        + "{'type':'compare','fieldd':'total_spent','op':'gt','value':1}}"),
                example("an unknown operator", "{'entity':'customers','where':"
                        + "{'type':'compare','field':'total_spent','op':'greater','value':1}}"),
                example("a filter without its type", "{'entity':'customers','where':"
                        + "{'field':'total_spent','op':'gt','value':1}}"),
                example("an unknown filter type", "{'entity':'customers','where':{'type':'xor','operands':[]}}"),
                example("limit as a string", "{'entity':'customers','limit':'5'}"),
                example("limit with a fraction", "{'entity':'customers','limit':2.5}"),
                example("fields as a string", "{'entity':'customers','fields':'name'}"),
                example("where as an array", "{'entity':'customers','where':[{'type':'rule','rule':'vip'}]}"),
                example("between with one value", "{'entity':'customers','where':"
                        + "{'type':'compare','field':'total_spent','op':'between','value':[500]}}"),
                example("between with a scalar", "{'entity':'customers','where':"
                        + "{'type':'compare','field':'total_spent','op':'between','value':500}}"),
                example("is_null with a value", "{'entity':'customers','where':"
                        + "{'type':'compare','field':'last_order_date','op':'is_null','value':true}}"),
                example("eq with an array", "{'entity':'customers','where':"
                        + "{'type':'compare','field':'country','op':'eq','value':['DE']}}"),
                example("eq without a value", "{'entity':'customers','where':{'type':'compare','field':'country','op':'eq'}}"),
                example("a null value", "{'entity':'customers','where':"
                        + "{'type':'compare','field':'country','op':'eq','value':null}}"),
                example("an object as a value", "{'entity':'customers','where':"
                        + "{'type':'compare','field':'country','op':'eq','value':{'code':'DE'}}}"),
                example("ignoreCase as a string", "{'entity':'customers','where':"
                        + "{'type':'compare','field':'name','op':'eq','value':'x','ignoreCase':'yes'}}"),
                example("not without its operand", "{'entity':'customers','where':{'type':'not'}}"),
                example("operands as an object", "{'entity':'customers','where':"
                        + "{'type':'or','operands':{'type':'rule','rule':'vip'}}}"),
                example("related with both exists and count", "{'entity':'customers','where':{'type':'related',"
                        + "'via':'orders','exists':true,'count':{'op':'gt','value':1}}}"),
                example("related with neither exists nor count",
                        "{'entity':'customers','where':{'type':'related','via':'orders'}}"),
                example("a negative count", "{'entity':'customers','where':{'type':'related','via':'orders',"
                        + "'count':{'op':'gt','value':-1}}}"),
                example("a count compared with in", "{'entity':'customers','where':{'type':'related','via':'orders',"
                        + "'count':{'op':'in','value':1}}}"),
                example("an unknown time unit", "{'entity':'orders','where':{'type':'within','field':'order_date',"
                        + "'range':{'type':'last','amount':2,'unit':'fortnight'}}}"),
                example("a negative amount", "{'entity':'orders','where':{'type':'within','field':'order_date',"
                        + "'range':{'type':'last','amount':-3,'unit':'day'}}}"),
                example("an unknown range type", "{'entity':'orders','where':{'type':'within','field':'order_date',"
                        + "'range':{'type':'previous','amount':3,'unit':'day'}}}"),
                example("a date that is not YYYY-MM-DD", "{'entity':'orders','where':{'type':'within',"
                        + "'field':'order_date','range':{'type':'between','from':'2026/01/01','to':'2026-01-31'}}}"),
                example("a calendar offset with a fraction", "{'entity':'orders','where':{'type':'within',"
                        + "'field':'order_date','range':{'type':'calendar','unit':'month','offset':-0.5}}}"),
                example("an unknown truncation", "{'entity':'orders','groupBy':[{'field':'order_date','truncate':'fortnight'}]}"),
                example("an unknown aggregate function", "{'entity':'orders','aggregates':[{'fn':'mode','field':'total'}]}"),
                example("an aggregate with both fn and measure",
                        "{'entity':'orders','aggregates':[{'fn':'count','measure':'revenue'}]}"),
                example("an unknown property of an order key",
                        "{'entity':'orders','orderBy':[{'by':'total','direction':'desc','nulls':'last'}]}"),
                example("a direction that is not asc or desc",
                        "{'entity':'orders','orderBy':[{'by':'total','direction':'descending'}]}"),
                example("rule arguments as an array",
                        "{'entity':'orders','where':{'type':'rule','rule':'recent_orders','args':[30]}}"));
    }

    /**
     * Right in form but naming what the demo model lacks: the reader (which checks form only) reads them,
     * the schema already refuses them, and QueryValidator reports them to a caller that skips the schema.
     */
    static Stream<Arguments> invalidInNames() {
        return Stream.of(
                example("an unknown entity", "{'entity':'clients'}"),
                example("an unknown field", "{'entity':'customers','where':"
                        + "{'type':'compare','field':'favourite_colour','op':'eq','value':'blue'}}"),
                example("an unknown field to return", "{'entity':'customers','fields':['name','shoe_size']}"),
                example("an unknown rule", "{'entity':'customers','where':{'type':'rule','rule':'vips'}}"),
                example("an unknown rule parameter", "{'entity':'orders','where':"
                        + "{'type':'rule','rule':'recent_orders','args':{'weeks':2}}}"),
                example("an unknown measure", "{'entity':'orders','aggregates':[{'measure':'profit'}]}"),
                example("an unknown relationship", "{'entity':'customers','where':"
                        + "{'type':'related','via':'purchases','exists':true}}"),
                example("a time range on a number", "{'entity':'customers','where':{'type':'within',"
                        + "'field':'total_spent','range':{'type':'last','amount':3,'unit':'day'}}}"),
                example("a group key through a to-many relationship", "{'entity':'customers',"
                        + "'groupBy':[{'field':'orders.channel'}],'aggregates':[{'fn':'count'}]}"),
                example("sum without a field", "{'entity':'orders','aggregates':[{'fn':'sum'}]}"),
                example("limit 0", "{'entity':'orders','limit':0}"));
    }

    @Nested
    class ValidQueries {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.promoagent.schema.json.QueryJsonSchemaTest#validQueries")
        void areAcceptedByTheSchema(String name, String json) {
            assertThat(SchemaCheck.problems(DEMO, json)).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.promoagent.schema.json.QueryJsonSchemaTest#validQueries")
        void areReadAndWrittenBackUnchanged(String name, String json) {
            Query q = QueryJson.read(json);
            assertThat(QueryJson.read(QueryJson.write(q))).isEqualTo(q);
            assertThat(SchemaCheck.problems(DEMO, QueryJson.write(q))).isEmpty();
        }
    }

    @Nested
    class QueriesWrongInForm {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.promoagent.schema.json.QueryJsonSchemaTest#invalidInForm")
        void areRefusedByTheSchema(String name, String json) {
            assertThat(SchemaCheck.problems(DEMO, json)).isNotEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.promoagent.schema.json.QueryJsonSchemaTest#invalidInForm")
        void areRefusedByTheReader(String name, String json) {
            assertThatThrownBy(() -> QueryJson.read(json)).isInstanceOf(InvalidQueryException.class);
        }
    }

    @Nested
    class QueriesNamingWhatTheModelLacks {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.promoagent.schema.json.QueryJsonSchemaTest#invalidInNames")
        void areRefusedByTheSchema(String name, String json) {
            assertThat(SchemaCheck.problems(DEMO, json)).isNotEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.promoagent.schema.json.QueryJsonSchemaTest#invalidInNames")
        void areLeftToTheValidatorByTheReader(String name, String json) {
            assertThat(QueryJson.read(json).entity()).isNotEmpty();
        }
    }

    /** Every {@code json} block of docs/query-ir.md. */
    static Stream<Arguments> documentedQueries() {
        List<String> blocks = io.promoagent.schema.testing.DocumentedQueries.all();
        assertThat(blocks).hasSizeGreaterThanOrEqualTo(25);
        return java.util.stream.IntStream.range(0, blocks.size()).mapToObj(i -> Arguments.of(i + 1, blocks.get(i)));
    }

    @Nested
    class TheDocumentedExamples {

        @ParameterizedTest(name = "json block {0} of docs/query-ir.md")
        @MethodSource("io.promoagent.schema.json.QueryJsonSchemaTest#documentedQueries")
        void fitTheSchemaAndRead(int number, String json) {
            assertThat(SchemaCheck.problems(DEMO, json)).isEmpty();
            Query q = QueryJson.read(json);
            assertThat(QueryJson.read(QueryJson.write(q))).isEqualTo(q);
        }
    }

    @Nested
    class TheSchemaItself {

        @Test
        void isValidDraft202012() {
            ObjectNode schema = QueryJsonSchema.forModel(DEMO);
            assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(SchemaCheck.metaSchemaProblems(schema)).isEmpty();
        }

        @Test
        void isSmallEnoughToSendToAModel() {
            String text = QueryJsonSchema.asString(DEMO);
            System.out.printf("query schema of the demo model: %d characters, about %d tokens%n",
                    text.length(), QueryJsonSchema.estimatedTokens(DEMO));
            // query IR 2.0 (expressions, tests, windows, select, nested queries) took it from about 2,400 to about 3,860 tokens, shared definitions back to about 3,530
            assertThat(QueryJsonSchema.estimatedTokens(DEMO)).isEqualTo(text.length() / 4).isLessThan(4_000);
        }

        @Test
        void isTheSameForTheSameModel() {
            assertThat(QueryJsonSchema.asString(DemoShop.load())).isEqualTo(QueryJsonSchema.asString(DemoShop.load()));
        }

        @Test
        void listsTheModelsNamesAsEnums() {
            ObjectNode schema = QueryJsonSchema.forModel(DEMO);
            assertThat(texts(schema.at("/properties/entity/enum")))
                    .containsExactlyElementsOf(DEMO.entities().stream().map(Entity::name).toList());
            assertThat(texts(schema.at("/$defs/field/enum"))).contains("total_spent", "order_date", "ends_at", "email")
                    .doesNotHaveDuplicates();
            assertThat(texts(schema.at("/$defs/path/anyOf/1/enum"))).contains("customer.segment", "customer.country")
                    .noneMatch(p -> p.startsWith("orders."));
            String text = schema.toString();
            for (String name : List.of("vip", "recent_orders", "revenue", "average_order_value", "orders", "customer")) {
                assertThat(text).contains("\"" + name + "\"");
            }
        }

        @Test
        void closesEveryObject() {
            List<JsonNode> open = new ArrayList<>();
            collectOpenObjects(QueryJsonSchema.forModel(DEMO), open);
            assertThat(open).isEmpty();
        }

        @Test
        void neverNamesHiddenFieldsNorShowsValuesOfUiFields() {
            DataModel model = DataModel.builder().source("main", "memory")
                    .entity(Entity.builder("customers").source("main").key("id")
                            .field("id", FieldType.STRING)
                            .field(Field.of("internal_risk_score", FieldType.NUMBER).withVisibility(Visibility.HIDDEN))
                            .field(Field.of("loyalty_tier", FieldType.ENUM).withVisibility(Visibility.UI)
                                    .withValues(EnumValue.of("Platinum"), EnumValue.of("Gold")))
                            .field(Field.of("segment", FieldType.ENUM).withValues(EnumValue.of("VIP"), EnumValue.of("Regular")))
                            .build())
                    .build();
            String text = QueryJsonSchema.asString(model);
            assertThat(text).doesNotContain("internal_risk_score").doesNotContain("Platinum").doesNotContain("Gold")
                    .contains("\"loyalty_tier\"").contains("segment=VIP|Regular");
            assertThat(SchemaCheck.problems(model, json("{'entity':'customers','where':"
                    + "{'type':'compare','field':'internal_risk_score','op':'gt','value':5}}"))).isNotEmpty();
        }

        @Test
        void leavesOutTheFilterShapesAModelHasNoNamesFor() {
            DataModel bare = DataModel.builder().source("main", "memory")
                    .entity(Entity.builder("notes").source("main").key("id").field("id", FieldType.STRING).build())
                    .build();
            ObjectNode schema = QueryJsonSchema.forModel(bare);
            assertThat(texts(schema.at("/$defs/filter/oneOf"), "/properties/type/const"))
                    .containsExactly(null, "not", null, null); // and/or one shape (an enum), compare and test by reference
            assertThat(texts(schema.at("/$defs/filter/oneOf/0/properties/type/enum"))).containsExactly("and", "or");
            assertThat(schema.at("/$defs/path").isMissingNode()).isTrue();
            assertThat(SchemaCheck.metaSchemaProblems(schema)).isEmpty();
            assertThat(SchemaCheck.problems(bare, json("{'entity':'notes','where':{'type':'rule','rule':'vip'}}")))
                    .isNotEmpty();
            assertThat(SchemaCheck.problems(bare, json("{'entity':'notes','where':{'type':'compare','field':'id',"
                    + "'op':'eq','value':'n1'},'aggregates':[{'fn':'count'}]}"))).isEmpty();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String pointer) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.at(pointer).isMissingNode() ? null : n.at(pointer).asText()));
        return out;
    }

    /** Objects of the schema that declare properties but leave others open. */
    private static void collectOpenObjects(JsonNode node, List<JsonNode> open) {
        if (node.isObject()) {
            if ("object".equals(node.path("type").asText()) && node.has("properties")
                    && !node.path("additionalProperties").equals(BooleanNode.FALSE)) {
                open.add(node);
            }
            node.forEach(child -> collectOpenObjects(child, open));
        } else if (node.isArray()) {
            node.forEach(child -> collectOpenObjects(child, open));
        }
    }
}
