package io.promoagent.core.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a tool's parameter schema is a JSON Schema an LLM provider will take: an object schema at
 * the root, well-formed keywords below, and every {@code $ref} resolving to a definition.
 */
final class ParameterSchemaCheck {

    private static final Set<String> TYPES = Set.of("object", "array", "string", "number", "integer", "boolean", "null");
    private static final int MAX_DEPTH = 64;

    private final ObjectNode root;
    private final List<String> problems = new ArrayList<>();

    private ParameterSchemaCheck(ObjectNode root) {
        this.root = root;
    }

    /** The problems found, each naming its JSON path; empty when the schema is usable. */
    static List<String> problems(ObjectNode schema) {
        ParameterSchemaCheck check = new ParameterSchemaCheck(schema);
        check.run();
        return check.problems;
    }

    private void run() {
        if (!"object".equals(root.path("type").asText(null))) {
            problems.add("$: the parameter schema must have \"type\": \"object\"");
        }
        schema(root, "$", 0);
        for (String defs : List.of("$defs", "definitions")) {
            JsonNode d = root.get(defs);
            if (d == null) {
                continue;
            }
            if (!d.isObject()) {
                problems.add("$." + defs + ": must be an object of schemas");
                continue;
            }
            d.properties().forEach(e -> schema(e.getValue(), "$." + defs + "." + e.getKey(), 1));
        }
    }

    private void schema(JsonNode node, String path, int depth) {
        if (node.isBoolean()) {
            return;
        }
        if (!node.isObject()) {
            problems.add(path + ": a schema must be an object or a boolean");
            return;
        }
        if (depth > MAX_DEPTH) {
            problems.add(path + ": nested more than " + MAX_DEPTH + " levels deep");
            return;
        }
        type(node.get("type"), path);
        JsonNode enumValues = node.get("enum");
        if (enumValues != null && (!enumValues.isArray() || enumValues.isEmpty())) {
            problems.add(path + ".enum: must be a non-empty array");
        }
        ref(node.get("$ref"), path);
        JsonNode properties = node.get("properties");
        if (properties != null) {
            if (!properties.isObject()) {
                problems.add(path + ".properties: must be an object of schemas");
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    schema(e.getValue(), path + ".properties." + e.getKey(), depth + 1);
                }
            }
        }
        JsonNode required = node.get("required");
        if (required != null) {
            if (!required.isArray()) {
                problems.add(path + ".required: must be an array of property names");
            } else {
                for (JsonNode r : required) {
                    if (!r.isTextual()) {
                        problems.add(path + ".required: holds " + r + ", not a property name");
                    } else if (properties != null && properties.isObject() && !properties.has(r.textValue())
                            && node.path("additionalProperties").isBoolean()
                            && !node.path("additionalProperties").booleanValue()) {
                        problems.add(path + ".required: '" + r.textValue() + "' is not among the properties");
                    }
                }
            }
        }
        JsonNode additional = node.get("additionalProperties");
        if (additional != null && !additional.isBoolean()) {
            schema(additional, path + ".additionalProperties", depth + 1);
        }
        JsonNode items = node.get("items");
        if (items != null) {
            schema(items, path + ".items", depth + 1);
        }
        for (String combinator : List.of("anyOf", "oneOf", "allOf")) {
            JsonNode c = node.get(combinator);
            if (c == null) {
                continue;
            }
            if (!c.isArray() || c.isEmpty()) {
                problems.add(path + "." + combinator + ": must be a non-empty array of schemas");
                continue;
            }
            for (int i = 0; i < c.size(); i++) {
                schema(c.get(i), path + "." + combinator + "[" + i + "]", depth + 1);
            }
        }
        for (String single : List.of("not", "if", "then", "else", "propertyNames")) {
            JsonNode s = node.get(single);
            if (s != null) {
                schema(s, path + "." + single, depth + 1);
            }
        }
    }

    private void type(JsonNode type, String path) {
        if (type == null) {
            return;
        }
        if (type.isTextual()) {
            if (!TYPES.contains(type.textValue())) {
                problems.add(path + ".type: '" + type.textValue() + "' is not a JSON Schema type");
            }
        } else if (type.isArray() && !type.isEmpty()) {
            type.forEach(t -> type(t, path));
        } else {
            problems.add(path + ".type: must be a type name or a non-empty array of them");
        }
    }

    private void ref(JsonNode ref, String path) {
        if (ref == null) {
            return;
        }
        if (!ref.isTextual()) {
            problems.add(path + ".$ref: must be a string");
            return;
        }
        String r = ref.textValue();
        for (String prefix : List.of("#/$defs/", "#/definitions/")) {
            if (r.startsWith(prefix)) {
                String container = prefix.substring(2, prefix.length() - 1);
                if (!root.path(container).has(r.substring(prefix.length()))) {
                    problems.add(path + ".$ref: '" + r + "' names no definition");
                }
                return;
            }
        }
        problems.add(path + ".$ref: '" + r + "' must point into #/$defs/ or #/definitions/");
    }
}
