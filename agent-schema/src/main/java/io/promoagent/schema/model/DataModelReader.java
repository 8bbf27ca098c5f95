package io.promoagent.schema.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.promoagent.schema.AgentException;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.validate.InvalidQueryException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Turns the tree of a YAML data model into a {@link DataModel}, failing with the path of any problem. */
final class DataModelReader {

    DataModel read(JsonNode root) {
        object(root, "$");
        keys(root, "", "sources", "entities", "relationships", "rules", "measures", "vocabulary");
        DataModel.Builder b = DataModel.builder();
        for (Item s : items(root, "sources", true)) {
            keys(s.node, s.path, "id", "kind");
            b.source(text(s.node, "id", s.path), text(s.node, "kind", s.path));
        }
        for (Item e : items(root, "entities", true)) {
            b.entity(entity(e.node, e.path));
        }
        for (Item r : items(root, "relationships", false)) {
            b.relationship(relationship(r.node, r.path));
        }
        for (Item r : items(root, "rules", false)) {
            b.rule(rule(r.node, r.path));
        }
        for (Item m : items(root, "measures", false)) {
            b.measure(measure(m.node, m.path));
        }
        for (Item v : items(root, "vocabulary", false)) {
            b.phrase(phrase(v.node, v.path));
        }
        return b.build();
    }

    private Entity entity(JsonNode n, String path) {
        keys(n, path, "name", "source", "table", "description", "synonyms", "key", "indexes", "fields");
        String name = text(n, "name", path);
        JsonNode key = required(n, "key", path);
        object(key, path + ".key");
        keys(key, path + ".key", "partition", "sort");
        Entity.Builder b = Entity.builder(name)
                .source(text(n, "source", path))
                .table(optionalText(n, "table", path).orElse(name))
                .description(optionalText(n, "description", path).orElse(""))
                .synonyms(words(n, "synonyms", path).toArray(String[]::new));
        Optional<String> sort = optionalText(key, "sort", path + ".key");
        String partition = text(key, "partition", path + ".key");
        if (sort.isPresent()) {
            b.key(partition, sort.get());
        } else {
            b.key(partition);
        }
        for (Item i : items(n, "indexes", false, path)) {
            keys(i.node, i.path, "name", "partition", "sort");
            Optional<String> s = optionalText(i.node, "sort", i.path);
            b.index(new Index(text(i.node, "name", i.path),
                    new Key(text(i.node, "partition", i.path), s)));
        }
        for (Item f : items(n, "fields", true, path)) {
            b.field(field(f.node, f.path));
        }
        return b.build();
    }

    private Field field(JsonNode n, String path) {
        keys(n, path, "name", "type", "label", "description", "synonyms", "visibility", "values", "bucket", "column");
        String name = text(n, "name", path);
        FieldType type = enumValue(FieldType.class, text(n, "type", path), path + ".type");
        Visibility visibility = optionalText(n, "visibility", path)
                .map(v -> enumValue(Visibility.class, v, path + ".visibility")).orElse(Visibility.MODEL);
        List<EnumValue> values = new ArrayList<>();
        for (Item v : items(n, "values", false, path)) {
            if (v.node.isObject()) {
                keys(v.node, v.path, "value", "synonyms");
                values.add(new EnumValue(text(v.node, "value", v.path), words(v.node, "synonyms", v.path)));
            } else if (v.node.isTextual() || v.node.isNumber() || v.node.isBoolean()) {
                values.add(new EnumValue(v.node.asText(), List.of()));
            } else {
                throw new DataModelException(v.path, "an enum value is a string or {value, synonyms}");
            }
        }
        Optional<Bucket> bucket = Optional.empty();
        if (n.has("bucket")) {
            JsonNode bn = n.get("bucket");
            object(bn, path + ".bucket");
            keys(bn, path + ".bucket", "of", "unit");
            String unit = text(bn, "unit", path + ".bucket");
            bucket = Optional.of(new Bucket(text(bn, "of", path + ".bucket"), CalendarUnit.parse(unit)
                    .orElseThrow(() -> new DataModelException(path + ".bucket.unit",
                            "unknown unit '" + unit + "'; one of day, week, month, quarter, year"))));
        }
        return new Field(name, type, optionalText(n, "description", path).orElse(""), words(n, "synonyms", path),
                visibility, values, bucket, optionalText(n, "column", path), optionalText(n, "label", path).orElse(null));
    }

    private Relationship relationship(JsonNode n, String path) {
        keys(n, path, "name", "from", "to", "cardinality", "inverse");
        String[] from = endpoint(text(n, "from", path), path + ".from");
        String[] to = endpoint(text(n, "to", path), path + ".to");
        Cardinality c = optionalText(n, "cardinality", path)
                .map(v -> enumValue(Cardinality.class, v, path + ".cardinality")).orElse(Cardinality.MANY_TO_ONE);
        return new Relationship(text(n, "name", path), from[0], from[1], to[0], to[1], c,
                optionalText(n, "inverse", path));
    }

    private static String[] endpoint(String s, String path) {
        String[] parts = s.split("\\.");
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new DataModelException(path, "expected entity.field, got '" + s + "'");
        }
        return parts;
    }

    private Rule rule(JsonNode n, String path) {
        keys(n, path, "name", "entity", "description", "synonyms", "parameters", "where");
        List<RuleParameter> params = new ArrayList<>();
        for (Item p : items(n, "parameters", false, path)) {
            keys(p.node, p.path, "name", "type", "default");
            FieldType type = enumValue(FieldType.class, text(p.node, "type", p.path), p.path + ".type");
            Optional<Object> def = Optional.empty();
            if (p.node.has("default")) {
                JsonNode d = p.node.get("default");
                if (d.isNumber()) {
                    def = Optional.of(d.decimalValue());
                } else if (d.isBoolean()) {
                    def = Optional.of(d.booleanValue());
                } else if (d.isTextual()) {
                    def = Optional.of(d.textValue());
                } else {
                    throw new DataModelException(p.path + ".default", "a default is a number, string or boolean");
                }
            }
            params.add(new RuleParameter(text(p.node, "name", p.path), type, def));
        }
        JsonNode where = required(n, "where", path);
        return new Rule(text(n, "name", path), text(n, "entity", path),
                optionalText(n, "description", path).orElse(""), words(n, "synonyms", path), params, where.toString());
    }

    private Measure measure(JsonNode n, String path) {
        keys(n, path, "name", "entity", "description", "synonyms", "aggregate", "expression");
        boolean agg = n.has("aggregate");
        boolean expr = n.has("expression");
        if (agg == expr) {
            throw new DataModelException(path, "a measure has either aggregate or expression");
        }
        MeasureExpression e = agg ? aggregation(n.get("aggregate"), path + ".aggregate")
                : MeasureExpressionParser.parse(text(n, "expression", path), path + ".expression");
        return new Measure(text(n, "name", path), text(n, "entity", path),
                optionalText(n, "description", path).orElse(""), words(n, "synonyms", path), e);
    }

    private MeasureExpression aggregation(JsonNode n, String path) {
        object(n, path);
        keys(n, path, "fn", "field", "where");
        String fn = text(n, "fn", path);
        AggregateFunction f = AggregateFunction.parse(fn).orElseThrow(() -> new DataModelException(path + ".fn",
                "unknown function '" + fn + "'; one of count, count_distinct, sum, avg, min, max"));
        Optional<Filter> where = Optional.empty();
        if (n.has("where")) {
            try {
                where = Optional.of(QueryJson.readFilter(n.get("where"), "where"));
            } catch (InvalidQueryException ex) {
                throw new DataModelException(path + ".where", ex.getMessage());
            }
        }
        return new MeasureExpression.Aggregation(f, optionalText(n, "field", path), where);
    }

    /** {@code {phrase: "big spenders", means: {rule: vip}}}: one kind of meaning, by name. */
    private Phrase phrase(JsonNode n, String path) {
        keys(n, path, "phrase", "means");
        JsonNode means = required(n, "means", path);
        String mp = path + ".means";
        object(means, mp);
        List<String> kinds = Arrays.stream(Phrase.Kind.values()).map(Phrase.Kind::key).toList();
        keys(means, mp, kinds.toArray(String[]::new));
        if (means.size() != 1) {
            throw new DataModelException(mp, "'means' names one thing: one of " + String.join(", ", kinds));
        }
        String kind = means.fieldNames().next();
        return new Phrase(text(n, "phrase", path), enumValue(Phrase.Kind.class, kind, mp), text(means, kind, mp));
    }

    // ---- small strict accessors ----

    private record Item(JsonNode node, String path) {
    }

    private List<Item> items(JsonNode n, String name, boolean required) {
        return items(n, name, required, "");
    }

    private List<Item> items(JsonNode n, String name, boolean required, String parent) {
        String path = parent.isEmpty() ? name : parent + "." + name;
        JsonNode a = n.get(name);
        if (a == null || a.isNull()) {
            if (required) {
                throw new DataModelException(path, "'" + name + "' is required");
            }
            return List.of();
        }
        if (!a.isArray()) {
            throw new DataModelException(path, "'" + name + "' is a list");
        }
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            JsonNode e = a.get(i);
            String p = path + "[" + i + "]";
            if (!name.equals("values")) {
                object(e, p);
            }
            out.add(new Item(e, p));
        }
        return out;
    }

    private static void object(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new DataModelException(path, "expected a mapping");
        }
    }

    private static void keys(JsonNode n, String path, String... allowed) {
        Set<String> ok = new TreeSet<>(Arrays.asList(allowed));
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!ok.contains(k)) {
                List<String> close = io.promoagent.schema.validate.Suggestions.rank(k, ok);
                throw new DataModelException(path.isEmpty() ? k : path + "." + k, "unknown key '" + k + "'"
                        + (close.isEmpty() ? "; allowed: " + String.join(", ", ok) : "; did you mean '" + close.get(0) + "'?"));
            }
        }
    }

    private static JsonNode required(JsonNode n, String name, String path) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new DataModelException(path.isEmpty() ? name : path + "." + name, "'" + name + "' is required");
        }
        return v;
    }

    private static String text(JsonNode n, String name, String path) {
        JsonNode v = required(n, name, path);
        if (!v.isTextual() || v.textValue().isBlank()) {
            throw new DataModelException(path + "." + name, "'" + name + "' is a non-empty string");
        }
        return v.textValue();
    }

    private static Optional<String> optionalText(JsonNode n, String name, String path) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new DataModelException(path + "." + name, "'" + name + "' is a string");
        }
        return Optional.of(v.textValue());
    }

    private static List<String> words(JsonNode n, String name, String path) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new DataModelException(path + "." + name, "'" + name + "' is a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new DataModelException(path + "." + name + "[" + i + "]", "expected a string");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String path) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList();
            throw new DataModelException(path, "unknown value '" + value + "'; one of " + String.join(", ", names));
        }
    }

    static BigDecimal number(String s, String path) {
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new DataModelException(path, "'" + s + "' is not a number");
        }
    }

}
