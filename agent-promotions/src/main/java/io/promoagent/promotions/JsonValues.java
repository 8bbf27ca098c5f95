package io.promoagent.promotions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/** JSON pieces the tools share: rows as objects, and the small JSON Schemas of their parameters. */
final class JsonValues {

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private JsonValues() {
    }

    static ObjectNode row(Row row) {
        return values(row.values());
    }

    static ObjectNode values(Map<String, Object> values) {
        ObjectNode o = F.objectNode();
        values.forEach((k, v) -> {
            if (v instanceof BigDecimal d) {
                o.put(k, d);
            } else if (v instanceof Boolean b) {
                o.put(k, b);
            } else if (v != null) {
                o.put(k, v.toString());
            }
        });
        return o;
    }

    static ObjectNode objectSchema() {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        s.putObject("properties");
        s.put("additionalProperties", false);
        return s;
    }

    static ObjectNode property(ObjectNode schema, String name, String type, String description) {
        ObjectNode p = ((ObjectNode) schema.get("properties")).putObject(name);
        p.put("type", type);
        p.put("description", description);
        return p;
    }

    static ObjectNode enumProperty(ObjectNode schema, String name, String description, Collection<String> values) {
        ObjectNode p = property(schema, name, "string", description);
        ArrayNode e = p.putArray("enum");
        values.forEach(e::add);
        return p;
    }

    static void required(ObjectNode schema, String... names) {
        ArrayNode r = schema.putArray("required");
        for (String n : names) {
            r.add(n);
        }
    }
}
