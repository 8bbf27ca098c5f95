package io.promoagent.core.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.promoagent.core.tool.ToolDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tool specifications in the {@link ToolSchemaStyle#COMPACT} style: a schema's definitions are written once,
 * in a short type notation, in the tool's description, and its parameters refer to them by name.
 *
 * <p>Why: a provider that drops root definitions (Bedrock) otherwise needs every definition inlined where it
 * is used, recursive ones several levels deep, and the demo model's query schema grew to 35,000 characters
 * that way; written once as text it is a tenth of that, for every provider alike. The notation reads like
 * TypeScript, which models know: {@code {type: "not", operand: filter}}, {@code a?: T} for an optional
 * property, {@code T[]} for an array, {@code A | B} for alternatives, {@code // text} for a description.
 *
 * <p>Names the system prompt already describes (the data model's entities, fields, rules, measures and
 * relationships) are not described again: an enum of such names keeps its values, without its description,
 * and a long one (more than {@value #MAX_NAMED_VALUES} values, such as every field of every entity) becomes
 * a string, since the system prompt lists the names entity by entity. The tool still checks every
 * argument and returns errors with suggestions for a name that does not exist.
 */
final class CompactSchemas {

    static final int MAX_NAMED_VALUES = 8;
    private static final int MAX_DEPTH = 64;

    private final ObjectNode root;
    private final Set<String> modelNames;

    private CompactSchemas(ObjectNode root, Set<String> modelNames) {
        this.root = root;
        this.modelNames = modelNames;
    }

    /**
     * The compact specification of a tool.
     *
     * @param modelNames the names the system prompt describes; empty when it describes none
     */
    static ToolSpecification specification(ToolDescriptor descriptor, Set<String> modelNames) {
        ObjectNode schema = descriptor.parameters().deepCopy();
        SchemaTrees.hoist(schema, schema, true);
        CompactSchemas c = new CompactSchemas(schema, modelNames);
        Set<String> used = new LinkedHashSet<>();
        c.collectReferences(schema, used, 0);
        StringBuilder description = new StringBuilder(descriptor.description());
        if (!used.isEmpty()) {
            description.append("\nDefinitions:");
            for (String name : used) {
                description.append('\n').append(name).append(" = ").append(c.notation(c.definition(name), 0));
            }
        }
        ObjectNode parameters = (ObjectNode) c.withPlaceholders(schema, 0);
        parameters.remove("$defs");
        parameters.remove("definitions");
        return ToolSpecification.builder()
                .name(descriptor.name())
                .description(description.toString())
                .parameters(JsonSchemaConverter.toObjectSchema(parameters))
                .build();
    }

    /** Every definition reachable from {@code node}, in the order first met. */
    private void collectReferences(JsonNode node, Set<String> used, int depth) {
        guard(depth);
        if (node.isArray()) {
            node.forEach(child -> collectReferences(child, used, depth + 1));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("$ref")) {
                String name = refName(e.getValue().asText());
                if (used.add(name)) {
                    collectReferences(definition(name), used, depth + 1);
                }
            } else if (!e.getKey().equals("$defs") && !e.getKey().equals("definitions")) {
                collectReferences(e.getValue(), used, depth + 1);
            }
        }
    }

    /** The schema with each reference replaced by a schema of the definition's type that names it. */
    private JsonNode withPlaceholders(JsonNode node, int depth) {
        guard(depth);
        if (node.isArray()) {
            ArrayNode out = ((ArrayNode) node).arrayNode();
            node.forEach(child -> out.add(withPlaceholders(child, depth + 1)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode n = (ObjectNode) node;
        if (n.has("$ref")) {
            String name = refName(n.get("$ref").asText());
            ObjectNode placeholder = n.objectNode();
            String type = jsonType(definition(name), 0);
            if (type != null) {
                placeholder.put("type", type);
            }
            placeholder.put("description", SchemaTrees.append(n.path("description").asText(null),
                    "a " + name + ": see Definitions"));
            return placeholder;
        }
        ObjectNode out = n.objectNode();
        n.fields().forEachRemaining(e -> out.set(e.getKey(), withPlaceholders(e.getValue(), depth + 1)));
        if (namesOnly(out)) {
            out.remove("description");
            if (out.get("enum").size() > MAX_NAMED_VALUES) {
                out.remove("enum");
                out.put("type", "string");
            }
        }
        return out;
    }

    /** The JSON type a definition's values have, when all its shapes agree on one. */
    private String jsonType(JsonNode node, int depth) {
        if (depth > 8 || !node.isObject()) {
            return null;
        }
        if (node.has("$ref")) {
            return jsonType(definition(refName(node.get("$ref").asText())), depth + 1);
        }
        if (node.path("type").isTextual()) {
            return node.get("type").asText();
        }
        if (node.has("enum") || node.has("const")) {
            JsonNode values = node.has("enum") ? node.get("enum") : ((ObjectNode) node).arrayNode().add(node.get("const"));
            for (JsonNode v : values) {
                if (!v.isTextual()) {
                    return null;
                }
            }
            return "string";
        }
        if (node.has("properties")) {
            return "object";
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (node.has(combinator)) {
                String common = null;
                for (JsonNode branch : node.get(combinator)) {
                    String t = jsonType(branch, depth + 1);
                    if (t == null || (common != null && !common.equals(t))) {
                        return null;
                    }
                    common = t;
                }
                return common;
            }
        }
        return null;
    }

    /** Whether a schema is an enum of names the system prompt describes. */
    private boolean namesOnly(ObjectNode n) {
        if (modelNames.isEmpty() || !n.path("enum").isArray() || n.get("enum").isEmpty()) {
            return false;
        }
        for (JsonNode v : n.get("enum")) {
            if (!v.isTextual() || !modelNames.contains(v.textValue())) {
                return false;
            }
        }
        return true;
    }

    /** A schema in the compact notation. */
    private String notation(JsonNode node, int depth) {
        guard(depth);
        if (node.isBoolean() || (node.isObject() && node.isEmpty())) {
            return "any";
        }
        ObjectNode n = (ObjectNode) node;
        String type = type(n, depth);
        String description = n.has("$ref") ? null : SchemaTrees.description(n);
        if (namesOnly(n)) {
            description = null;
        }
        return description == null || description.isBlank() ? type : type + " // " + description.replace('\n', ' ');
    }

    /** The type part of the notation, without the description. */
    private String type(ObjectNode n, int depth) {
        if (n.has("$ref")) {
            String name = refName(n.get("$ref").asText());
            if (!n.has("properties")) {
                return name;
            }
            // a reference that narrows the definition's properties: an intersection, as TypeScript writes it
            ObjectNode narrowing = n.objectNode();
            narrowing.set("properties", n.get("properties"));
            ArrayNode all = narrowing.putArray("required");
            n.get("properties").fieldNames().forEachRemaining(all::add);
            return name + " & " + object(narrowing, depth + 1);
        }
        if (n.has("const")) {
            return n.get("const").toString();
        }
        if (n.has("enum")) {
            if (namesOnly(n) && n.get("enum").size() > MAX_NAMED_VALUES) {
                return "string /* a name the system prompt lists, such as " + n.get("enum").get(0).asText() + " */";
            }
            List<String> values = new ArrayList<>();
            n.get("enum").forEach(v -> values.add(v.toString()));
            return String.join("|", values);
        }
        for (String combinator : List.of("oneOf", "anyOf")) {
            if (!n.has(combinator)) {
                continue;
            }
            ArrayNode branches = (ArrayNode) n.get(combinator);
            ObjectNode rest = n.deepCopy();
            rest.remove(combinator);
            rest.remove("description");
            if (SchemaTrees.onlyRequiredBranches(branches)) {
                return type(rest, depth + 1) + " /* " + (combinator.equals("oneOf") ? "exactly" : "at least")
                        + " one of: " + SchemaTrees.requiredLists(branches) + " */";
            }
            List<String> each = new ArrayList<>();
            for (JsonNode b : branches) {
                each.add(b.isObject() ? type((ObjectNode) b, depth + 1) : "any");
            }
            return String.join(" | ", each);
        }
        JsonNode t = n.get("type");
        if (t != null && t.isArray()) {
            List<String> each = new ArrayList<>();
            t.forEach(x -> each.add(x.asText()));
            return String.join("|", each);
        }
        String single = t == null ? (n.has("properties") ? "object" : n.has("items") ? "array" : "any") : t.asText();
        if (single.equals("array")) {
            String items = n.has("items") && n.get("items").isObject() ? type((ObjectNode) n.get("items"), depth + 1) : "any";
            return (items.contains("|") || items.contains(" ") && !items.startsWith("{") ? "(" + items + ")" : items) + "[]";
        }
        if (single.equals("object")) {
            return object(n, depth);
        }
        return single.equals("integer") ? "integer" : single;
    }

    private String object(ObjectNode n, int depth) {
        Set<String> required = new LinkedHashSet<>();
        n.path("required").forEach(r -> required.add(r.asText()));
        List<String> members = new ArrayList<>();
        n.path("properties").fields().forEachRemaining(e -> members.add(e.getKey()
                + (required.contains(e.getKey()) ? ": " : "?: ") + member(e.getValue(), depth)));
        JsonNode additional = n.get("additionalProperties");
        JsonNode names = n.path("propertyNames").path("enum");
        if (additional != null && additional.isObject() && names.isArray()) {
            names.forEach(k -> members.add(k.asText() + "?: " + member(additional, depth)));
        }
        if (members.isEmpty()) {
            return n.path("maxProperties").asInt(-1) == 0 ? "{}" : "object";
        }
        return "{" + String.join(", ", members) + "}";
    }

    /** A property's schema, its description as a comment in brackets so that the object reads on one line. */
    private String member(JsonNode node, int depth) {
        if (!node.isObject() || node.isEmpty()) {
            return "any";
        }
        ObjectNode n = (ObjectNode) node;
        String type = type(n, depth + 1);
        String description = SchemaTrees.description(n);
        if (namesOnly(n) || n.has("$ref") && n.size() == 1) {
            description = null;
        }
        return description == null || description.isBlank() ? type : type + " /* " + description.replace('\n', ' ') + " */";
    }

    private String refName(String ref) {
        return SchemaTrees.refName(root, ref);
    }

    private ObjectNode definition(String name) {
        return SchemaTrees.definition(root, name);
    }

    private static void guard(int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("the schema is nested more than " + MAX_DEPTH + " levels deep");
        }
    }
}
