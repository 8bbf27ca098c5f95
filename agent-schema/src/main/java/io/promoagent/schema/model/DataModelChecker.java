package io.promoagent.schema.model;

import io.promoagent.schema.AgentException;
import io.promoagent.schema.ir.AggregateFunction;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks that every name in a data model is unique where it must be and every reference resolves. */
final class DataModelChecker {

    private final DataModel model;
    private final List<Source> sources;
    private final List<Entity> entities;
    private final List<Relationship> relationships;
    private final List<Rule> rules;
    private final List<Measure> measures;

    DataModelChecker(DataModel model, List<Source> sources, List<Entity> entities,
                     List<Relationship> relationships, List<Rule> rules, List<Measure> measures) {
        this.model = model;
        this.sources = sources;
        this.entities = entities;
        this.relationships = relationships;
        this.rules = rules;
        this.measures = measures;
    }

    void check() {
        unique("sources", sources.stream().map(Source::id).toList(), "id");
        unique("entities", entities.stream().map(Entity::name).toList(), "name");
        for (int i = 0; i < entities.size(); i++) {
            checkEntity("entities[" + i + "]", entities.get(i));
        }
        for (int i = 0; i < relationships.size(); i++) {
            checkRelationship("relationships[" + i + "]", relationships.get(i));
        }
        checkNavigationNames();
        unique("rules", rules.stream().map(Rule::name).toList(), "name");
        for (int i = 0; i < rules.size(); i++) {
            checkRule("rules[" + i + "]", rules.get(i));
        }
        unique("measures", measures.stream().map(Measure::name).toList(), "name");
        for (int i = 0; i < measures.size(); i++) {
            checkMeasure("measures[" + i + "]", measures.get(i));
        }
    }

    private void checkEntity(String path, Entity e) {
        if (sources.stream().noneMatch(s -> s.id().equals(e.source()))) {
            fail(path + ".source", "unknown source '" + e.source() + "'" + known(sources.stream().map(Source::id).toList()));
        }
        unique(path + ".fields", e.fields().stream().map(Field::name).toList(), "name");
        keyField(path + ".key.partition", e, e.key().partition());
        e.key().sort().ifPresent(s -> keyField(path + ".key.sort", e, s));
        unique(path + ".indexes", e.indexes().stream().map(Index::name).toList(), "name");
        for (int i = 0; i < e.indexes().size(); i++) {
            Index idx = e.indexes().get(i);
            keyField(path + ".indexes[" + i + "].partition", e, idx.key().partition());
            int fi = i;
            idx.key().sort().ifPresent(s -> keyField(path + ".indexes[" + fi + "].sort", e, s));
        }
        for (int i = 0; i < e.fields().size(); i++) {
            Field f = e.fields().get(i);
            String fp = path + ".fields[" + i + "]";
            if (f.type() == FieldType.ENUM && f.values().isEmpty()) {
                fail(fp + ".values", "an enum field needs at least one value");
            }
            if (f.type() != FieldType.ENUM && !f.values().isEmpty()) {
                fail(fp + ".values", "only an enum field has values; '" + f.name() + "' is " + f.type().name().toLowerCase());
            }
            unique(fp + ".values", f.values().stream().map(EnumValue::value).toList(), "value");
            if (f.bucket().isPresent()) {
                Bucket b = f.bucket().get();
                Optional<Field> of = e.field(b.of());
                if (of.isEmpty()) {
                    fail(fp + ".bucket.of", "unknown field '" + b.of() + "'" + known(e.fieldNames()));
                } else if (of.get().type() != FieldType.DATE && of.get().type() != FieldType.TIMESTAMP) {
                    fail(fp + ".bucket.of", "a bucket is derived from a date field; '" + b.of() + "' is "
                            + of.get().type().name().toLowerCase());
                }
                if (f.type() != FieldType.STRING) {
                    fail(fp + ".type", "a bucket field is a string");
                }
            }
        }
    }

    private void keyField(String path, Entity e, String field) {
        Optional<Field> f = e.field(field);
        if (f.isEmpty()) {
            fail(path, "unknown field '" + field + "' of entity '" + e.name() + "'" + known(e.fieldNames()));
        }
        FieldType t = f.get().type();
        if (t == FieldType.BOOLEAN) {
            fail(path, "a key field cannot be boolean");
        }
    }

    private void checkRelationship(String path, Relationship r) {
        endpoint(path + ".from", r.fromEntity(), r.fromField());
        endpoint(path + ".to", r.toEntity(), r.toField());
        Entity from = model.requireEntity(r.fromEntity());
        Entity to = model.requireEntity(r.toEntity());
        FieldType fromType = from.requireField(r.fromField()).type();
        FieldType toType = to.requireField(r.toField()).type();
        // keys cross between sources as values: a string key never equals a number key, and each source
        // would answer the join with nothing rather than an error. Integers and numbers compare as numbers,
        // an enum's values are strings.
        boolean comparable = fromType == toType || fromType.isNumeric() && toType.isNumeric()
                || plainText(fromType) && plainText(toType);
        if (!from.source().equals(to.source()) && !comparable) {
            fail(path, "relationship '" + r.name() + "' joins " + r.fromEntity() + "." + r.fromField() + " (" + typeName(fromType)
                    + ", source '" + from.source() + "') to " + r.toEntity() + "." + r.toField() + " (" + typeName(toType)
                    + ", source '" + to.source() + "'): keys joined across sources must have the same type");
        }
    }

    private static boolean plainText(FieldType type) {
        return type == FieldType.STRING || type == FieldType.ENUM;
    }

    private static String typeName(FieldType type) {
        return type.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void endpoint(String path, String entity, String field) {
        Optional<Entity> e = model.entity(entity);
        if (e.isEmpty()) {
            fail(path, "unknown entity '" + entity + "'" + known(entities.stream().map(Entity::name).toList()));
        }
        if (e.get().field(field).isEmpty()) {
            fail(path, "unknown field '" + field + "' of entity '" + entity + "'" + known(e.get().fieldNames()));
        }
    }

    private void checkNavigationNames() {
        Map<String, Set<String>> seen = new HashMap<>();
        for (int i = 0; i < relationships.size(); i++) {
            Relationship r = relationships.get(i);
            String path = "relationships[" + i + "]";
            navigationName(seen, path + ".name", r.fromEntity(), r.name());
            if (r.inverse().isPresent()) {
                navigationName(seen, path + ".inverse", r.toEntity(), r.inverse().get());
            }
        }
    }

    private void navigationName(Map<String, Set<String>> seen, String path, String entity, String name) {
        if (!seen.computeIfAbsent(entity, k -> new HashSet<>()).add(name)) {
            fail(path, "entity '" + entity + "' already has a relationship named '" + name + "'");
        }
        if (model.requireEntity(entity).field(name).isPresent()) {
            fail(path, "'" + name + "' is already a field of entity '" + entity + "'");
        }
    }

    private void checkRule(String path, Rule rule) {
        if (model.entity(rule.entity()).isEmpty()) {
            fail(path + ".entity", "unknown entity '" + rule.entity() + "'"
                    + known(entities.stream().map(Entity::name).toList()));
        }
        unique(path + ".parameters", rule.parameters().stream().map(RuleParameter::name).toList(), "name");
        try {
            Map<String, Object> defaults = new HashMap<>();
            rule.parameters().forEach(p -> defaults.put(p.name(), p.defaultValue().orElse(sample(p.type()))));
            RuleCheck.checkRule(model, rule.entity(), model.expandRule(rule.name(), defaults), path + ".where");
        } catch (DataModelException ex) {
            throw ex;
        } catch (IllegalArgumentException | AgentException ex) {
            fail(path + ".where", ex.getMessage());
        }
    }

    private static Object sample(FieldType type) {
        return switch (type) {
            case NUMBER, INTEGER -> java.math.BigDecimal.ONE;
            case BOOLEAN -> Boolean.TRUE;
            case DATE -> "2000-01-01";
            default -> "x";
        };
    }

    private void checkMeasure(String path, Measure m) {
        Optional<Entity> e = model.entity(m.entity());
        if (e.isEmpty()) {
            fail(path + ".entity", "unknown entity '" + m.entity() + "'" + known(entities.stream().map(Entity::name).toList()));
        }
        checkExpression(path, m, m.expression(), new HashSet<>(Set.of(m.name())));
    }

    private void checkExpression(String path, Measure m, MeasureExpression expr, Set<String> visiting) {
        if (expr instanceof MeasureExpression.Aggregation a) {
            checkAggregation(path, m, a);
        } else if (expr instanceof MeasureExpression.Reference r) {
            Optional<Measure> target = model.measure(r.measure());
            if (target.isEmpty()) {
                fail(path, "unknown measure '" + r.measure() + "'" + known(measures.stream().map(Measure::name).toList()));
            }
            if (!target.get().entity().equals(m.entity())) {
                fail(path, "measure '" + r.measure() + "' is over '" + target.get().entity() + "', not '" + m.entity() + "'");
            }
            if (!visiting.add(r.measure())) {
                fail(path, "measure '" + m.name() + "' refers to itself through '" + r.measure() + "'");
            }
            checkExpression(path, target.get(), target.get().expression(), visiting);
            visiting.remove(r.measure());
        } else if (expr instanceof MeasureExpression.Arithmetic a) {
            checkExpression(path, m, a.left(), visiting);
            checkExpression(path, m, a.right(), visiting);
        }
        // a Constant is always valid
    }

    private void checkAggregation(String path, Measure m, MeasureExpression.Aggregation a) {
        Entity e = model.requireEntity(m.entity());
        if (a.function().needsField() && a.field().isEmpty()) {
            fail(path, a.function().jsonName() + " needs a field");
        }
        if (a.function().isOrderStatistic()) {
            fail(path, "a measure sums, counts, averages or takes extremes; " + a.function().jsonName()
                    + " is computed in a query (an aggregate with fn " + a.function().jsonName() + ")");
        }
        if (a.field().isPresent()) {
            Optional<Field> f = e.field(a.field().get());
            if (f.isEmpty()) {
                fail(path + ".field", "unknown field '" + a.field().get() + "' of entity '" + e.name() + "'"
                        + known(e.fieldNames()));
            }
            if (a.function().needsNumber() && !f.get().type().isNumeric()) {
                fail(path + ".field", a.function().jsonName() + " needs a number field; '"
                        + a.field().get() + "' is " + f.get().type().name().toLowerCase());
            }
        }
        if (a.function() == AggregateFunction.COUNT && a.field().isPresent()) {
            fail(path + ".field", "count counts records and takes no field; use count_distinct");
        }
        a.where().ifPresent(w -> RuleCheck.check(model, m.entity(), w, path + ".where"));
    }

    private static void unique(String path, List<String> names, String what) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            if (!seen.add(names.get(i))) {
                fail(path + "[" + i + "]." + what, "duplicate " + what + " '" + names.get(i) + "'");
            }
        }
    }

    private static String known(List<String> names) {
        return names.isEmpty() ? "" : " (known: " + String.join(", ", names) + ")";
    }

    private static void fail(String path, String problem) {
        throw new DataModelException(path, problem);
    }
}
