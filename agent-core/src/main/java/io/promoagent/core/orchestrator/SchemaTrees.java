package io.promoagent.core.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Operations on JSON Schema trees that {@link JsonSchemaConverter} needs before and while converting. */
final class SchemaTrees {

    static final Set<String> NOTED = Set.of("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum",
            "minLength", "maxLength", "pattern", "format", "minItems", "maxItems", "uniqueItems", "multipleOf",
            "minProperties", "maxProperties", "default");
    /** The noted keywords that say what form a value has, rather than bound it. */
    static final Set<String> FORM = Set.of("pattern", "format", "default");

    private SchemaTrees() {
    }

    /** Moves definitions nested below the root to the root, where references find them. */
    static void hoist(ObjectNode root, JsonNode node, boolean isRoot) {
        if (node.isArray()) {
            node.forEach(child -> hoist(root, child, false));
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode n = (ObjectNode) node;
        for (String container : List.of("$defs", "definitions")) {
            JsonNode defs = n.get(container);
            if (defs == null || !defs.isObject()) {
                continue;
            }
            List<JsonNode> nested = new ArrayList<>();
            defs.forEach(nested::add);
            nested.forEach(d -> hoist(root, d, false));
            if (!isRoot) {
                n.remove(container);
                ObjectNode target = root.has(container) ? (ObjectNode) root.get(container) : root.putObject(container);
                defs.properties().forEach(e -> target.putIfAbsent(e.getKey(), e.getValue()));
            }
        }
        List<Map.Entry<String, JsonNode>> children = new ArrayList<>();
        n.properties().forEach(children::add);
        for (Map.Entry<String, JsonNode> e : children) {
            if (!e.getKey().equals("$defs") && !e.getKey().equals("definitions")) {
                hoist(root, e.getValue(), false);
            }
        }
    }

    /** {@code base} with the keywords of {@code top} laid over it; properties are merged one by one. */
    static ObjectNode overlay(ObjectNode base, ObjectNode top) {
        ObjectNode out = base.deepCopy();
        top.properties().forEach(e -> {
            if (e.getKey().equals("properties") && out.path("properties").isObject() && e.getValue().isObject()) {
                ObjectNode merged = ((ObjectNode) out.get("properties")).deepCopy();
                e.getValue().properties().forEach(p -> merged.set(p.getKey(), p.getValue()));
                out.set("properties", merged);
            } else if (e.getKey().equals("required") && out.path("required").isArray()) {
                ArrayNode merged = ((ArrayNode) out.get("required")).deepCopy();
                e.getValue().forEach(r -> {
                    boolean present = false;
                    for (JsonNode m : merged) {
                        present |= m.equals(r);
                    }
                    if (!present) {
                        merged.add(r);
                    }
                });
                out.set("required", merged);
            } else {
                out.set(e.getKey(), e.getValue());
            }
        });
        return out;
    }

    /** The definition a {@code $ref} names, which must exist under {@code $defs} or {@code definitions}. */
    static String refName(ObjectNode root, String ref) {
        for (String prefix : List.of("#/$defs/", "#/definitions/")) {
            if (ref.startsWith(prefix)) {
                String name = ref.substring(prefix.length());
                definition(root, name);
                return name;
            }
        }
        throw new IllegalArgumentException("'" + ref + "' must point into #/$defs/ or #/definitions/");
    }

    static ObjectNode definition(ObjectNode root, String name) {
        for (String container : List.of("$defs", "definitions")) {
            JsonNode d = root.path(container).get(name);
            if (d != null && d.isObject()) {
                return (ObjectNode) d;
            }
        }
        throw new IllegalArgumentException("'" + name + "' names no definition of the schema");
    }

    static boolean onlyRequiredBranches(ArrayNode branches) {
        for (JsonNode b : branches) {
            if (!b.isObject() || !onlyKeys((ObjectNode) b, Set.of("required"))) {
                return false;
            }
        }
        return true;
    }

    static String requiredLists(ArrayNode branches) {
        List<String> each = new ArrayList<>();
        for (JsonNode b : branches) {
            List<String> names = new ArrayList<>();
            b.path("required").forEach(r -> names.add(r.asText()));
            each.add(String.join(" and ", names));
        }
        return String.join(" | ", each);
    }

    static boolean onlyKeys(ObjectNode n, Set<String> allowed) {
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            if (!allowed.contains(it.next())) {
                return false;
            }
        }
        return true;
    }

    static String description(ObjectNode n) {
        return description(n, NOTED);
    }

    /** The description with notes of the keywords in {@code noted} only. */
    static String description(ObjectNode n, Set<String> noted) {
        String d = n.path("description").asText(null);
        List<String> notes = new ArrayList<>();
        n.properties().forEach(e -> {
            if (noted.contains(e.getKey())) {
                notes.add(e.getKey() + " " + (e.getValue().isTextual() ? e.getValue().textValue() : e.getValue()));
            }
        });
        return notes.isEmpty() ? d : append(d, String.join(", ", notes));
    }

    static String append(String description, String note) {
        if (description == null || description.isBlank()) {
            return note;
        }
        return description + " (" + note + ")";
    }
}
