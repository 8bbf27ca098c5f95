package io.promoagent.core.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.core.tool.ToolDescriptor;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the planner reads from a write or send tool's descriptor, once: the entity it is about, the verbs
 * that call it, and for each parameter what kind of value fills it and the words that point at it.
 *
 * <p>Conventions (see docs/planner.md): the tool's {@code keywords} and the words of its name are its
 * verbs; it is about the entity its name names ({@code create_promotion}) unless the schema says
 * {@code "x-entity"}; a parameter named after a field of that entity takes the field's synonyms and enum
 * value synonyms; {@code *_rule} or {@code "format": "rule"} takes a rule name; an object parameter with
 * {@code "format": "filter"} (or named {@code audience}, {@code recipients}, {@code where}, {@code filter})
 * takes a condition in the query IR; {@code <entity>_<field>} or {@code "x-references": "entity.field"}
 * names an existing record; {@code "format": "date"} or {@code *_at}/{@code *_date} takes a date; enum
 * values may list more words in {@code "x-synonyms"}.
 */
final class ToolProfile {

    /** The kind of value a parameter takes. */
    enum Kind { ENUM, NUMBER, DATE, RULE, FILTER, RECIPIENTS, REFERENCE, IDENT, TEXT, BOOLEAN, OTHER }

    /**
     * One parameter.
     *
     * @param name       its name
     * @param kind       the kind of value
     * @param schema     its schema
     * @param required   whether the tool needs it
     * @param vocabulary stems of words that point at it
     * @param field      the data model field it mirrors, if any
     * @param entity     the entity its records or condition are about (filters, references)
     * @param valueWords for an enum: each value with the stems and roots that mean it
     * @param end        for a date: whether it ends something
     * @param specials   values in quotes in its description that stand for something ('newest')
     */
    record Slot(String name, Kind kind, ObjectNode schema, boolean required, Set<String> vocabulary,
                Optional<Field> field, Optional<Entity> entity, Map<String, Set<String>> valueWords, boolean end,
                Set<String> specials) {
    }

    private static final Set<String> END_WORDS = Set.of("end", "ends", "until", "expire", "expires", "expiry",
            "expiration", "till", "through", "finish", "stop", "last", "to");
    private static final Set<String> CREATE_WORDS = Set.of("create", "add", "new", "make", "insert", "register", "launch");
    private static final Set<String> FILTER_NAMES = Set.of("audience", "recipients", "where", "filter", "to", "segment");
    private static final java.util.regex.Pattern QUOTED = java.util.regex.Pattern.compile("'([A-Za-z_]+)'");

    final ToolDescriptor descriptor;
    final Optional<Entity> entity;
    final boolean creates;
    final Set<String> keywords = new HashSet<>();
    /** Words that call the tool by naming a value of an enum parameter: the value itself and x-synonyms. */
    final Set<String> valueVerbs = new HashSet<>();
    /** The enum values themselves, as stems. */
    final Set<String> enumValues = new HashSet<>();
    final List<Slot> slots = new ArrayList<>();

    ToolProfile(ToolDescriptor d, ModelFacts facts) {
        this.descriptor = d;
        ObjectNode schema = d.parameters();
        List<String> nameWords = List.of(d.name().toLowerCase(Locale.ROOT).split("[_\\-]+"));
        d.keywords().forEach(k -> keywords.add(Words.key(k)));
        nameWords.forEach(w -> keywords.add(Words.key(w)));
        this.creates = CREATE_WORDS.contains(nameWords.get(0));
        Optional<Entity> about = entityAt(schema.path("x-entity").asText(null), facts);
        if (about.isEmpty()) {
            about = entityNamedIn(nameWords, facts);
        }
        this.entity = about;
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isObject()) {
                slots.add(slot(e.getKey(), (ObjectNode) e.getValue(), required.contains(e.getKey()), nameWords, facts));
            }
        }
    }

    private Slot slot(String name, ObjectNode s, boolean required, List<String> toolWords, ModelFacts facts) {
        String type = s.path("type").asText("");
        String format = s.path("format").asText("");
        List<String> words = List.of(name.toLowerCase(Locale.ROOT).split("_+"));
        Optional<Field> field = entity.flatMap(e -> e.field(name));
        Optional<Entity> target = entity;
        String refs = s.path("x-references").asText("");
        if (!refs.isEmpty() && refs.contains(".")) {
            target = entityAt(refs.substring(0, refs.indexOf('.')), facts);
            field = target.flatMap(e -> e.field(refs.substring(refs.indexOf('.') + 1)));
        } else if (field.isEmpty() && words.size() > 1) {
            Optional<Entity> named = entityNamedIn(List.of(words.get(0)), facts);
            String rest = name.substring(name.indexOf('_') + 1);
            if (named.isPresent() && named.get().field(rest).isPresent()) {
                target = named;
                field = named.get().field(rest);
            }
        }
        Set<String> vocabulary = new HashSet<>();
        words.forEach(w -> vocabulary.add(Words.singular(Words.key(w))));
        field.ifPresent(f -> f.synonyms().forEach(syn -> {
            for (String w : syn.split("[ _]+")) {
                vocabulary.add(Words.singular(Words.key(w)));
            }
        }));
        vocabulary.removeAll(Set.of("of", "the", "at", "a", "per", "on", "to"));
        Kind kind;
        Map<String, Set<String>> valueWords = new LinkedHashMap<>();
        Optional<Entity> namedEntity = words.size() == 1 && field.isEmpty() ? entityNamedIn(words, facts) : Optional.empty();
        if (type.equals("object") || format.equals("filter")) {
            kind = format.equals("filter") || FILTER_NAMES.contains(name) || s.has("x-entity") ? Kind.FILTER : Kind.OTHER;
            target = audienceEntity(s, words, toolWords, facts);
        } else if (type.equals("array") && s.path("items").path("type").asText("").equals("string")
                && (FILTER_NAMES.contains(name) || name.endsWith("_ids") || s.has("x-entity"))) {
            // "to": the records the call is for, listed by key (or, for people, e-mail address)
            kind = Kind.RECIPIENTS;
            target = audienceEntity(s, words, toolWords, facts);
        } else if (type.equals("string") && !s.has("enum") && namedEntity.isPresent() && refs.isEmpty()) {
            // "promotion": a record of the entity it is named after, by the identifier its description names
            kind = Kind.REFERENCE;
            target = namedEntity;
            String description = s.path("description").asText("").toLowerCase(Locale.ROOT);
            field = facts.identifierFields(namedEntity.get()).stream()
                    .filter(f -> description.contains(f.name().replace('_', ' '))).findFirst()
                    .or(() -> Optional.of(namedEntity.get().keyField()));
        } else if (s.has("enum") && allRules(s.path("enum"), facts)) {
            kind = Kind.RULE;
        } else if (s.has("enum")) {
            kind = Kind.ENUM;
            for (JsonNode v : s.path("enum")) {
                valueWords.put(v.asText(), valueWords(v.asText(), s, field));
                valueVerbs.addAll(valueWords(v.asText(), s, Optional.empty()));
                enumValues.add(Words.singular(Words.key(v.asText())));
            }
        } else if (type.equals("string") && (name.endsWith("_rule") || name.equals("rule") || format.equals("rule"))) {
            kind = Kind.RULE;
        } else if (type.equals("string") && (format.startsWith("date") || name.endsWith("_at") || name.endsWith("_date")
                || name.endsWith("_on"))) {
            kind = Kind.DATE;
        } else if (type.equals("string") && (s.has("pattern") || name.endsWith("code") || name.endsWith("id")
                || !refs.isEmpty())) {
            boolean existing = !refs.isEmpty() || !target.equals(entity)
                    || (!creates && field.isPresent() && target.isPresent()
                    && facts.identifierFields(target.get()).contains(field.get()));
            kind = existing ? Kind.REFERENCE : Kind.IDENT;
        } else if (type.equals("number") || type.equals("integer")) {
            kind = Kind.NUMBER;
        } else if (type.equals("boolean")) {
            kind = Kind.BOOLEAN;
        } else if (type.equals("string")) {
            kind = Kind.TEXT;
        } else {
            kind = Kind.OTHER;
        }
        boolean end = false;
        for (String w : vocabulary) {
            end |= END_WORDS.contains(w);
        }
        Set<String> specials = new HashSet<>();
        java.util.regex.Matcher m = QUOTED.matcher(s.path("description").asText(""));
        while (m.find()) {
            specials.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return new Slot(name, kind, s, required, vocabulary, field, target, valueWords, end, specials);
    }

    /** The entity an audience is of: {@code x-entity}, the entity its name names, or the one the tool's name points at. */
    private Optional<Entity> audienceEntity(ObjectNode s, List<String> words, List<String> toolWords, ModelFacts facts) {
        return entityAt(s.path("x-entity").asText(null), facts).or(() -> entityNamedIn(words, facts))
                .or(() -> entityWithField(toolWords, facts)).or(() -> entity);
    }

    /** The words that mean an enum value: its own, the mirrored field's value synonyms, {@code x-synonyms}. */
    private static Set<String> valueWords(String value, ObjectNode s, Optional<Field> field) {
        List<String> phrases = new ArrayList<>();
        phrases.add(value.replace('_', ' '));
        field.ifPresent(f -> {
            for (EnumValue v : f.values()) {
                if (v.value().equalsIgnoreCase(value)) {
                    phrases.addAll(v.synonyms());
                }
            }
        });
        s.path("x-synonyms").path(value).forEach(n -> phrases.add(n.asText()));
        phrases.addAll(describedAs(value, s.path("description").asText("")));
        Set<String> out = new HashSet<>();
        for (String p : phrases) {
            String key = String.join(" ", List.of(p.toLowerCase(Locale.ROOT).split("[ _]+")).stream()
                    .map(w -> Words.singular(Words.key(w))).toList());
            out.add(key);
            if (!key.contains(" ")) {
                out.add("root:" + Words.root(key));
            }
        }
        return out;
    }

    /**
     * The verbs an enum's description gives a value: "paused to pause, active to resume or activate" gives
     * active the words resume and activate; "percent: a percentage off" gives percent "percentage".
     */
    static List<String> describedAs(String value, String description) {
        List<String> out = new ArrayList<>();
        for (String part : description.split("[,;.]")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            String v = value.toLowerCase(Locale.ROOT);
            if (!p.startsWith(v + " to ") && !p.startsWith(v + ":")) {
                continue;
            }
            String rest = p.substring(v.length() + (p.startsWith(v + ":") ? 1 : 4)).strip();
            for (String w : rest.split(" or |\\s+and\\s+")) {
                for (String word : w.strip().split("\\s+")) {
                    if (!word.isEmpty() && !Grammar.isFunctionWord(word)) {
                        out.add(word);
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static boolean allRules(JsonNode values, ModelFacts facts) {
        for (JsonNode v : values) {
            if (facts.model.rule(v.asText()).isEmpty()) {
                return false;
            }
        }
        return values.size() > 0;
    }

    private static Optional<Entity> entityAt(String name, ModelFacts facts) {
        return name == null ? Optional.empty() : facts.model.entity(name);
    }

    /** The entity one of {@code words} names, by name or synonym, singular or plural. */
    static Optional<Entity> entityNamedIn(List<String> words, ModelFacts facts) {
        for (String w : words) {
            String stem = Words.singular(Words.key(w));
            for (Entity e : facts.model.entities()) {
                if (Words.singular(Words.key(e.name())).equals(stem)
                        || e.synonyms().stream().anyMatch(s -> Words.singular(Words.key(s)).equals(stem))) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** The entity with a field one of {@code words} names: {@code send_email} is about who has an e-mail. */
    private static Optional<Entity> entityWithField(List<String> words, ModelFacts facts) {
        for (String w : words) {
            for (Entity e : facts.model.entities()) {
                if (e.field(w).isPresent()) {
                    return Optional.of(e);
                }
            }
        }
        return Optional.empty();
    }

    /** Whether {@code rule} may go into a rule parameter: one of its enum values, or any rule. */
    boolean accepts(Slot slot, Rule rule) {
        JsonNode values = slot.schema().path("enum");
        if (!values.isArray() || values.isEmpty()) {
            return true;
        }
        for (JsonNode v : values) {
            if (v.asText().equals(rule.name())) {
                return true;
            }
        }
        return false;
    }
}
