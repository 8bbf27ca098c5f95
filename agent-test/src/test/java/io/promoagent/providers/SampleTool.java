package io.promoagent.providers;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import java.util.Map;

/**
 * A tool specification with the schema features a query tool needs: enums, an array of enums, a nested
 * object, a recursive definition reached through {@code $ref}, required properties and a closed object.
 */
final class SampleTool {

    static final String NAME = "query";
    static final String DESCRIPTION = "Reads records of one entity that meet a filter";

    private SampleTool() {
    }

    static ToolSpecification specification() {
        JsonObjectSchema compare = JsonObjectSchema.builder()
                .addEnumProperty("type", java.util.List.of("compare"))
                .addStringProperty("field")
                .addEnumProperty("op", java.util.List.of("eq", "gt", "lt"))
                .addNumberProperty("value")
                .required("type", "field", "op")
                .build();
        JsonObjectSchema and = JsonObjectSchema.builder()
                .addEnumProperty("type", java.util.List.of("and"))
                .addProperty("operands", JsonArraySchema.builder()
                        .items(JsonReferenceSchema.builder().reference("filter").build()).build())
                .required("type", "operands")
                .build();
        JsonObjectSchema parameters = JsonObjectSchema.builder()
                .description("A query over one entity")
                .addProperty("entity", JsonEnumSchema.builder()
                        .enumValues("customers", "orders")
                        .description("The entity to read").build())
                .addProperty("fields", JsonArraySchema.builder()
                        .items(JsonEnumSchema.builder().enumValues("id", "name", "segment", "total_spent").build())
                        .build())
                .addProperty("page", JsonObjectSchema.builder()
                        .addProperty("limit", JsonIntegerSchema.builder().description("At most this many rows").build())
                        .addBooleanProperty("countOnly")
                        .required("limit")
                        .build())
                .addProperty("where", JsonReferenceSchema.builder().reference("filter").build())
                .required("entity")
                .additionalProperties(false)
                .definitions(Map.of("filter", JsonAnyOfSchema.builder().anyOf(compare, and).build()))
                .build();
        return ToolSpecification.builder().name(NAME).description(DESCRIPTION).parameters(parameters).build();
    }
}
