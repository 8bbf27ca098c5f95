package io.promoagent.core.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.promoagent.core.Shop;
import io.promoagent.core.ToolEffect;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.QueryJsonSchema;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompactSchemasTest {

    private static final ObjectNode RECURSIVE = (ObjectNode) QueryJson.parse("""
            {"type":"object","required":["entity"],"properties":{
              "entity":{"enum":["customers","orders"],"description":"the entity to read"},
              "fields":{"type":"array","items":{"$ref":"#/$defs/field"}},
              "where":{"$ref":"#/$defs/filter"}},
             "$defs":{
              "field":{"enum":["id","name","segment","total","status","city","country","email","phone"],
                       "description":"a field of the entity"},
              "filter":{"oneOf":[
                {"type":"object","required":["type","operand"],"properties":{"type":{"const":"not"},"operand":{"$ref":"#/$defs/filter"}}},
                {"type":"object","required":["type","field"],"properties":{"type":{"const":"compare"},
                  "field":{"$ref":"#/$defs/field"},"value":{"type":["string","number"],"description":"what to compare with"},
                  "limit":{"type":"integer","minimum":1}}}]}}}
            """);

    private static ToolSpecification compact(Set<String> described) {
        return CompactSchemas.specification(ToolDescriptor.of("read", "Reads records.", RECURSIVE, ToolEffect.READ),
                described);
    }

    @Test
    void writesEachDefinitionOnceInTheDescriptionInATypeNotation() {
        ToolSpecification spec = compact(Set.of());

        assertThat(spec.description()).isEqualTo("""
                Reads records.
                Definitions:
                field = 'id'|'name'|'segment'|'total'|'status'|'city'|'country'|'email'|'phone' // a field of the entity
                filter = {type: 'not', operand: filter} | {type: 'compare', field: field, value?: string|number /* what \
                to compare with */, limit?: integer}""");
    }

    @Test
    void refersToDefinitionsByNameInParametersWithoutReferences() {
        JsonObjectSchema parameters = compact(Set.of()).parameters();

        assertThat(parameters.definitions()).isNullOrEmpty();
        assertThat(parameters.required()).containsExactly("entity");
        assertThat(parameters.properties().get("where")).isInstanceOf(JsonObjectSchema.class);
        assertThat(parameters.properties().get("where").description()).isEqualTo("filter");
        assertThat(((JsonArraySchema) parameters.properties().get("fields")).items()).isInstanceOf(JsonStringSchema.class);
        assertThat(parameters.properties().get("fields").description()).isEqualTo("field[]");
        assertThat(((JsonEnumSchema) parameters.properties().get("entity")).enumValues())
                .containsExactly("customers", "orders");
        assertThat(parameters.properties().get("entity").description()).isEqualTo("the entity to read");
    }

    @Test
    void leavesTheDescriptionOfNamesTheSystemPromptDescribesAndListsNoLongEnumOfThem() {
        ToolSpecification spec = compact(Set.of("customers", "orders", "id", "name", "segment", "total", "status",
                "city", "country", "email", "phone"));

        assertThat(spec.description()).contains("field = string /* a name the system prompt lists, such as id */")
                .doesNotContain("a field of the entity");
        assertThat(((JsonEnumSchema) spec.parameters().properties().get("entity")).enumValues())
                .containsExactly("customers", "orders");
        assertThat(spec.parameters().properties().get("entity").description()).isNull();
    }

    private static final ObjectNode NESTED = (ObjectNode) QueryJson.parse("""
            {"type":"object","additionalProperties":false,"required":["entity"],"properties":{
              "entity":{"enum":["customers","orders"]},
              "groupBy":{"type":"array","items":{"$ref":"#/$defs/group"}},
              "codes":{"type":"array","items":{"$ref":"#/$defs/code"},"maxItems":5},
              "limit":{"type":"integer","minimum":1,"description":"rows at most"},
              "windows":{"type":"array","items":{"$ref":"#/$defs/group"}}},
             "$defs":{
              "code":{"type":"string","pattern":"^[A-Z]+$"},
              "group":{"type":"object","properties":{"field":{"enum":["segment","customer.segment"],
                  "description":"a field, dotted through a relationship"},
                "rule":{"enum":["vip","premium"],"description":"vip: the best; premium: the next"},
                "top":{"type":"integer","minimum":1},"sub":{"$ref":"#/$defs/sub"}}},
              "sub":{"type":"object","additionalProperties":false,"required":["entity"],"properties":{
                "entity":{"enum":["customers","orders"]},
                "groupBy":{"type":"array","items":{"$ref":"#/$defs/group"}},
                "codes":{"type":"array","items":{"$ref":"#/$defs/code"},"maxItems":5},
                "limit":{"type":"integer","minimum":1,"description":"rows at most"}},
               "description":"a nested query"}}}
            """);

    private static ToolSpecification nested() {
        return CompactSchemas.specification(ToolDescriptor.of("read", "Reads.", NESTED, ToolEffect.READ),
                Set.of("customers", "orders", "segment", "vip", "premium", "customer"));
    }

    @Test
    void writesADefinitionThatIsTheParametersLessSomeAsAnOmitOfTheInput() {
        assertThat(nested().description()).contains("\nDefinitions (Input: these parameters):\n")
                .contains("\nsub = Omit<Input, 'windows'> // a nested query");
    }

    @Test
    void sendsArraysOfDefinitionsNamedInTheirDescriptionWithoutPlaceholderObjects() {
        JsonObjectSchema parameters = nested().parameters();

        JsonArraySchema groups = (JsonArraySchema) parameters.properties().get("groupBy");
        assertThat(groups.description()).isEqualTo("group[]");
        assertThat(groups.items()).isNull();
        JsonArraySchema codes = (JsonArraySchema) parameters.properties().get("codes");
        assertThat(codes.description()).isEqualTo("code[]");
        assertThat(codes.items()).isInstanceOf(JsonStringSchema.class);
    }

    @Test
    void leavesBoundsToTheToolsErrorsButKeepsTheFormOfValues() {
        ToolSpecification spec = nested();

        assertThat(spec.description()).contains("code = string // pattern ^[A-Z]+$").contains("top?: integer,")
                .doesNotContain("minimum");
        assertThat(spec.parameters().properties().get("limit").description()).isEqualTo("rows at most");
        assertThat(spec.parameters().properties().get("codes").description()).doesNotContain("maxItems");
        // the other styles still note them
        assertThat(JsonSchemaConverter.toObjectSchema(NESTED).properties().get("limit").description())
                .isEqualTo("rows at most (minimum 1)");
    }

    @Test
    void writesAPropertyOfNamesTheSystemPromptDescribesAsAStringKeepingWhatItSaysOfPaths() {
        assertThat(nested().description())
                .contains("field?: string /* a field, dotted through a relationship */")
                .contains("rule?: string,")
                .doesNotContain("the best");
    }

    @Test
    void writesANarrowingOnlyWhenItSaysMoreThanTheDefinition() {
        ObjectNode schema = (ObjectNode) QueryJson.parse("""
                {"type":"object","properties":{"where":{"$ref":"#/$defs/filter"}},
                 "$defs":{
                  "filter":{"anyOf":[
                    {"$ref":"#/$defs/compare","properties":{"field":{"$ref":"#/$defs/field"}}},
                    {"$ref":"#/$defs/compare","properties":{"field":{"$ref":"#/$defs/alias"}}}]},
                  "compare":{"type":"object","properties":{"field":{"type":"string"},"value":{"type":"number"}}},
                  "field":{"enum":["a","b","c","d","e","f","g","h","i"]},
                  "alias":{"enum":["total","n"]}}}
                """);
        String described = CompactSchemas.specification(ToolDescriptor.of("read", "Reads.", schema, ToolEffect.READ),
                Set.of("a", "b", "c", "d", "e", "f", "g", "h", "i")).description();

        // field compacts to the string the property already is; alias still says which values
        assertThat(described).contains("\nfilter = compare | compare & {field: alias}\n");
    }

    @Test
    void makesTheQueryToolOfAModelAFractionOfItsSelfContainedSize() {
        ToolDescriptor query = ToolDescriptor.of("query", "Reads.", QueryJsonSchema.forModel(Shop.model()), ToolEffect.READ);

        int compact = size(CompactSchemas.specification(query, DataModelDigest.names(Shop.model())));
        int selfContained = size(JsonSchemaConverter.toSelfContainedSpecification(query, 2));

        assertThat(compact).isLessThan(selfContained / 4);
    }

    private static int size(ToolSpecification spec) {
        return spec.description().length() + spec.parameters().toString().length();
    }
}
