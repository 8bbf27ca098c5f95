package io.promoagent.core.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import io.promoagent.core.tool.ToolDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Converts a tool's JSON Schema (a Jackson tree) into LangChain4j's schema elements, which every provider
 * module serialises for its API.
 *
 * <p>Carried over exactly: types (a list of types becomes {@code anyOf}; {@code ["x", "null"]} becomes
 * {@code x}), properties, required, boolean {@code additionalProperties}, items, string {@code enum} and
 * {@code const}, {@code anyOf}, {@code oneOf} (as {@code anyOf}), {@code $defs}/{@code definitions} and
 * {@code $ref} (as {@link JsonReferenceSchema}), descriptions. Adapted: a {@code $ref} with sibling keywords
 * is inlined with the siblings laid over it; {@code allOf} members that are plain schemas are merged;
 * {@code propertyNames} with an enum and a schema-valued {@code additionalProperties} become optional
 * properties; non-string enums and constants, and keywords LangChain4j has no element for ({@code minimum},
 * {@code pattern}, {@code minItems}...), are written into the description; an unconstrained schema
 * ({@code {}}) becomes any scalar, array of scalars or object. Dropped: conditional keywords ({@code if},
 * {@code then}, {@code else}, {@code not}) and {@code oneOf} branches that only list required properties
 * (noted in the description); the tool validates those itself and returns the errors for repair.
 */
final class JsonSchemaConverter {

    private static final int MAX_DEPTH = 64;

    private final ObjectNode root;
    private final boolean inline;
    private final int maxNesting;
    private final Map<String, JsonSchemaElement> definitions = new LinkedHashMap<>();
    private final Map<String, Integer> expanding = new LinkedHashMap<>();
    private final Set<String> described = new HashSet<>();
    private final boolean compact;

    private JsonSchemaConverter(ObjectNode root, boolean inline, int maxNesting, boolean compact) {
        this.root = root;
        this.inline = inline;
        this.maxNesting = maxNesting;
        this.compact = compact;
    }

    /** The LangChain4j specification of a tool: its name, description and converted parameters. */
    public static ToolSpecification toSpecification(ToolDescriptor descriptor) {
        return ToolSpecification.builder()
                .name(descriptor.name())
                .description(descriptor.description())
                .parameters(toObjectSchema(descriptor.parameters()))
                .build();
    }

    /**
     * The specification of a tool with a self-contained parameter schema (no definitions, no references),
     * for providers that drop definitions.
     *
     * @param maxNesting how many levels of a recursive definition are spelled out (at least 1)
     */
    public static ToolSpecification toSelfContainedSpecification(ToolDescriptor descriptor, int maxNesting) {
        return ToolSpecification.builder()
                .name(descriptor.name())
                .description(descriptor.description())
                .parameters(toSelfContainedObjectSchema(descriptor.parameters(), maxNesting))
                .build();
    }

    /**
     * Converts an object schema into one without definitions or references: each definition is inlined
     * where it is referenced, a recursive one to {@code maxNesting} levels.
     *
     * @throws IllegalArgumentException as {@link #toObjectSchema}
     */
    public static JsonObjectSchema toSelfContainedObjectSchema(ObjectNode parameters, int maxNesting) {
        if (maxNesting < 1) {
            throw new IllegalArgumentException("maxNesting must be at least 1");
        }
        ObjectNode schema = parameters.deepCopy();
        SchemaTrees.hoist(schema, schema, true);
        JsonSchemaConverter c = new JsonSchemaConverter(schema, true, maxNesting, false);
        JsonSchemaElement top = c.convert(schema, 0);
        if (!(top instanceof JsonObjectSchema object)) {
            throw new IllegalArgumentException("a tool's parameter schema must be an object schema");
        }
        return object;
    }

    /**
     * Converts an object schema.
     *
     * @throws IllegalArgumentException when the root is not an object schema or a {@code $ref} does not
     *                                  resolve
     */
    public static JsonObjectSchema toObjectSchema(ObjectNode parameters) {
        return toObjectSchema(parameters, false);
    }

    /**
     * As {@link #toObjectSchema(ObjectNode)}, for the {@link ToolSchemaStyle#COMPACT} style: descriptions note
     * what form a value has but not its bounds (the tool checks those and says so in its errors), and an
     * array without {@code items} is sent without an items schema (its description names what it holds).
     */
    static JsonObjectSchema toCompactObjectSchema(ObjectNode parameters) {
        return toObjectSchema(parameters, true);
    }

    private static JsonObjectSchema toObjectSchema(ObjectNode parameters, boolean compact) {
        ObjectNode schema = parameters.deepCopy();
        SchemaTrees.hoist(schema, schema, true);
        JsonSchemaConverter c = new JsonSchemaConverter(schema, false, 0, compact);
        for (String container : List.of("$defs", "definitions")) {
            schema.path(container).properties().forEach(e -> c.definitions.put(e.getKey(), null));
        }
        for (String container : List.of("$defs", "definitions")) {
            schema.path(container).properties().forEach(
                    e -> c.definitions.put(e.getKey(), c.convert(e.getValue(), 1)));
        }
        JsonSchemaElement top = c.convert(schema, 0);
        if (!(top instanceof JsonObjectSchema object)) {
            throw new IllegalArgumentException("a tool's parameter schema must be an object schema");
        }
        if (c.definitions.isEmpty()) {
            return object;
        }
        return object.toBuilder().definitions(new LinkedHashMap<>(c.definitions)).build();
    }

    private JsonSchemaElement convert(JsonNode node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the schema is nested more than " + MAX_DEPTH + " levels deep");
        }
        if (node.isBoolean() || (node.isObject() && node.isEmpty())) {
            return any(null);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("a schema must be an object or a boolean, not " + node);
        }
        ObjectNode n = (ObjectNode) node;
        if (n.has("$ref")) {
            String name = refName(n.get("$ref").asText());
            if (inline) {
                return inlined(name, n, depth);
            }
            if (SchemaTrees.onlyKeys(n, Set.of("$ref", "description", "$comment"))) {
                return JsonReferenceSchema.builder().reference(name).build();
            }
            ObjectNode merged = definition(name).deepCopy();
            ObjectNode siblings = n.deepCopy();
            siblings.remove("$ref");
            return convert(SchemaTrees.overlay(merged, siblings), depth + 1);
        }
        if (n.has("allOf")) {
            ObjectNode merged = n.deepCopy();
            merged.remove("allOf");
            for (JsonNode member : n.get("allOf")) {
                if (member.isObject() && !member.has("if") && !member.has("not")) {
                    merged = SchemaTrees.overlay(merged, (ObjectNode) member);
                }
            }
            return convert(merged, depth + 1);
        }
        String description = SchemaTrees.description(n, compact ? SchemaTrees.FORM : SchemaTrees.NOTED);
        if (n.has("const")) {
            JsonNode c = n.get("const");
            return c.isTextual() ? JsonEnumSchema.builder().enumValues(c.textValue()).description(description).build()
                    : typed(n, SchemaTrees.append(description, "always " + c), depth);
        }
        if (n.has("enum")) {
            List<String> values = new ArrayList<>();
            boolean allText = true;
            for (JsonNode v : n.get("enum")) {
                allText &= v.isTextual();
                values.add(v.isTextual() ? v.textValue() : v.toString());
            }
            if (allText) {
                return JsonEnumSchema.builder().enumValues(values).description(description).build();
            }
            return typed(n, SchemaTrees.append(description, "one of " + String.join(", ", values)), depth);
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (!n.has(combinator)) {
                continue;
            }
            ArrayNode branches = (ArrayNode) n.get(combinator);
            if (SchemaTrees.onlyRequiredBranches(branches)) {
                ObjectNode rest = n.deepCopy();
                rest.remove(combinator);
                return convert(rest.put("description", SchemaTrees.append(n.path("description").asText(null),
                        (combinator.equals("oneOf") ? "give exactly one of: " : "give at least one of: ")
                                + SchemaTrees.requiredLists(branches))), depth + 1);
            }
            List<JsonSchemaElement> converted = new ArrayList<>();
            for (JsonNode b : branches) {
                converted.add(convert(b, depth + 1));
            }
            return JsonAnyOfSchema.builder().anyOf(converted).description(description).build();
        }
        return typed(n, description, depth);
    }

    /** A definition spelled out where {@code reference} names it, or a plain object below the nesting bound. */
    private JsonSchemaElement inlined(String name, ObjectNode reference, int depth) {
        ObjectNode definition = definition(name);
        int open = expanding.getOrDefault(name, 0);
        if (open >= maxNesting) {
            String what = reference.path("description").asText(definition.path("description").asText(""));
            return JsonObjectSchema.builder().description(SchemaTrees.append(what,
                    "a nested " + name + ", of the same shapes as the " + name + " that contains it")).build();
        }
        ObjectNode siblings = reference.deepCopy();
        siblings.remove("$ref");
        ObjectNode body = definition.deepCopy();
        if (!described.add(name)) {
            // a definition's description can be long (every field, with its type): say it once
            body.remove("description");
        }
        expanding.put(name, open + 1);
        try {
            return convert(SchemaTrees.overlay(body, siblings), depth + 1);
        } finally {
            expanding.put(name, open);
        }
    }

    /** A schema by its {@code type} (or its shape, when it has none). */
    private JsonSchemaElement typed(ObjectNode n, String description, int depth) {
        JsonNode type = n.get("type");
        if (type != null && type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(t -> types.add(t.asText()));
            if (types.size() == 2 && types.contains("null")) {
                types.remove("null");
            }
            if (types.size() == 1) {
                return single(types.get(0), n, description, depth);
            }
            List<JsonSchemaElement> each = new ArrayList<>();
            for (String t : types) {
                each.add(single(t, n, null, depth));
            }
            return JsonAnyOfSchema.builder().anyOf(each).description(description).build();
        }
        if (type == null) {
            if (n.has("properties") || n.has("additionalProperties") || n.has("propertyNames")) {
                return single("object", n, description, depth);
            }
            if (n.has("items")) {
                return single("array", n, description, depth);
            }
            return any(description);
        }
        return single(type.asText(), n, description, depth);
    }

    private JsonSchemaElement single(String type, ObjectNode n, String description, int depth) {
        switch (type) {
            case "string":
                return JsonStringSchema.builder().description(description).build();
            case "integer":
                return JsonIntegerSchema.builder().description(description).build();
            case "number":
                return JsonNumberSchema.builder().description(description).build();
            case "boolean":
                return JsonBooleanSchema.builder().description(description).build();
            case "null":
                return new JsonNullSchema();
            case "array":
                return JsonArraySchema.builder().description(description)
                        .items(n.has("items") ? convert(n.get("items"), depth + 1) : compact ? null : scalar()).build();
            case "object":
                return object(n, description, depth);
            default:
                throw new IllegalArgumentException("'" + type + "' is not a JSON Schema type");
        }
    }

    private JsonObjectSchema object(ObjectNode n, String description, int depth) {
        JsonObjectSchema.Builder b = JsonObjectSchema.builder().description(description);
        Map<String, JsonSchemaElement> properties = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.path("properties").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            properties.put(e.getKey(), convert(e.getValue(), depth + 1));
        }
        JsonNode additional = n.get("additionalProperties");
        JsonNode names = n.path("propertyNames").path("enum");
        if (additional != null && additional.isObject() && names.isArray()) {
            // a map with known keys: each key becomes an optional property of the value schema
            JsonSchemaElement value = convert(additional, depth + 1);
            names.forEach(k -> properties.putIfAbsent(k.asText(), value));
            b.additionalProperties(false);
        } else if (additional != null && additional.isBoolean()) {
            b.additionalProperties(additional.booleanValue());
        } else if (n.path("maxProperties").asInt(-1) == 0) {
            b.additionalProperties(false);
        }
        b.addProperties(properties);
        List<String> required = new ArrayList<>();
        n.path("required").forEach(r -> required.add(r.asText()));
        if (!required.isEmpty()) {
            b.required(required);
        }
        return b.build();
    }

    /** Any value: a scalar, an array of scalars or an object. */
    private static JsonSchemaElement any(String description) {
        return JsonAnyOfSchema.builder().description(description).anyOf(
                new JsonStringSchema(), new JsonNumberSchema(), new JsonBooleanSchema(),
                JsonArraySchema.builder().items(scalar()).build(),
                JsonObjectSchema.builder().build()).build();
    }

    private static JsonSchemaElement scalar() {
        return JsonAnyOfSchema.builder().anyOf(new JsonStringSchema(), new JsonNumberSchema(), new JsonBooleanSchema())
                .build();
    }

    private String refName(String ref) {
        return SchemaTrees.refName(root, ref);
    }

    private ObjectNode definition(String name) {
        return SchemaTrees.definition(root, name);
    }
}
