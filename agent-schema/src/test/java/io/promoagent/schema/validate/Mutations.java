package io.promoagent.schema.validate;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.model.Visibility;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * Wrong names for the names of a data model, generated deterministically from a seed: typing errors,
 * synonyms, fields of the wrong entity, plural and singular, case and separator changes.
 */
final class Mutations {

    /**
     * One wrong name in a query.
     *
     * @param category what kind of name and what kind of mistake
     * @param wrong    the wrong name
     * @param right    the name meant
     * @param query    a query naming it
     * @param path     where the error about it is expected
     */
    record Case(String category, String wrong, String right, Query query, String path) {
    }

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private final DataModel model;
    private final Random random;
    private final List<Case> cases = new ArrayList<>();

    Mutations(DataModel model, long seed) {
        this.model = model;
        this.random = new Random(seed);
    }

    List<Case> all() {
        for (Entity e : model.entities()) {
            String name = e.name();
            mistakes("entity", name, e.synonyms(), 3, w -> new Case("", w, name, Query.builder(w).build(), "$.entity"));
        }
        for (Entity e : model.entities()) {
            for (Field f : e.fields()) {
                if (f.visibility() == Visibility.HIDDEN) {
                    continue;
                }
                mistakes("field", f.name(), f.synonyms(), 2, w -> fieldCase(e.name(), w, f.name()));
                if (f.type() == FieldType.ENUM) {
                    enumValues(e, f);
                }
            }
            wrongEntity(e);
        }
        for (Rule r : model.rules()) {
            mistakes("rule", r.name(), r.synonyms(), 2, w -> new Case("", w, r.name(),
                    Query.builder(r.entity()).where(RuleRef.of(w)).build(), "$.where.rule"));
        }
        for (Measure m : model.measures()) {
            mistakes("measure", m.name(), m.synonyms(), 2, w -> new Case("", w, m.name(),
                    Query.builder(m.entity()).aggregate(Aggregate.measure(w)).build(), "$.aggregates[0].measure"));
        }
        return cases;
    }

    /** A field named where it is returned, filtered on or ordered by, chosen at random. */
    private Case fieldCase(String entity, String wrong, String right) {
        return switch (random.nextInt(3)) {
            case 0 -> new Case("", wrong, right, Query.builder(entity).fields(wrong).build(), "$.fields[0]");
            case 1 -> new Case("", wrong, right, Query.builder(entity).where(Compare.of(wrong, Operator.IS_NULL)).build(),
                    "$.where.field");
            default -> new Case("", wrong, right, Query.builder(entity).orderBy(OrderBy.asc(wrong)).build(), "$.orderBy[0].by");
        };
    }

    private void enumValues(Entity e, Field f) {
        for (EnumValue v : f.values()) {
            Function<String, Case> at = w -> new Case("", w, v.value(),
                    Query.builder(e.name()).where(Compare.eq(f.name(), w)).build(), "$.where.value");
            for (int i = 0; i < 2; i++) {
                typos("enum value", v.value(), at);
            }
            for (String variant : caseAndSeparators(v.value())) {
                add("enum value: case and separators", variant, at);
            }
            // a synonym is accepted as it is; a mistyped synonym is a wrong name
            for (String s : v.synonyms()) {
                add("enum value: mistyped synonym", typo(s, random.nextInt(4)), at);
            }
        }
    }

    /** Fields of entities reached many-to-one, named without their path. */
    private void wrongEntity(Entity e) {
        for (Navigation nav : model.navigations(e.name()).values()) {
            if (nav.toMany()) {
                continue;
            }
            for (Field f : model.requireEntity(nav.to()).fields()) {
                if (e.field(f.name()).isPresent() || f.visibility() == Visibility.HIDDEN) {
                    continue;
                }
                String right = nav.name() + "." + f.name();
                Query q = random.nextBoolean()
                        ? Query.builder(e.name()).groupBy(GroupBy.of(f.name())).aggregate(Aggregate.count()).build()
                        : Query.builder(e.name()).where(Compare.of(f.name(), Operator.IS_NULL)).build();
                String path = q.groupBy().isEmpty() ? "$.where.field" : "$.groupBy[0].field";
                cases.add(new Case("field of the wrong entity", f.name(), right, q, path));
            }
        }
    }

    private void mistakes(String kind, String name, List<String> synonyms, int typosPerKind, Function<String, Case> at) {
        for (int i = 0; i < typosPerKind; i++) {
            typos(kind, name, at);
        }
        for (String s : synonyms) {
            add(kind + ": synonym", s, at);
        }
        add(kind + ": plural or singular", number(name), at);
        for (String variant : caseAndSeparators(name)) {
            add(kind + ": case and separators", variant, at);
        }
    }

    private void typos(String kind, String name, Function<String, Case> at) {
        String[] kinds = {"deletion", "insertion", "substitution", "transposition"};
        for (int k = 0; k < kinds.length; k++) {
            add(kind + ": " + kinds[k], typo(name, k), at);
        }
    }

    private void add(String category, String wrong, Function<String, Case> at) {
        if (wrong == null) {
            return;
        }
        Case c = at.apply(wrong);
        if (!c.right().equals(wrong)) {
            cases.add(new Case(category, c.wrong(), c.right(), c.query(), c.path()));
        }
    }

    /** One typing error of the given kind at a random place; null when the word is too short for it. */
    String typo(String s, int kind) {
        if (s.length() < 2) {
            return null;
        }
        int i = random.nextInt(s.length());
        char letter = LETTERS.charAt(random.nextInt(LETTERS.length()));
        switch (kind) {
            case 0:
                return s.substring(0, i) + s.substring(i + 1);
            case 1:
                return s.substring(0, i) + letter + s.substring(i);
            case 2:
                if (Character.toLowerCase(s.charAt(i)) == letter) {
                    letter = letter == 'z' ? 'a' : (char) (letter + 1);
                }
                return s.substring(0, i) + letter + s.substring(i + 1);
            default:
                int j = Math.min(i, s.length() - 2);
                if (s.charAt(j) == s.charAt(j + 1)) {
                    return null;
                }
                return s.substring(0, j) + s.charAt(j + 1) + s.charAt(j) + s.substring(j + 2);
        }
    }

    private static String number(String name) {
        if (name.endsWith("ss") || name.endsWith("us")) {
            return name + "es";
        }
        return name.endsWith("s") ? name.substring(0, name.length() - 1) : name + "s";
    }

    /** The same name in camel and Pascal case, with hyphens, with spaces, without separators, in capitals. */
    private static Set<String> caseAndSeparators(String name) {
        String[] words = name.split("_");
        StringBuilder camel = new StringBuilder(words[0].toLowerCase(Locale.ROOT));
        StringBuilder pascal = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            String cap = w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1).toLowerCase(Locale.ROOT);
            if (i > 0) {
                camel.append(cap);
            }
            pascal.append(cap);
        }
        Set<String> variants = new LinkedHashSet<>(List.of(camel.toString(), pascal.toString(), name.replace('_', '-'),
                name.replace('_', ' '), name.replace("_", ""), name.toUpperCase(Locale.ROOT)));
        variants.remove(name);
        return variants;
    }
}
