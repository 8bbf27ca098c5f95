package io.promoagent.providers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Finds the {@code $ref}s of a JSON Schema that point at nothing inside it: a schema a model cannot follow. */
final class SchemaReferences {

    private SchemaReferences() {
    }

    /** The local references ({@code #/...}) of {@code schema} that do not resolve within it. */
    static List<String> dangling(JsonNode schema) {
        List<String> dangling = new ArrayList<>();
        collect(schema, schema, dangling);
        return dangling;
    }

    private static void collect(JsonNode root, JsonNode node, List<String> dangling) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual() && ref.textValue().startsWith("#")) {
                String pointer = ref.textValue().substring(1);
                if (root.at(pointer).isMissingNode()) {
                    dangling.add(ref.textValue());
                }
            }
            node.elements().forEachRemaining(child -> collect(root, child, dangling));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collect(root, child, dangling));
        }
    }
}
