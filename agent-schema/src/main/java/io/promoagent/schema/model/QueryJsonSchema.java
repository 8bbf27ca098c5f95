package io.promoagent.schema.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.DatePartName;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.WindowFunction;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.json.QueryJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The JSON Schema (draft 2020-12) of the query IR's JSON form for one data model: the parameter schema
 * of the query tool that a language model fills in.
 *
 * <p>Entity, field, rule, measure and relationship names are enums, so that a model cannot name what
 * does not exist. The schema cannot tie a field to the chosen entity, so the field enum is the union of
 * the fields of all entities (its description lists them by entity). Hidden fields do not appear at all;
 * of a {@code ui} field only the name appears, never a value. Every object is closed
 * ({@code additionalProperties: false}) and every filter and time range is a {@code oneOf} discriminated by
 * its {@code type}; expressions ({@code $defs/expr}) are a {@code oneOf} told apart by the property
 * that names them, a nested query is {@code $defs/query}; in {@code having} a comparison names a group key or an aggregate alias, free text. What the schema cannot express (a field of the right entity, an operator that fits
 * the field's type) {@link io.promoagent.schema.model.QueryValidator} checks.
 */
public final class QueryJsonSchema {

    /** The JSON Schema dialect of the generated schemas. */
    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final List<String> COUNT_OPERATORS = List.of("eq", "ne", "gt", "gte", "lt", "lte");

    private QueryJsonSchema() {
    }

    /** The schema of a query over {@code model}. */
    public static ObjectNode forModel(DataModel model) {
        Objects.requireNonNull(model, "model");
        SchemaVocabulary v = SchemaVocabulary.of(model);
        ObjectNode root = F.objectNode();
        root.put("$schema", DIALECT);
        root.put("description", "A query over one entity: its records, or with groupBy/aggregates one row per group");
        String pathDef = v.paths().isEmpty() ? "field" : "path";
        root.setAll(closed(props(
                "entity", described(enumOf(v.entities()), v.entityNotes()),
                "fields", described(arrayOf(ref("field")), "All if omitted"),
                "where", ref("filter"),
                "groupBy", arrayOf(ref("group")),
                "aggregates", arrayOf(ref("aggregate")),
                "having", described(ref("having"), "On group keys and aggregate aliases"),
                "orderBy", arrayOf(ref("order")),
                "limit", type("integer").put("minimum", 1),
                "select", described(arrayOf(ref("computed")), "Computed columns after fields"),
                "distinct", type("boolean"),
                "windows", described(arrayOf(ref("window")),
                        "Over the grouped rows")),
                "entity"));
        ObjectNode defs = definitions(v, model);
        defs.set("aggregate", aggregate(v, pathDef));
        defs.set("group", oneOf(List.of(closed(props(
                "field", ref(pathDef),
                "truncate", described(ref("unit"), "Keys 2026-06-30 (day; week: its Monday), 2026-06, 2026-Q2, 2026")),
                "field"), closed(props("expr", ref("expr"), "as", type("string")), "expr", "as"))));
        defs.set("computed", closed(props("expr", ref("expr"), "as", type("string")), "expr"));
        defs.set("window", closed(props(
                "fn", enumOf(Arrays.stream(WindowFunction.values()).map(WindowFunction::jsonName).toList()),
                "of", described(type("string"), "Column computed from (not for ranks)"),
                "partitionBy", arrayOf(type("string")),
                "orderBy", arrayOf(ref("order")),
                "as", type("string")), "fn", "as"));
        // a nested query: the root's shape without windows, select and distinct (a tool schema refers into $defs only)
        ObjectNode nested = root.deepCopy();
        nested.remove("$schema");
        nested.put("description", "A nested query of one column: its first value");
        ObjectNode nestedProps = (ObjectNode) nested.get("properties");
        nestedProps.remove(List.of("windows", "select", "distinct"));
        defs.set("query", nested);
        root.set("$defs", defs);
        return root;
    }

    /** The schema as compact JSON text, as it is sent to a model. */
    public static String asString(DataModel model) {
        try {
            return QueryJson.mapper().writeValueAsString(forModel(model));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A rough count of the tokens the schema costs in a prompt: its characters divided by four. */
    public static int estimatedTokens(DataModel model) {
        return asString(model).length() / 4;
    }

    private static ObjectNode definitions(SchemaVocabulary v, DataModel model) {
        ObjectNode defs = F.objectNode();
        defs.set("field", described(enumOf(v.fields()),
                "Field of the entity (of the related one in related.where); name:type (string if none), "
                        + "name=enum values. " + v.fieldNotes()));
        if (!v.paths().isEmpty()) {
            defs.set("path", anyOf(List.of(ref("field"), enumOf(v.paths()))));
        }
        defs.set("op", enumOf(Arrays.stream(Operator.values()).map(Operator::jsonName).toList()));
        defs.set("fn", enumOf(Arrays.stream(AggregateFunction.values()).map(AggregateFunction::jsonName).toList()));
        defs.set("unit", enumOf(Arrays.stream(CalendarUnit.values()).map(CalendarUnit::jsonName).toList()));
        defs.set("scalar", type(F.arrayNode().add("string").add("number").add("boolean")));
        defs.set("filter", filters(v));
        defs.set("having", logic("having", ref("compare")));
        ((ArrayNode) defs.get("having").get("oneOf")).add(ref("test"));
        defs.set("test", closed(props(
                "type", constant("test"),
                "left", ref("expr"),
                "op", ref("op"),
                "right", described(anyOf(List.of(ref("expr"), arrayOf(ref("expr")))), "Array for between and in"),
                "ignoreCase", type("boolean")), "type", "left", "op"));
        defs.set("expr", expressions(v, model));
        defs.set("span", closed(props("from", ref("expr"), "to", ref("expr")), "from", "to"));
        defs.set("order", closed(props(
                "by", described(type("string"), "A field, group key or alias"),
                "direction", enumOf(List.of("asc", "desc"))), "by"));
        defs.set("compare", compare());
        defs.set("day", described(type("string").put("pattern", "^\\d{4}-\\d{2}-\\d{2}$"), "YYYY-MM-DD"));
        defs.set("range", described(ranges(),
                "last/next: amount units back/ahead, today included; calendar: a whole unit, weeks from Monday; "
                        + "between: inclusive"));
        return defs;
    }

    /** The seven filter shapes; a shape whose names the model lacks (no rules, say) is left out. */
    private static ObjectNode filters(SchemaVocabulary v) {
        ObjectNode compareOnField = ref("compare");
        compareOnField.set("properties", props("field", ref("field")));
        ObjectNode union = logic("filter", compareOnField);
        ArrayNode shapes = (ArrayNode) union.get("oneOf");
        shapes.add(ref("test"));
        if (!v.dateFields().isEmpty()) {
            shapes.add(closed(props(
                    "type", constant("within"),
                    "field", enumOf(v.dateFields()),
                    "range", ref("range")), "type", "field", "range"));
        }
        if (!v.rules().isEmpty()) {
            ObjectNode args = type("object");
            if (v.parameters().isEmpty()) {
                args.put("maxProperties", 0);
            } else {
                args.set("propertyNames", enumOf(v.parameters()));
                args.set("additionalProperties", ref("scalar"));
            }
            shapes.add(closed(props(
                    "type", constant("rule"),
                    "rule", described(enumOf(v.rules()), v.ruleNotes()),
                    "args", args),
                    "type", "rule"));
        }
        if (!v.navigations().isEmpty()) {
            ObjectNode related = closed(props(
                    "type", constant("related"),
                    "via", described(enumOf(v.navigations()), v.navigationNotes()),
                    "where", ref("filter"),
                    "exists", type("boolean"),
                    "count", closed(props(
                            "op", enumOf(COUNT_OPERATORS),
                            "value", type("integer").put("minimum", 0)), "op", "value")),
                    "type", "via");
            related.set("oneOf", F.arrayNode().add(required("exists")).add(required("count")));
            shapes.add(related);
        }
        return union;
    }

    /** and, or and not over {@code self}, and {@code leaf}: the shared part of where and having. */
    private static ObjectNode logic(String self, ObjectNode leaf) {
        List<JsonNode> shapes = new ArrayList<>();
        shapes.add(closed(props("type", enumOf(List.of("and", "or")), "operands", arrayOf(ref(self))), "type", "operands"));
        shapes.add(closed(props("type", constant("not"), "operand", ref(self)), "type", "operand"));
        shapes.add(leaf);
        return oneOf(shapes);
    }

    /** A comparison; where narrows its field to the field enum, having leaves it free for aliases. */
    private static ObjectNode compare() {
        ObjectNode c = closed(props(
                "type", constant("compare"),
                "field", type("string"),
                "op", ref("op"),
                "value", described(F.objectNode(), "Array for between [low, high] and in; none for is_null"),
                "ignoreCase", type("boolean")), "type", "field", "op");
        ArrayNode all = c.putArray("allOf");
        all.add(ifThenElse(props("op", constant("is_null")),
                F.objectNode().set("not", required("value")),
                required("value")));
        all.add(ifThenElse(props("op", enumOf(List.of("between", "in"))),
                properties(props("value", arrayOf(ref("scalar")).put("minItems", 1))),
                properties(props("value", ref("scalar")))));
        all.add(F.objectNode()
                .<ObjectNode>set("if", properties(props("op", constant("between"))))
                .set("then", properties(props("value", F.objectNode().put("minItems", 2).put("maxItems", 2)))));
        return c;
    }

    /** The time ranges; two that differ only in their type share a shape, to keep the schema small. */
    private static ObjectNode ranges() {
        return oneOf(List.of(
                closed(props(
                        "type", enumOf(List.of("last", "next")),
                        "amount", type("integer").put("minimum", 0),
                        "unit", ref("unit")), "type", "amount", "unit"),
                closed(props(
                        "type", constant("calendar"),
                        "unit", ref("unit"),
                        "offset", described(type("integer"), "0 this (default), -1 last, 1 next")), "type", "unit"),
                closed(props("type", constant("rest_of"), "unit", ref("unit")), "type", "unit"),
                closed(props("type", enumOf(List.of("to_today", "from_today"))), "type"),
                closed(props("type", constant("between"), "from", ref("day"), "to", ref("day")), "type", "from", "to")));
    }

    private static JsonNode aggregate(SchemaVocabulary v, String pathDef) {
        ObjectNode function = closed(props(
                "fn", ref("fn"),
                "field", ref(pathDef),
                "value", described(ref("expr"), "Instead of field"),
                "where", described(ref("filter"), "Only records meeting it"),
                "p", described(type("number").put("minimum", 0).put("maximum", 1), "percentile's fraction"),
                "as", type("string")), "fn");
        // every function but count needs a field or value; the reader leaves that to the validator, a model needs it said
        function.set("if", properties(props("fn", F.objectNode().set("not", constant("count")))));
        function.set("then", F.objectNode().set("anyOf", F.arrayNode().add(required("field")).add(required("value"))));
        ObjectNode formula = closed(props("formula", described(ref("expr"), "Arithmetic over other columns ({column})"),
                "as", type("string")), "formula", "as");
        if (v.measures().isEmpty()) {
            return oneOf(List.of(function, formula));
        }
        ObjectNode measure = closed(props(
                "measure", described(enumOf(v.measures()), v.measureNotes()),
                "as", type("string")), "measure");
        return oneOf(List.of(function, measure, formula));
    }

    /** The expressions, each told apart by the property that names it. */
    private static ObjectNode expressions(SchemaVocabulary v, DataModel model) {
        List<JsonNode> shapes = new ArrayList<>(List.of(
                closed(props("field", ref(v.paths().isEmpty() ? "field" : "path")), "field"),
                closed(props("value", ref("scalar")), "value"),
                closed(props("column", described(type("string"), "A group key or aggregate alias")),
                        "column"),
                closed(props("today", constant(true)), "today"),
                closed(props("datePart", enumOf(Arrays.stream(DatePartName.values()).map(DatePartName::jsonName).toList()),
                        "of", ref("expr")), "datePart", "of"),
                closed(props("truncate", ref("unit"), "of", ref("expr")), "truncate", "of"),
                closed(props("daysBetween", ref("span")), "daysBetween"),
                closed(props("monthsBetween", ref("span")), "monthsBetween"),
                closed(props("yearsBetween", ref("span")), "yearsBetween"),
                closed(props("op", enumOf(List.of("+", "-", "*", "/")), "left", ref("expr"), "right", ref("expr")),
                        "op", "left", "right"),
                closed(props("coalesce", arrayOf(ref("expr")).put("minItems", 1)), "coalesce"),
                closed(props("query", ref("query")), "query")));
        List<String> vias = vias(model);
        if (!vias.isEmpty()) {
            shapes.add(closed(props(
                    "related", described(enumOf(vias), "Relationships followed, dotted for two hops"),
                    "fn", ref("fn"),
                    "value", ref("expr"),
                    "where", ref("filter")), "related", "fn"));
        }
        return oneOf(shapes);
    }

    /** The relationship names and two-hop paths ({@code doctor.treatments}) a related aggregate may follow. */
    private static List<String> vias(DataModel model) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (Entity e : model.entities()) {
            for (Navigation first : model.navigations(e.name()).values()) {
                out.add(first.name());
                for (Navigation second : model.navigations(first.to()).values()) {
                    out.add(first.name() + "." + second.name());
                }
            }
        }
        return List.copyOf(out);
    }

    // --- small builders of schema nodes

    private static ObjectNode closed(ObjectNode properties, String... required) {
        ObjectNode n = type("object");
        n.put("additionalProperties", false);
        if (required.length > 0) {
            n.setAll(required(required));
        }
        n.set("properties", properties);
        return n;
    }

    private static ObjectNode props(Object... namesAndSchemas) {
        ObjectNode n = F.objectNode();
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            n.set((String) namesAndSchemas[i], (JsonNode) namesAndSchemas[i + 1]);
        }
        return n;
    }

    private static ObjectNode required(String... names) {
        ArrayNode a = F.arrayNode();
        Arrays.stream(names).forEach(a::add);
        return F.objectNode().set("required", a);
    }

    private static ObjectNode ifThenElse(ObjectNode ifProperties, JsonNode then, JsonNode otherwise) {
        ObjectNode n = F.objectNode();
        n.set("if", properties(ifProperties));
        n.set("then", then);
        n.set("else", otherwise);
        return n;
    }

    private static ObjectNode properties(ObjectNode properties) {
        return F.objectNode().set("properties", properties);
    }

    private static ObjectNode ref(String definition) {
        return F.objectNode().put("$ref", "#/$defs/" + definition);
    }

    private static ObjectNode constant(String value) {
        return F.objectNode().put("const", value);
    }

    private static ObjectNode constant(boolean value) {
        return F.objectNode().put("const", value);
    }

    private static ObjectNode type(String type) {
        return F.objectNode().put("type", type);
    }

    private static ObjectNode type(ArrayNode types) {
        return F.objectNode().set("type", types);
    }

    private static ObjectNode enumOf(Collection<String> values) {
        ArrayNode a = F.arrayNode();
        values.forEach(a::add);
        return F.objectNode().set("enum", a);
    }

    private static ObjectNode arrayOf(JsonNode items) {
        return type("array").set("items", items);
    }

    private static ObjectNode oneOf(List<JsonNode> shapes) {
        return F.objectNode().set("oneOf", F.arrayNode().addAll(shapes));
    }

    private static ObjectNode anyOf(List<JsonNode> shapes) {
        return F.objectNode().set("anyOf", F.arrayNode().addAll(shapes));
    }

    private static ObjectNode described(ObjectNode schema, String description) {
        if (!description.isEmpty()) {
            schema.put("description", description);
        }
        return schema;
    }
}
