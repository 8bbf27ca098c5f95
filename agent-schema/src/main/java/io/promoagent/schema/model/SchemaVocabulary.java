package io.promoagent.schema.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The names of one data model that its query schema lists, and the one-line notes that tell a model
 * what they mean. Hidden fields are left out entirely; of a {@code ui} field only the name is kept.
 *
 * @param entities    the entity names
 * @param fields      the names of the fields of every entity that a query may name
 * @param dateFields  those of them that are dates or timestamps
 * @param paths       {@code navigation.field} through to-one relationships ({@code customer.segment}), for
 *                    grouping
 * @param rules       the rule names
 * @param parameters  the parameter names of every rule
 * @param measures    the measure names
 * @param navigations the relationship names a related condition may follow, from any entity
 */
record SchemaVocabulary(
        List<String> entities,
        List<String> fields,
        List<String> dateFields,
        List<String> paths,
        List<String> rules,
        List<String> parameters,
        List<String> measures,
        List<String> navigations,
        String entityNotes,
        String fieldNotes,
        String ruleNotes,
        String measureNotes,
        String navigationNotes) {

    /** Notes taken from the model's own descriptions are cut to this many characters. */
    static final int MAX_NOTE = 70;

    static SchemaVocabulary of(DataModel model) {
        Set<String> fields = new LinkedHashSet<>();
        Set<String> dateFields = new LinkedHashSet<>();
        Set<String> paths = new LinkedHashSet<>();
        Set<String> navigations = new LinkedHashSet<>();
        List<String> entityNotes = new ArrayList<>();
        List<String> fieldNotes = new ArrayList<>();
        List<String> navigationNotes = new ArrayList<>();
        for (Entity e : model.entities()) {
            entityNotes.add(note(e.name(), e.description()));
            List<String> described = new ArrayList<>();
            for (Field f : queryable(e)) {
                fields.add(f.name());
                if (f.type().isTemporal()) {
                    dateFields.add(f.name());
                }
                described.add(describe(f));
            }
            fieldNotes.add(e.name() + ": " + String.join(", ", described));
            for (Navigation n : model.navigations(e.name()).values()) {
                navigations.add(n.name());
                navigationNotes.add(n.name() + ": " + n.from() + " -> " + n.to() + (n.toMany() ? " (many)" : " (one)"));
                if (!n.toMany()) {
                    model.requireEntity(n.to()).fields().stream()
                            .filter(f -> isGroupKeyThroughPath(f, n))
                            .forEach(f -> paths.add(n.name() + "." + f.name()));
                }
            }
        }
        List<String> parameters = new ArrayList<>();
        for (Rule r : model.rules()) {
            r.parameters().stream().map(RuleParameter::name).filter(p -> !parameters.contains(p)).forEach(parameters::add);
        }
        return new SchemaVocabulary(
                model.entities().stream().map(Entity::name).toList(),
                List.copyOf(fields),
                List.copyOf(dateFields),
                List.copyOf(paths),
                model.rules().stream().map(Rule::name).toList(),
                List.copyOf(parameters),
                model.measures().stream().map(Measure::name).toList(),
                List.copyOf(navigations),
                String.join("; ", entityNotes),
                String.join("; ", fieldNotes),
                byEntity(model.rules(), Rule::entity, r -> note(signature(r), r.description())),
                byEntity(model.measures(), Measure::entity, m -> note(m.name(), m.description())),
                String.join("; ", navigationNotes));
    }

    /**
     * Whether {@code customer.segment}-like paths name this field: a model-visible field that is not a
     * number (numbers are aggregated, not grouped by) and not the join key (the local field has its value).
     */
    private static boolean isGroupKeyThroughPath(Field f, Navigation n) {
        return f.isVisibleToModel() && !f.type().isNumeric() && !f.name().equals(n.remoteField());
    }

    /** Notes grouped by entity, {@code [orders] revenue: ...; aov: ... [promotions] ...}, shorter than naming it each time. */
    private static <T> String byEntity(List<T> items, Function<T, String> entity, Function<T, String> note) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        items.forEach(i -> grouped.computeIfAbsent(entity.apply(i), k -> new ArrayList<>()).add(note.apply(i)));
        List<String> parts = new ArrayList<>();
        grouped.forEach((e, notes) -> parts.add("[" + e + "] " + String.join("; ", notes)));
        return String.join(" ", parts);
    }

    private static String signature(Rule r) {
        return r.parameters().isEmpty() ? r.name() : r.name() + r.parameters().stream()
                .map(SchemaVocabulary::describe).collect(Collectors.joining(", ", "(", ")"));
    }

    /** The fields a query may name: all but the hidden ones. */
    private static List<Field> queryable(Entity e) {
        return e.fields().stream().filter(f -> f.visibility() != Visibility.HIDDEN).toList();
    }

    /** {@code name} for a string, {@code name:type} otherwise, {@code name=A|B} for a model-visible enum. */
    private static String describe(Field f) {
        if (f.type() == FieldType.ENUM && f.isVisibleToModel()) {
            return f.name() + "=" + f.values().stream().map(EnumValue::value).collect(Collectors.joining("|"));
        }
        return f.type() == FieldType.STRING ? f.name() : f.name() + ":" + f.type().name().toLowerCase(Locale.ROOT);
    }

    private static String describe(RuleParameter p) {
        return p.defaultValue().map(v -> p.name() + "=" + display(v)).orElse(p.name());
    }

    private static String display(Object value) {
        if (value instanceof java.math.BigDecimal d) {
            return d.toPlainString();
        }
        return value instanceof String s ? '"' + s + '"' : String.valueOf(value);
    }

    private static String note(String name, String description) {
        String text = oneLine(description);
        return text.isEmpty() ? name : name + ": " + text;
    }

    /** A description on one line, cut to {@link #MAX_NOTE} characters, so that the schema stays small. */
    static String oneLine(String text) {
        String s = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.length() <= MAX_NOTE ? s : s.substring(0, MAX_NOTE - 3).stripTrailing() + "...";
    }
}
