package io.promoagent.core.orchestrator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a tool specification in the {@link ToolSchemaStyle#COMPACT} style the way a model has to, from what
 * is sent alone (the parameters, and the Definitions in the description), and checks JSON arguments against
 * it: the evidence that the compact text still says how to write a value. Objects are closed, as the schema
 * they come from; comments ({@code // ...}, {@code /* ... *}{@code /}) are prose for the model and not checked.
 * It records which alternative of each definition a checked value took.
 */
final class CompactNotation {

    /** A type of the notation. */
    sealed interface Type permits Named, Literal, Union, Intersection, ArrayOf, ObjectType, Omit {
    }

    record Named(String name) implements Type {
    }

    record Literal(Object value) implements Type {
    }

    record Union(List<Type> branches) implements Type {
    }

    record Intersection(List<Type> parts) implements Type {
    }

    record ArrayOf(Type items) implements Type {
    }

    record ObjectType(Map<String, Type> members, Set<String> required) implements Type {
    }

    record Omit(Type of, Set<String> left) implements Type {
    }

    static final String INPUT = CompactSchemas.INPUT;

    private final Map<String, Type> definitions = new LinkedHashMap<>();
    private final Set<String> used = new LinkedHashSet<>();

    private CompactNotation() {
    }

    /** The notation of a compact specification: its Definitions and, as {@code Input}, its parameters. */
    static CompactNotation of(ToolSpecification spec) {
        CompactNotation n = new CompactNotation();
        String[] lines = spec.description().split("\n");
        boolean inDefinitions = false;
        for (String line : lines) {
            if (line.startsWith("Definitions")) {
                inDefinitions = true;
            } else if (inDefinitions) {
                int eq = line.indexOf(" = ");
                n.definitions.put(line.substring(0, eq), new Parser(line.substring(eq + 3)).parseAll());
            }
        }
        n.definitions.put(INPUT, n.fromParameters(spec.parameters()));
        return n;
    }

    Map<String, Type> definitions() {
        return definitions;
    }

    /** The alternatives taken so far, as {@code definition#index} (1-based) for definitions that are unions. */
    Set<String> used() {
        return used;
    }

    /** The problems of {@code value} as an {@code Input}; empty when it fits. */
    List<String> problems(JsonNode value) {
        List<String> problems = new ArrayList<>();
        check(value, new Named(INPUT), "$", problems);
        return problems;
    }

    private boolean check(JsonNode v, Type t, String path, List<String> problems) {
        List<String> mine = new ArrayList<>();
        boolean ok = fits(v, t, path, mine);
        if (!ok) {
            problems.addAll(mine.isEmpty() ? List.of(path + ": not a " + t) : mine);
        }
        return ok;
    }

    private boolean fits(JsonNode v, Type t, String path, List<String> problems) {
        if (t instanceof Named n) {
            return named(v, n.name(), path, problems);
        }
        if (t instanceof Literal l) {
            return l.value() instanceof String text ? v.isTextual() && v.textValue().equals(text)
                    : l.value() instanceof Boolean b ? v.isBoolean() && v.booleanValue() == b
                    : v.isNumber() && v.decimalValue().compareTo(new java.math.BigDecimal(l.value().toString())) == 0;
        }
        if (t instanceof Union u) {
            for (Type b : u.branches()) {
                if (fits(v, b, path, new ArrayList<>())) {
                    return true;
                }
            }
            problems.add(path + ": " + v + " is none of " + u.branches().size() + " alternatives");
            return false;
        }
        if (t instanceof Intersection i) {
            return fits(v, merged(i), path, problems);
        }
        if (t instanceof ArrayOf a) {
            if (!v.isArray()) {
                problems.add(path + ": not an array");
                return false;
            }
            boolean all = true;
            for (int k = 0; k < v.size(); k++) {
                all &= check(v.get(k), a.items(), path + "[" + k + "]", problems);
            }
            return all;
        }
        if (t instanceof ObjectType o) {
            return object(v, o, path, problems);
        }
        Omit o = (Omit) t;
        ObjectType base = (ObjectType) resolve(o.of());
        Map<String, Type> members = new LinkedHashMap<>(base.members());
        members.keySet().removeAll(o.left());
        Set<String> required = new LinkedHashSet<>(base.required());
        required.removeAll(o.left());
        return object(v, new ObjectType(members, required), path, problems);
    }

    private boolean named(JsonNode v, String name, String path, List<String> problems) {
        switch (name) {
            case "string":
                return v.isTextual();
            case "number":
                return v.isNumber();
            case "integer":
                return v.isIntegralNumber();
            case "boolean":
                return v.isBoolean();
            case "any":
                return true;
            case "object":
                return v.isObject();
            default:
                Type t = definitions.get(name);
                if (t == null) {
                    problems.add(path + ": '" + name + "' is defined nowhere in what the model is sent");
                    return false;
                }
                if (t instanceof Union u) {
                    for (int k = 0; k < u.branches().size(); k++) {
                        if (fits(v, u.branches().get(k), path, new ArrayList<>())) {
                            used.add(name + "#" + (k + 1));
                            return true;
                        }
                    }
                    // say why against each alternative of the same shape, to point at the property at fault
                    for (Type b : u.branches()) {
                        fits(v, b, path, problems);
                    }
                    return false;
                }
                return fits(v, t, path, problems);
        }
    }

    private boolean object(JsonNode v, ObjectType o, String path, List<String> problems) {
        if (!v.isObject()) {
            problems.add(path + ": not an object");
            return false;
        }
        boolean ok = true;
        for (String r : o.required()) {
            if (!v.has(r)) {
                problems.add(path + ": '" + r + "' is required");
                ok = false;
            }
        }
        for (var it = v.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            Type member = o.members().get(k);
            if (member == null) {
                problems.add(path + ": no property '" + k + "'");
                ok = false;
            } else {
                ok &= check(v.get(k), member, path + "." + k, problems);
            }
        }
        return ok;
    }

    private Type resolve(Type t) {
        while (t instanceof Named n && definitions.containsKey(n.name())) {
            t = definitions.get(n.name());
        }
        return t instanceof Intersection i ? merged(i) : t;
    }

    /** An intersection of object types: their members, the later ones narrowing the earlier. */
    private ObjectType merged(Intersection i) {
        Map<String, Type> members = new LinkedHashMap<>();
        Set<String> required = new LinkedHashSet<>();
        for (Type part : i.parts()) {
            ObjectType o = (ObjectType) resolve(part);
            members.putAll(o.members());
            required.addAll(o.required());
        }
        return new ObjectType(members, required);
    }

    /** The parameters as a model reads them: a placeholder's description begins with the definition's name. */
    private Type fromParameters(JsonSchemaElement e) {
        String description = e.description() == null ? "" : e.description();
        String named = description.split("[: ]", 2)[0];
        if (named.endsWith("[]") && e instanceof JsonArraySchema) {
            return new ArrayOf(new Named(named.substring(0, named.length() - 2)));
        }
        if (e instanceof JsonObjectSchema o) {
            if (o.properties() == null || o.properties().isEmpty()) {
                return definitions.containsKey(named) ? new Named(named) : new Named("object");
            }
            Map<String, Type> members = new LinkedHashMap<>();
            o.properties().forEach((k, p) -> members.put(k, fromParameters(p)));
            return new ObjectType(members, o.required() == null ? Set.of() : new LinkedHashSet<>(o.required()));
        }
        if (e instanceof JsonEnumSchema en) {
            return new Union(en.enumValues().stream().<Type>map(Literal::new).toList());
        }
        if (e instanceof JsonArraySchema a) {
            return new ArrayOf(a.items() == null ? new Named("any") : fromParameters(a.items()));
        }
        if (e instanceof JsonStringSchema) {
            return definitions.containsKey(named) ? new Named(named) : new Named("string");
        }
        if (e instanceof JsonIntegerSchema) {
            return new Named("integer");
        }
        if (e instanceof JsonNumberSchema) {
            return new Named("number");
        }
        return e instanceof JsonBooleanSchema ? new Named("boolean") : new Named("any");
    }

    /** A recursive-descent parser of one definition's notation. */
    private static final class Parser {
        private final String s;
        private int i;

        Parser(String text) {
            this.s = text;
        }

        Type parseAll() {
            Type t = union();
            skip();
            if (s.startsWith("//", i)) {
                i = s.length();
            }
            if (i != s.length()) {
                throw new IllegalArgumentException("unexpected '" + s.substring(i) + "' in: " + s);
            }
            return t;
        }

        private Type union() {
            List<Type> branches = new ArrayList<>(List.of(intersection()));
            while (peek('|')) {
                i++;
                branches.add(intersection());
            }
            return branches.size() == 1 ? branches.get(0) : new Union(branches);
        }

        private Type intersection() {
            List<Type> parts = new ArrayList<>(List.of(postfix()));
            while (peek('&')) {
                i++;
                parts.add(postfix());
            }
            return parts.size() == 1 ? parts.get(0) : new Intersection(parts);
        }

        private Type postfix() {
            Type t = primary();
            while (s.startsWith("[]", i)) {
                i += 2;
                t = new ArrayOf(t);
            }
            return t;
        }

        private Type primary() {
            skip();
            char c = s.charAt(i);
            if (c == '(') {
                i++;
                Type t = union();
                expect(')');
                return t;
            }
            if (c == '{') {
                return object();
            }
            if (c == '\'') {
                return new Literal(quoted());
            }
            String word = word();
            if (word.equals("Omit")) {
                expect('<');
                String of = word();
                expect(',');
                Set<String> left = new LinkedHashSet<>();
                do {
                    skip();
                    left.add(quoted());
                    skip();
                } while (s.charAt(i) == '|' && i++ >= 0);
                expect('>');
                return new Omit(new Named(of), left);
            }
            if (word.equals("true") || word.equals("false")) {
                return new Literal(Boolean.parseBoolean(word));
            }
            if (Character.isDigit(word.charAt(0)) || word.charAt(0) == '-') {
                return new Literal(word);
            }
            return new Named(word);
        }

        private ObjectType object() {
            expect('{');
            Map<String, Type> members = new LinkedHashMap<>();
            Set<String> required = new LinkedHashSet<>();
            skip();
            if (s.charAt(i) == '}') {
                i++;
                return new ObjectType(members, required);
            }
            do {
                String key = word();
                boolean optional = s.charAt(i) == '?';
                if (optional) {
                    i++;
                }
                expect(':');
                members.put(key, union());
                if (!optional) {
                    required.add(key);
                }
                skip();
            } while (s.charAt(i) == ',' && i++ >= 0);
            expect('}');
            return new ObjectType(members, required);
        }

        private String quoted() {
            expect('\'');
            StringBuilder out = new StringBuilder();
            while (s.charAt(i) != '\'') {
                if (s.charAt(i) == '\\') {
                    i++;
                }
                out.append(s.charAt(i++));
            }
            i++;
            return out.toString();
        }

        private String word() {
            skip();
            int start = i;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || "_-.".indexOf(s.charAt(i)) >= 0)) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("a name expected at '" + s.substring(i) + "' in: " + s);
            }
            return s.substring(start, i);
        }

        private boolean peek(char c) {
            skip();
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c) {
            skip();
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("'" + c + "' expected at '" + s.substring(Math.min(i, s.length()))
                        + "' in: " + s);
            }
            i++;
        }

        /** Skips blanks and block comments, which are prose for the model. */
        private void skip() {
            while (i < s.length()) {
                if (Character.isWhitespace(s.charAt(i))) {
                    i++;
                } else if (s.startsWith("/*", i)) {
                    i = s.indexOf("*/", i) + 2;
                } else {
                    return;
                }
            }
        }
    }
}
