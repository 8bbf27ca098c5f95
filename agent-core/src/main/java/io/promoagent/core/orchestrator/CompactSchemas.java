package io.promoagent.core.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import io.promoagent.core.tool.ToolDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Tool specifications in the {@link ToolSchemaStyle#COMPACT} style: a schema's definitions are written once,
 * in a short type notation, in the tool's description, and its parameters refer to them by name.
 *
 * <p>Why: a provider that drops root definitions (Bedrock) otherwise needs every definition inlined where it
 * is used, recursive ones several levels deep, and the demo model's query schema grew to 35,000 characters
 * that way; written once as text it is a tenth of that, for every provider alike. The notation reads like
 * TypeScript, which models know: {@code {type: 'not', operand: filter}}, {@code a?: T} for an optional
 * property, {@code T[]} for an array, {@code A | B} for alternatives, {@code A & {...}} for a narrowing,
 * {@code Omit<Input, 'a'|'b'>} for the tool's own parameters less some, {@code // text} for a description.
 * String literals are single-quoted, as TypeScript allows, since a double quote costs an escape in the JSON
 * string that carries the description.
 *
 * <p>Names the system prompt already describes (the data model's entities, fields, rules, measures and
 * relationships, and paths made of them) are not described again: a property of such names is a string,
 * and a definition of more than {@value #MAX_NAMED_VALUES} of them (every field of every entity) says once
 * where they are listed. The tool still checks every argument and returns errors with suggestions for a
 * name that does not exist; for the same reason bounds ({@code minimum}, {@code maxItems}...) are not
 * written out, while what gives a value's form ({@code pattern}, {@code format}) is.
 */
final class CompactSchemas {

    static final int MAX_NAMED_VALUES = 8;
    /** What the notation calls the tool's own parameters, for a definition that is them less some properties. */
    static final String INPUT = "Input";
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
            List<String> lines = new ArrayList<>();
            boolean input = false;
            for (String name : used) {
                String omitted = c.omittedFromInput(c.definition(name));
                input |= omitted != null;
                lines.add(name + " = " + (omitted == null ? c.notation(c.definition(name), 0)
                        : c.comment("Omit<" + INPUT + ", " + omitted + ">", c.definition(name))));
            }
            description.append(input ? "\nDefinitions (" + INPUT + ": these parameters):" : "\nDefinitions:");
            lines.forEach(line -> description.append('\n').append(line));
        }
        ObjectNode parameters = (ObjectNode) c.withPlaceholders(schema, 0);
        parameters.remove("$defs");
        parameters.remove("definitions");
        return ToolSpecification.builder()
                .name(descriptor.name())
                .description(description.toString())
                .parameters(JsonSchemaConverter.toCompactObjectSchema(parameters))
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
            return named(placeholder, name, n);
        }
        JsonNode items = n.get("items");
        if ("array".equals(n.path("type").asText()) && items != null && items.isObject() && items.has("$ref")
                && SchemaTrees.onlyKeys((ObjectNode) items, Set.of("$ref"))) {
            // an array of a definition: its description names it; an item is sent with its type alone, and an
            // object item not at all, since a provider module writes an object with properties and required
            // lists even when they are empty
            String name = refName(items.get("$ref").asText());
            String type = jsonType(definition(name), 0);
            ObjectNode array = n.deepCopy();
            array.remove("items");
            if (type != null && !type.equals("object")) {
                array.putObject("items").put("type", type);
            }
            return named(array, name + "[]", n);
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

    /** {@code schema} described by the name of the definition it stands for, before the description it had. */
    private static ObjectNode named(ObjectNode schema, String name, ObjectNode original) {
        String described = original.path("description").asText("");
        schema.put("description", described.isBlank() ? name : name + ": " + described);
        return schema;
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
            if (!v.isTextual() || !Arrays.stream(v.textValue().split("\\.", -1)).allMatch(modelNames::contains)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a description says more than the names a schema lists: how they combine, when they are paths. */
    private boolean describesMoreThanNames(ObjectNode n) {
        for (JsonNode v : n.get("enum")) {
            if (v.textValue().contains(".") && !modelNames.contains(v.textValue())) {
                return true;
            }
        }
        return false;
    }

    /** A schema in the compact notation. */
    private String notation(JsonNode node, int depth) {
        guard(depth);
        if (node.isBoolean() || (node.isObject() && node.isEmpty())) {
            return "any";
        }
        return comment(type((ObjectNode) node, depth), (ObjectNode) node);
    }

    /** {@code type} followed by the description of {@code n} as a line comment, when it has one to give. */
    private String comment(String type, ObjectNode n) {
        String description = n.has("$ref") || namesOnly(n) ? null : description(n);
        return description == null || description.isBlank() ? type : type + " // " + description.replace('\n', ' ');
    }

    /**
     * A definition's description, without notes of bounds (minimum, maxItems...): a tool checks what it
     * receives and says so in an error the model repairs from.
     */
    private static String description(ObjectNode n) {
        return SchemaTrees.description(n, SchemaTrees.FORM);
    }

    /**
     * The properties a definition leaves out of the tool's parameters, as a union of literals, when it is
     * those parameters less some of them (a nested query is the query without its last steps); null
     * otherwise. Written as {@code Omit<Input, ...>}, it costs a line instead of a second copy.
     */
    private String omittedFromInput(ObjectNode definition) {
        JsonNode own = definition.get("properties");
        JsonNode all = root.get("properties");
        if (own == null || all == null || !own.isObject() || own.size() >= all.size()
                || !SchemaTrees.onlyKeys(definition, Set.of("type", "properties", "required", "additionalProperties", "description"))
                || !Objects.equals(definition.get("required"), root.get("required"))
                || !Objects.equals(definition.get("additionalProperties"), root.get("additionalProperties"))) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = own.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().equals(all.get(e.getKey()))) {
                return null;
            }
        }
        List<String> left = new ArrayList<>();
        all.fieldNames().forEachRemaining(name -> {
            if (!own.has(name)) {
                left.add(literal(definition.textNode(name)));
            }
        });
        return String.join("|", left);
    }

    /** A constant in the notation: strings in single quotes, which a JSON string carries without escapes. */
    private static String literal(JsonNode value) {
        if (!value.isTextual()) {
            return value.toString();
        }
        return "'" + value.textValue().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The type part of the notation, without the description. */
    private String type(ObjectNode n, int depth) {
        if (n.has("$ref")) {
            String name = refName(n.get("$ref").asText());
            if (!n.has("properties") || !narrows(definition(name), (ObjectNode) n.get("properties"), depth)) {
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
            return literal(n.get("const"));
        }
        if (n.has("enum")) {
            if (namesOnly(n)) {
                // a definition of names says once where they are listed; a property of names is a string
                return depth <= 1 && n.get("enum").size() > MAX_NAMED_VALUES
                        ? "string /* a name the system prompt lists, such as " + n.get("enum").get(0).asText() + " */"
                        : "string";
            }
            List<String> values = new ArrayList<>();
            n.get("enum").forEach(v -> values.add(literal(v)));
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

    /**
     * Whether {@code properties} say more of a definition's properties than its notation does: not when each
     * names a definition written as the very type the property has (a field enum, compacted to the string the
     * property already is).
     */
    private boolean narrows(ObjectNode definition, ObjectNode properties, int depth) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode own = definition.path("properties").get(e.getKey());
            JsonNode narrowed = e.getValue();
            if (own == null || !own.isObject() || !narrowed.isObject() || !narrowed.has("$ref")) {
                return true;
            }
            String written = type(definition(refName(narrowed.get("$ref").asText())), depth + 1);
            if (!written.replaceAll(" ?/\\*.*?\\*/", "").equals(type((ObjectNode) own, depth + 1))) {
                return true;
            }
        }
        return false;
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
        String description = description(n);
        if (namesOnly(n) && !describesMoreThanNames(n) || n.has("$ref") && n.size() == 1) {
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
