package io.promoagent.schema.model;

import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.json.QueryJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The declared data model: sources, entities with typed fields, relationships, business rules and
 * measures. Immutable, and valid by construction: every reference resolves.
 *
 * <p>Load one from YAML with {@link DataModelYaml} or build one in code with {@link #builder()}.
 */
public final class DataModel {

    private final List<Source> sources;
    private final Map<String, Entity> entities;
    private final List<Relationship> relationships;
    private final Map<String, Rule> rules;
    private final Map<String, Measure> measures;
    private final Map<String, Map<String, Navigation>> navigations;
    private final List<Phrase> vocabulary;
    /** The validator with default limits, shared by everyone who validates against this model. */
    private volatile QueryValidator validator;

    /** The shared validator with default limits ({@link QueryValidator#of(DataModel)}). */
    QueryValidator defaultValidator() {
        QueryValidator v = validator;
        if (v == null) {
            synchronized (this) {
                v = validator;
                if (v == null) {
                    v = QueryValidator.of(this, Limits.defaults());
                    validator = v;
                }
            }
        }
        return v;
    }

    private DataModel(List<Source> sources, List<Entity> entities, List<Relationship> relationships,
                      List<Rule> rules, List<Measure> measures, List<Phrase> vocabulary) {
        this.sources = List.copyOf(sources);
        this.vocabulary = List.copyOf(vocabulary);
        this.entities = index(entities, Entity::name);
        this.relationships = List.copyOf(relationships);
        this.rules = index(rules, Rule::name);
        this.measures = index(measures, Measure::name);
        Map<String, Map<String, Navigation>> nav = new LinkedHashMap<>();
        for (Entity e : entities) {
            nav.put(e.name(), new LinkedHashMap<>());
        }
        for (Relationship r : relationships) {
            boolean forwardToMany = r.cardinality() == Cardinality.ONE_TO_MANY;
            boolean backwardToMany = r.cardinality() == Cardinality.MANY_TO_ONE;
            nav.computeIfAbsent(r.fromEntity(), k -> new LinkedHashMap<>()).put(r.name(),
                    new Navigation(r.name(), r.fromEntity(), r.fromField(), r.toEntity(), r.toField(), forwardToMany, r));
            r.inverse().ifPresent(inv -> nav.computeIfAbsent(r.toEntity(), k -> new LinkedHashMap<>()).put(inv,
                    new Navigation(inv, r.toEntity(), r.toField(), r.fromEntity(), r.fromField(), backwardToMany, r)));
        }
        Map<String, Map<String, Navigation>> frozen = new LinkedHashMap<>();
        nav.forEach((k, v) -> frozen.put(k, Collections.unmodifiableMap(v)));
        this.navigations = Collections.unmodifiableMap(frozen);
    }

    private static <T> Map<String, T> index(List<T> items, java.util.function.Function<T, String> name) {
        Map<String, T> m = new LinkedHashMap<>();
        for (T t : items) {
            m.put(name.apply(t), t);
        }
        return Collections.unmodifiableMap(m);
    }

    public List<Source> sources() {
        return sources;
    }

    public Optional<Source> source(String id) {
        return sources.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The entities, in declaration order. */
    public List<Entity> entities() {
        return List.copyOf(entities.values());
    }

    public Optional<Entity> entity(String name) {
        return Optional.ofNullable(entities.get(name));
    }

    /** The entity, or an {@link IllegalArgumentException} naming it. */
    public Entity requireEntity(String name) {
        Entity e = entities.get(name);
        if (e == null) {
            throw new IllegalArgumentException("the data model has no entity '" + name + "'");
        }
        return e;
    }

    public List<Relationship> relationships() {
        return relationships;
    }

    /** The relationships that can be followed from {@code entity}, by the name a query uses. */
    public Map<String, Navigation> navigations(String entity) {
        return navigations.getOrDefault(entity, Map.of());
    }

    public Optional<Navigation> navigation(String entity, String name) {
        return Optional.ofNullable(navigations(entity).get(name));
    }

    public List<Rule> rules() {
        return List.copyOf(rules.values());
    }

    public Optional<Rule> rule(String name) {
        return Optional.ofNullable(rules.get(name));
    }

    public List<Measure> measures() {
        return List.copyOf(measures.values());
    }

    public Optional<Measure> measure(String name) {
        return Optional.ofNullable(measures.get(name));
    }

    /** The phrases its users write, each standing for an entity, field, enum value, rule or measure. */
    public List<Phrase> vocabulary() {
        return vocabulary;
    }

    /**
     * The predicate of a rule with the given arguments substituted; missing arguments take the
     * parameters' defaults.
     *
     * @throws IllegalArgumentException if the rule or a parameter is unknown, or a parameter without a
     *                                  default has no argument
     */
    public Filter expandRule(String ruleName, Map<String, Object> args) {
        Rule rule = rule(ruleName).orElseThrow(
                () -> new IllegalArgumentException("the data model has no rule '" + ruleName + "'"));
        return rule.expand(args);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataModel m && sources.equals(m.sources) && entities.equals(m.entities)
                && relationships.equals(m.relationships) && rules.equals(m.rules) && measures.equals(m.measures)
                && vocabulary.equals(m.vocabulary);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sources, entities, relationships, rules, measures, vocabulary);
    }

    @Override
    public String toString() {
        return "DataModel" + entities.keySet();
    }

    /** Builds a {@link DataModel} in code; {@link #build()} checks every reference. */
    public static final class Builder {
        private final List<Source> sources = new ArrayList<>();
        private final List<Entity> entities = new ArrayList<>();
        private final List<Relationship> relationships = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private final List<Measure> measures = new ArrayList<>();
        private final List<Phrase> vocabulary = new ArrayList<>();

        private Builder() {
        }

        public Builder source(Source source) {
            sources.add(source);
            return this;
        }

        public Builder source(String id, String kind) {
            return source(new Source(id, kind));
        }

        public Builder entity(Entity entity) {
            entities.add(entity);
            return this;
        }

        public Builder relationship(Relationship relationship) {
            relationships.add(relationship);
            return this;
        }

        /** A many-to-one relationship from {@code from} ({@code orders.customer_id}) to {@code to}. */
        public Builder manyToOne(String name, String from, String to, String inverse) {
            String[] f = from.split("\\.", 2);
            String[] t = to.split("\\.", 2);
            return relationship(new Relationship(name, f[0], f[1], t[0], t[1], Cardinality.MANY_TO_ONE,
                    Optional.ofNullable(inverse)));
        }

        public Builder rule(Rule rule) {
            rules.add(rule);
            return this;
        }

        public Builder measure(Measure measure) {
            measures.add(measure);
            return this;
        }

        /** A phrase users write for something of the model; {@link #build()} checks that it names something. */
        public Builder phrase(Phrase phrase) {
            vocabulary.add(phrase);
            return this;
        }

        /**
         * Checks every reference and builds the model.
         *
         * @throws DataModelException naming the path of the first problem found
         */
        public DataModel build() {
            DataModel model = new DataModel(sources, entities, relationships, rules, measures, vocabulary);
            new DataModelChecker(model, sources, entities, relationships, rules, measures).check();
            new VocabularyChecker(model).check();
            return model;
        }
    }
}
