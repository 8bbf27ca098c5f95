package io.promoagent.schema.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.QueryJsonSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Checks JSON against the generated schema with a real draft 2020-12 validator (networknt). */
final class SchemaCheck {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final JsonSchema META_SCHEMA = FACTORY.getSchema(SchemaLocation.of(SchemaId.V202012));
    private static final Map<DataModel, JsonSchema> COMPILED = new ConcurrentHashMap<>();

    private SchemaCheck() {
    }

    /** The problems the schema of {@code model} finds in {@code json}; empty when it is valid. */
    static List<String> problems(DataModel model, String json) {
        return problems(model, QueryJson.parse(json));
    }

    static List<String> problems(DataModel model, JsonNode json) {
        JsonSchema schema = COMPILED.computeIfAbsent(model, m -> FACTORY.getSchema(QueryJsonSchema.forModel(m)));
        return messages(schema.validate(json));
    }

    /** The problems the draft 2020-12 meta-schema finds in {@code schema}. */
    static List<String> metaSchemaProblems(JsonNode schema) {
        return messages(META_SCHEMA.validate(schema));
    }

    private static List<String> messages(java.util.Set<ValidationMessage> messages) {
        return messages.stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
