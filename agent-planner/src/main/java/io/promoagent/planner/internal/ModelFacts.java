package io.promoagent.planner.internal;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Index;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.MeasureExpression;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.model.RuleParameter;
import io.promoagent.schema.model.Visibility;
import io.promoagent.schema.ir.CalendarUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the planner derives from a data model once, by looking at names, types, descriptions and synonyms
 * rather than knowing the domain: an entity's main date, its money field, its name and e-mail fields, the
 * field that counts related records, the rule that is exactly an enum comparison.
 */
final class ModelFacts {

    private static final Set<String> MONEY_WORDS = Set.of("dollar", "dollars", "amount", "price", "money", "cost",
            "revenue", "spent", "spend", "value", "currency", "eur", "usd", "paid", "fee", "fees", "fine", "fines");
    private static final Set<String> PLACE_WORDS = Set.of("city", "town", "country", "location", "address", "region",
            "place", "state", "area", "residence", "lives", "based", "county", "province");
    private static final Set<String> COUNT_WORDS = Set.of("count", "number", "of", "num", "no", "total", "many");

    final DataModel model;
    private final Map<String, Rule> ruleByComparison = new HashMap<>();

    ModelFacts(DataModel model) {
        this.model = model;
        for (Rule r : model.rules()) {
            try {
                Filter f = r.expand(Map.of());
                if (f instanceof Compare c && c.op() == io.promoagent.schema.ir.Operator.EQ && c.values().size() == 1) {
                    ruleByComparison.putIfAbsent(r.entity() + "." + c.field() + "=" + c.value(), r);
                }
            } catch (RuntimeException e) {
                // a rule that needs arguments is no plain comparison
            }
        }
    }

    Entity entity(String name) {
        return model.requireEntity(name);
    }

    /** The rule whose predicate is exactly {@code field = value}: "VIP customers" is rule vip. */
    Optional<Rule> ruleFor(String entity, String field, String value) {
        return Optional.ofNullable(ruleByComparison.get(entity + "." + field + "=" + value));
    }

    /** The date a period refers to when none is named: the date a bucket is made of, else the first date. */
    Optional<Field> defaultDate(Entity e) {
        for (Field f : e.fields()) {
            if (f.bucket().isPresent()) {
                Optional<Field> of = e.field(f.bucket().get().of());
                if (of.isPresent()) {
                    return of;
                }
            }
        }
        return e.fields().stream().filter(f -> f.type().isTemporal() && visible(f)).findFirst();
    }

    /** Whether a field holds years: an integer field named or called a year ("published_year"). */
    static boolean isYear(Field f) {
        return f.type() == FieldType.INTEGER && (f.name().toLowerCase(Locale.ROOT).contains("year")
                || f.synonyms().stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains("year")));
    }

    /** The year field of an entity with no date, for "after 2000". */
    Optional<Field> yearField(Entity e) {
        return e.fields().stream().filter(f -> isYear(f) && visible(f)).findFirst();
    }

    /** The date a record was made, for "newest": a date named or described as created, else the main date. */
    Optional<Field> creationDate(Entity e) {
        for (Field f : e.fields()) {
            if (f.type().isTemporal() && (mentions(f, "created") || mentions(f, "creation") || mentions(f, "added"))) {
                return Optional.of(f);
            }
        }
        return defaultDate(e);
    }

    /** The amount "over $250" compares when no field is named: a number field described in money words. */
    Optional<Field> moneyField(Entity e) {
        Field first = null;
        for (Field f : e.fields()) {
            if (f.type() != FieldType.NUMBER || !visible(f)) {
                continue;
            }
            if (first == null) {
                first = f;
            }
            String text = (f.description() + " " + String.join(" ", f.synonyms())).toLowerCase(Locale.ROOT);
            for (String w : text.split("[^a-z$€£]+")) {
                if (MONEY_WORDS.contains(w) || w.contains("$")) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.ofNullable(first);
    }

    /** The field a person's name is in: {@code name}, or a text field called a name or title. */
    Optional<Field> nameField(Entity e) {
        for (Field f : e.fields()) {
            if (f.type() == FieldType.STRING && f.name().equals("name") && visible(f)) {
                return Optional.of(f);
            }
        }
        for (Field f : e.fields()) {
            if (f.type() == FieldType.STRING && visible(f) && (f.name().endsWith("_name") || f.name().equals("title")
                    || f.synonyms().contains("name") || f.synonyms().contains("full name"))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The field an e-mail address is in. */
    Optional<Field> emailField(Entity e) {
        for (Field f : e.fields()) {
            String n = f.name().toLowerCase(Locale.ROOT);
            if (f.type() == FieldType.STRING && (n.equals("email") || n.equals("e_mail") || n.equals("email_address")
                    || f.synonyms().stream().anyMatch(s -> s.equalsIgnoreCase("e-mail") || s.equalsIgnoreCase("email")))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The text fields a capitalised value may be in, most likely first: for a place ("in Berlin") the
     * fields named or described as places, then the name; otherwise the name first; then the other texts.
     */
    List<Field> textFields(Entity e, boolean place) {
        List<Field> places = new ArrayList<>();
        List<Field> others = new ArrayList<>();
        Optional<Field> name = nameField(e);
        for (Field f : e.fields()) {
            if (f.type() != FieldType.STRING || !visible(f) || f.equals(e.keyField()) || isReference(e, f)
                    || f.bucket().isPresent() || name.map(f::equals).orElse(false)) {
                continue;
            }
            (isPlace(f) ? places : others).add(f);
        }
        List<Field> out = new ArrayList<>(place ? places : List.of());
        name.ifPresent(out::add);
        if (!place) {
            out.addAll(places);
        }
        out.addAll(others);
        return out;
    }

    /** Whether a field is named or described as a place ("city", "town of residence"). */
    static boolean isPlace(Field f) {
        String text = (f.name().replace('_', ' ') + " " + f.description() + " " + String.join(" ", f.synonyms()))
                .toLowerCase(Locale.ROOT);
        for (String w : text.split("[^a-z]+")) {
            if (PLACE_WORDS.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** The first entity with an e-mail field. */
    Optional<Entity> emailEntity() {
        return model.entities().stream().filter(e -> emailField(e).isPresent()).findFirst();
    }

    /** The first entity with a name field; a name alone refers to it. */
    Optional<Entity> nameEntity() {
        return model.entities().stream().filter(e -> nameField(e).isPresent()).findFirst();
    }

    /**
     * The integer field of {@code e} that counts records reached through {@code nav} ({@code order_count}
     * for orders): its name or a synonym is a word for the related entity plus a counting word.
     */
    Optional<Field> countField(Entity e, Navigation nav) {
        Entity target = entity(nav.to());
        List<String> targetWords = new ArrayList<>();
        targetWords.add(Words.singular(Words.key(target.name())));
        targetWords.add(Words.singular(Words.key(nav.name())));
        target.synonyms().forEach(s -> targetWords.add(Words.singular(Words.key(s))));
        for (Field f : e.fields()) {
            if (f.type() != FieldType.INTEGER || !visible(f)) {
                continue;
            }
            List<String> phrases = new ArrayList<>(f.synonyms());
            phrases.add(f.name().replace('_', ' '));
            for (String p : phrases) {
                List<String> rest = new ArrayList<>();
                boolean counting = false;
                for (String w : p.toLowerCase(Locale.ROOT).split("[ _]+")) {
                    if (COUNT_WORDS.contains(w)) {
                        counting = true;
                    } else {
                        rest.add(Words.singular(Words.key(w)));
                    }
                }
                if (counting && rest.size() == 1 && targetWords.contains(rest.get(0))) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** The first relationship from {@code from} to {@code to}. */
    Optional<Navigation> navigation(String from, String to) {
        for (Navigation n : model.navigations(from).values()) {
            if (n.to().equals(to)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /**
     * The one way from {@code from} to {@code to} through a third entity, when no relationship joins them
     * ("doctors who prescribed biologic drugs": doctors, their treatments, each one's drug); empty when there
     * is none, or more than one (the planner does not choose between meanings).
     */
    List<Navigation> route(String from, String to) {
        if (from.equals(to) || navigation(from, to).isPresent()) {
            return List.of();
        }
        List<Navigation> found = List.of();
        for (Navigation first : model.navigations(from).values()) {
            if (first.to().equals(from)) {
                continue;
            }
            Optional<Navigation> second = navigation(first.to(), to);
            if (second.isPresent()) {
                if (!found.isEmpty()) {
                    return List.of();
                }
                found = List.of(first, second.get());
            }
        }
        return found;
    }

    /** The fields a bare identifier may be a value of: the key, then unique text fields with their own index. */
    List<Field> identifierFields(Entity e) {
        List<Field> out = new ArrayList<>();
        out.add(e.keyField());
        for (Index i : e.indexes()) {
            Optional<Field> f = e.field(i.key().partition());
            if (f.isPresent() && f.get().type() == FieldType.STRING && f.get().visibility() == Visibility.MODEL
                    && !out.contains(f.get()) && f.get().bucket().isEmpty() && !isReference(e, f.get())) {
                out.add(f.get());
            }
        }
        return out;
    }

    /** Whether a field holds the key of another entity ({@code customer_id}). */
    boolean isReference(Entity e, Field f) {
        for (Navigation n : model.navigations(e.name()).values()) {
            if (!n.toMany() && n.localField().equals(f.name())) {
                return true;
            }
        }
        return false;
    }

    /** The rule of an entity that selects its current records ("active", "live", "current"). */
    Optional<Rule> currentRule(String entity) {
        for (Rule r : model.rules()) {
            if (!r.entity().equals(entity)) {
                continue;
            }
            List<String> words = new ArrayList<>(List.of(r.name().split("_")));
            r.synonyms().forEach(s -> words.addAll(List.of(s.toLowerCase(Locale.ROOT).split(" "))));
            if (words.contains("active") || words.contains("current") || words.contains("live")
                    || words.contains("running")) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /**
     * The parameter of a rule that a duration in the request may set ("in the last 60 days"): its single numeric
     * parameter, or else the one numeric parameter named after a unit of time ({@code days}) among others.
     */
    Optional<RuleParameter> durationParameter(Rule r) {
        if (r.parameters().size() == 1) {
            return r.parameters().get(0).type().isNumeric() ? Optional.of(r.parameters().get(0)) : Optional.empty();
        }
        List<RuleParameter> named = r.parameters().stream()
                .filter(p -> p.type().isNumeric() && CalendarUnit.parse(p.name()).isPresent()).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /** The unit a duration parameter counts in, from its name ({@code days}); days when it does not say. */
    static CalendarUnit parameterUnit(RuleParameter p) {
        return CalendarUnit.parse(p.name()).orElse(CalendarUnit.DAY);
    }

    /** Whether a measure is a plain count of records, which reads better as {@code count}. */
    static boolean isPlainCount(Measure m) {
        return m.expression() instanceof MeasureExpression.Aggregation a
                && a.function() == io.promoagent.schema.ir.AggregateFunction.COUNT && a.field().isEmpty()
                && a.where().isEmpty();
    }

    /** The fields a person could group or filter by, for suggestions: model-visible, not ids. */
    List<String> describableFields(Entity e) {
        List<String> out = new ArrayList<>();
        for (Field f : e.fields()) {
            if (visible(f) && !f.name().equals(e.key().partition()) && !isReference(e, f)) {
                out.add(f.name());
            }
        }
        return out;
    }

    static boolean visible(Field f) {
        return f.visibility() == Visibility.MODEL;
    }

    private static boolean mentions(Field f, String word) {
        return f.name().toLowerCase(Locale.ROOT).contains(word)
                || f.synonyms().stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).contains(word));
    }
}
