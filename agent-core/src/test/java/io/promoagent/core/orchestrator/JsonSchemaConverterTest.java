package io.promoagent.core.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.promoagent.core.Shop;
import io.promoagent.core.query.QueryTool;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.QueryJsonSchema;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class JsonSchemaConverterTest {

    private static ObjectNode schema(String json) {
        return (ObjectNode) QueryJson.parse(json);
    }

    @Nested
    class Basics {

        @Test
        void carriesPropertiesTypesRequiredAndClosedness() {
            JsonObjectSchema s = JsonSchemaConverter.toObjectSchema(schema("{\"type\":\"object\","
                    + "\"description\":\"a note\",\"additionalProperties\":false,\"required\":[\"text\"],"
                    + "\"properties\":{\"text\":{\"type\":\"string\",\"description\":\"what it says\"},"
                    + "\"count\":{\"type\":\"integer\",\"minimum\":1},"
                    + "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}"));

            assertThat(s.description()).isEqualTo("a note");
            assertThat(s.required()).containsExactly("text");
            assertThat(s.additionalProperties()).isFalse();
            assertThat(s.properties().get("text")).isInstanceOf(JsonStringSchema.class);
            assertThat(s.properties().get("text").description()).isEqualTo("what it says");
            assertThat(s.properties().get("count")).isInstanceOf(JsonIntegerSchema.class);
            assertThat(s.properties().get("count").description()).isEqualTo("minimum 1");
            assertThat(((JsonArraySchema) s.properties().get("tags")).items()).isInstanceOf(JsonStringSchema.class);
        }

        @Test
        void keepsStringEnumsAndConstants() {
            JsonObjectSchema s = JsonSchemaConverter.toObjectSchema(schema("{\"type\":\"object\",\"properties\":{"
                    + "\"segment\":{\"enum\":[\"VIP\",\"Premium\"]},\"type\":{\"const\":\"compare\"}}}"));

            assertThat(((JsonEnumSchema) s.properties().get("segment")).enumValues()).containsExactly("VIP", "Premium");
            assertThat(((JsonEnumSchema) s.properties().get("type")).enumValues()).containsExactly("compare");
        }

        @Test
        void turnsDefinitionsAndReferencesIntoReferenceSchemas() {
            JsonObjectSchema s = JsonSchemaConverter.toObjectSchema(schema("{\"type\":\"object\",\"properties\":{"
                    + "\"where\":{\"$ref\":\"#/$defs/filter\"}},\"$defs\":{\"filter\":{\"anyOf\":["
                    + "{\"type\":\"object\",\"properties\":{\"not\":{\"$ref\":\"#/$defs/filter\"}}},"
                    + "{\"type\":\"string\"}]}}}"));

            assertThat(((JsonReferenceSchema) s.properties().get("where")).reference()).isEqualTo("filter");
            assertThat(s.toString()).contains("JsonReferenceSchema");
            JsonAnyOfSchema filter = (JsonAnyOfSchema) s.definitions().get("filter");
            assertThat(filter.anyOf()).hasSize(2);
            JsonObjectSchema not = (JsonObjectSchema) filter.anyOf().get(0);
            assertThat(((JsonReferenceSchema) not.properties().get("not")).reference()).isEqualTo("filter");
        }

        @Test
        void turnsAListOfTypesIntoAnyOfAndDropsANullableMarker() {
            JsonObjectSchema s = JsonSchemaConverter.toObjectSchema(schema("{\"type\":\"object\",\"properties\":{"
                    + "\"v\":{\"type\":[\"string\",\"number\",\"boolean\"]},\"n\":{\"type\":[\"string\",\"null\"]}}}"));

            assertThat(((JsonAnyOfSchema) s.properties().get("v")).anyOf()).hasSize(3);
            assertThat(s.properties().get("n")).isInstanceOf(JsonStringSchema.class);
        }

        @Test
        void inlinesAReferenceWithSiblingsLayingTheSiblingsOver() {
            JsonObjectSchema s = JsonSchemaConverter.toObjectSchema(schema("{\"type\":\"object\",\"properties\":{"
                    + "\"c\":{\"$ref\":\"#/$defs/compare\",\"properties\":{\"field\":{\"enum\":[\"a\",\"b\"]}}}},"
                    + "\"$defs\":{\"compare\":{\"type\":\"object\",\"required\":[\"field\"],\"properties\":{"
                    + "\"field\":{\"type\":\"string\"},\"value\":{}}}}}"));

            JsonObjectSchema c = (JsonObjectSchema) s.properties().get("c");
            assertThat(((JsonEnumSchema) c.properties().get("field")).enumValues()).containsExactly("a", "b");
            assertThat(c.required()).containsExactly("field");
            assertThat(c.properties().get("value")).isInstanceOf(JsonAnyOfSchema.class);
        }

        @Test
        void turnsAMapWithKnownKeysIntoOptionalProperties() {
            JsonObjectSchema s = JsonSchemaConverter.toObjectSchema(schema("{\"type\":\"object\",\"properties\":{"
                    + "\"args\":{\"type\":\"object\",\"propertyNames\":{\"enum\":[\"days\"]},"
                    + "\"additionalProperties\":{\"type\":\"integer\"}}}}"));

            JsonObjectSchema args = (JsonObjectSchema) s.properties().get("args");
            assertThat(args.properties()).containsOnlyKeys("days");
            assertThat(args.additionalProperties()).isFalse();
        }

        @Test
        void notesOneOfRequiredBranchesInTheDescription() {
            JsonObjectSchema s = JsonSchemaConverter.toObjectSchema(schema("{\"type\":\"object\",\"properties\":{"
                    + "\"r\":{\"type\":\"object\",\"properties\":{\"exists\":{\"type\":\"boolean\"},"
                    + "\"count\":{\"type\":\"integer\"}},\"oneOf\":[{\"required\":[\"exists\"]},{\"required\":[\"count\"]}]}}}"));

            assertThat(s.properties().get("r")).isInstanceOf(JsonObjectSchema.class);
            assertThat(s.properties().get("r").description()).isEqualTo("give exactly one of: exists | count");
        }

        @Test
        void refusesAReferenceThatNamesNoDefinition() {
            assertThatThrownBy(() -> JsonSchemaConverter.toObjectSchema(schema(
                    "{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"#/$defs/missing\"}}}")))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void leavesTheInputUntouched() {
            ObjectNode in = schema("{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"object\","
                    + "\"$defs\":{\"inner\":{\"type\":\"string\"}},\"properties\":{\"y\":{\"$ref\":\"#/$defs/inner\"}}}}}");
            ObjectNode copy = in.deepCopy();

            JsonObjectSchema s = JsonSchemaConverter.toObjectSchema(in);

            assertThat(in).isEqualTo(copy);
            assertThat(s.definitions()).containsKey("inner");
        }
    }

    @Nested
    class SelfContained {

        private final ObjectNode recursive = schema("{\"type\":\"object\",\"properties\":{"
                + "\"where\":{\"$ref\":\"#/$defs/filter\"},\"unit\":{\"$ref\":\"#/$defs/unit\"}},"
                + "\"$defs\":{\"unit\":{\"enum\":[\"day\",\"week\"],\"description\":\"a calendar unit\"},"
                + "\"filter\":{\"description\":\"a condition\",\"anyOf\":["
                + "{\"type\":\"object\",\"properties\":{\"not\":{\"$ref\":\"#/$defs/filter\"},"
                + "\"unit\":{\"$ref\":\"#/$defs/unit\"}}},{\"type\":\"string\"}]}}}");

        @Test
        void inlinesEveryDefinitionAndLeavesNoReference() {
            JsonObjectSchema s = JsonSchemaConverter.toSelfContainedObjectSchema(recursive, 2);

            assertThat(s.definitions()).isNullOrEmpty();
            assertThat(s.toString()).doesNotContain("JsonReferenceSchema");
            assertThat(((JsonEnumSchema) s.properties().get("unit")).enumValues()).containsExactly("day", "week");
        }

        @Test
        void spellsARecursiveDefinitionOutToTheGivenDepthThenDescribesIt() {
            JsonObjectSchema s = JsonSchemaConverter.toSelfContainedObjectSchema(recursive, 2);

            JsonAnyOfSchema level1 = (JsonAnyOfSchema) s.properties().get("where");
            JsonAnyOfSchema level2 = (JsonAnyOfSchema) ((JsonObjectSchema) level1.anyOf().get(0)).properties().get("not");
            JsonSchemaElement level3 = ((JsonObjectSchema) level2.anyOf().get(0)).properties().get("not");
            assertThat(level3).isInstanceOf(JsonObjectSchema.class);
            assertThat(level3.description()).contains("a nested filter, of the same shapes as the filter that contains it");
        }

        @Test
        void describesEachDefinitionOnce() {
            JsonObjectSchema s = JsonSchemaConverter.toSelfContainedObjectSchema(recursive, 3);

            assertThat(s.toString().split("a calendar unit", -1)).hasSize(2);
        }

        @Test
        void makesTheQuerySchemaSelfContained() {
            JsonObjectSchema s = JsonSchemaConverter.toSelfContainedObjectSchema(
                    QueryJsonSchema.forModel(Shop.model()), 2);

            assertThat(s.definitions()).isNullOrEmpty();
            assertThat(s.toString()).doesNotContain("JsonReferenceSchema").contains("vip");
        }
    }

    @Nested
    class TheQuerySchema {

        private final ToolSpecification spec = JsonSchemaConverter.toSpecification(
                QueryTool.of(Shop.engine(1)).descriptor());

        @Test
        void convertsWithEveryDefinition() {
            ObjectNode source = QueryJsonSchema.forModel(Shop.model());
            List<String> names = new ArrayList<>();
            source.path("$defs").fieldNames().forEachRemaining(names::add);

            assertThat(spec.name()).isEqualTo("query");
            assertThat(spec.parameters().definitions()).containsOnlyKeys(names);
            assertThat(spec.parameters().required()).containsExactly("entity");
        }

        @Test
        void keepsEntityNamesAsAnEnum() {
            JsonSchemaElement entity = spec.parameters().properties().get("entity");

            assertThat(((JsonEnumSchema) entity).enumValues()).containsExactly("customers", "orders");
        }

        @Test
        void referencesTheFilterDefinitionFromWhere() {
            assertThat(((JsonReferenceSchema) spec.parameters().properties().get("where")).reference())
                    .isEqualTo("filter");
            assertThat(spec.parameters().definitions().get("filter")).isInstanceOf(JsonAnyOfSchema.class);
        }

        @Test
        void neverNamesAnEnumValueOfAUiField() {
            assertThat(spec.toString()).doesNotContain("SecretHappy", "SecretGrumpy").doesNotContain("phone");
        }
    }
}
