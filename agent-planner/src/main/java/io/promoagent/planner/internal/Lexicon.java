package io.promoagent.planner.internal;

import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.EnumValue;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Measure;
import io.promoagent.schema.model.Phrase;
import io.promoagent.schema.model.Rule;
import io.promoagent.schema.model.Visibility;
import io.promoagent.schema.validate.Suggestions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The vocabulary of one data model: every entity, field, enum value, rule and measure by name and synonym,
 * and the phrases of its {@code vocabulary} section,
 * as phrases of word stems in a trie, so that the longest phrase at a position is found in one walk.
 *
 * <p>Short upper-case names that are also English function words ({@code US}, {@code IT}) match only when
 * written in capitals, so "show us" is not the United States.
 */
final class Lexicon {

    /** A phrase found in a request: how many tokens it covers and what it may mean. */
    record Match(int length, List<Sense> senses, double penalty) {
    }

    private static final class Node {
        final Map<String, Node> next = new HashMap<>(4);
        final List<Sense> senses = new ArrayList<>(1);
        boolean capsOnly = true;
    }

    private final Node root = new Node();
    private final Map<String, List<Sense>> byRoot = new HashMap<>();
    private final Map<String, List<Sense>> singles = new HashMap<>();

    private Lexicon() {
    }

    static Lexicon of(DataModel model) {
        Lexicon lex = new Lexicon();
        for (Entity e : model.entities()) {
            Sense entity = new Sense.EntitySense(e, true);
            lex.add(e.name(), entity);
            e.synonyms().forEach(s -> lex.add(s, new Sense.EntitySense(e, false)));
            for (Field f : e.fields()) {
                if (f.visibility() == Visibility.HIDDEN) {
                    continue;
                }
                lex.add(f.name(), new Sense.FieldSense(e, f, true));
                f.synonyms().forEach(s -> lex.add(s, new Sense.FieldSense(e, f, false)));
                for (EnumValue v : f.values()) {
                    lex.add(v.value(), new Sense.ValueSense(e, f, v.value(), true));
                    v.synonyms().forEach(s -> lex.add(s, new Sense.ValueSense(e, f, v.value(), false)));
                }
            }
        }
        for (Rule r : model.rules()) {
            lex.add(r.name(), new Sense.RuleSense(r, true));
            r.synonyms().forEach(s -> lex.add(s, new Sense.RuleSense(r, false)));
        }
        for (Measure m : model.measures()) {
            lex.add(m.name(), new Sense.MeasureSense(m, true));
            m.synonyms().forEach(s -> lex.add(s, new Sense.MeasureSense(m, false)));
        }
        for (Phrase p : model.vocabulary()) {
            lex.add(p.text(), sense(model, p));
        }
        return lex;
    }

    /** A phrase of the model's {@code vocabulary}; the model checked that it names something. */
    private static Sense sense(DataModel model, Phrase p) {
        return switch (p.kind()) {
            case ENTITY -> new Sense.EntitySense(model.requireEntity(p.target()), false);
            case RULE -> new Sense.RuleSense(model.rule(p.target()).orElseThrow(), false);
            case MEASURE -> new Sense.MeasureSense(model.measure(p.target()).orElseThrow(), false);
            case FIELD, VALUE -> {
                Entity e = model.requireEntity(p.entity());
                Field f = e.field(p.field()).orElseThrow();
                yield p.kind() == Phrase.Kind.FIELD ? new Sense.FieldSense(e, f, false)
                        : new Sense.ValueSense(e, f, p.value(), false);
            }
        };
    }

    /**
     * The model's vocabulary and a host's own phrases, each naming what it means: an entity
     * ({@code customers}), a field ({@code customers.total_spent}), an enum value
     * ({@code customers.segment=vip}), a rule or a measure by name.
     *
     * @throws IllegalArgumentException when a meaning names nothing in the model
     */
    static Lexicon of(DataModel model, Map<String, String> phrases) {
        Lexicon lex = of(model);
        phrases.forEach((phrase, meaning) -> lex.add(phrase, sense(model, meaning)));
        return lex;
    }

    private static Sense sense(DataModel model, String meaning) {
        String m = meaning.strip();
        int eq = m.indexOf('=');
        int dot = m.indexOf('.');
        if (dot > 0) {
            Entity e = model.entity(m.substring(0, dot)).orElseThrow(() -> unknown(meaning));
            Field f = e.field(m.substring(dot + 1, eq > 0 ? eq : m.length())).orElseThrow(() -> unknown(meaning));
            if (eq < 0) {
                return new Sense.FieldSense(e, f, false);
            }
            String value = m.substring(eq + 1);
            return f.values().stream().filter(v -> v.value().equals(value)).findFirst()
                    .map(v -> (Sense) new Sense.ValueSense(e, f, v.value(), false)).orElseThrow(() -> unknown(meaning));
        }
        if (model.rule(m).isPresent()) {
            return new Sense.RuleSense(model.rule(m).get(), false);
        }
        if (model.measure(m).isPresent()) {
            return new Sense.MeasureSense(model.measure(m).get(), false);
        }
        return model.entity(m).map(e -> (Sense) new Sense.EntitySense(e, false)).orElseThrow(() -> unknown(meaning));
    }

    private static IllegalArgumentException unknown(String meaning) {
        return new IllegalArgumentException("a phrase means '" + meaning + "', which names no entity, field,"
                + " enum value, rule or measure of the data model");
    }

    private void add(String phrase, Sense sense) {
        if (!phrase.matches("[\\p{L}\\p{N} _'\u2019.-]+")) {
            return; // "% off" would lose its symbol and mean "off"
        }
        List<Token> tokens = Tokenizer.tokenize(phrase.replace('_', ' '));
        if (tokens.isEmpty()) {
            return;
        }
        Node node = root;
        for (Token t : tokens) {
            node = node.next.computeIfAbsent(matchKey(t), k -> new Node());
        }
        if (!node.senses.contains(sense)) {
            node.senses.add(sense);
        }
        boolean caps = tokens.size() == 1 && tokens.get(0).allCaps() && Grammar.isFunctionWord(tokens.get(0).key());
        node.capsOnly &= caps;
        if (tokens.size() == 1 && tokens.get(0).isWord()) {
            String stem = tokens.get(0).stem();
            singles.computeIfAbsent(stem, k -> new ArrayList<>()).add(sense);
            byRoot.computeIfAbsent(Words.root(stem), k -> new ArrayList<>()).add(sense);
        }
    }

    private static String matchKey(Token t) {
        return t.isWord() ? t.stem() : t.key();
    }

    /** The longest phrase starting at token {@code i}, or null. */
    Match longest(List<Token> tokens, int i) {
        Node node = root;
        Match best = null;
        for (int j = i; j < tokens.size(); j++) {
            Token t = tokens.get(j);
            if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.IDENT && t.kind() != Token.Kind.NUMBER) {
                break;
            }
            node = node.next.get(matchKey(t));
            if (node == null) {
                break;
            }
            if (!node.senses.isEmpty() && !(node.capsOnly && !t.allCaps())) {
                best = new Match(j - i + 1, List.copyOf(node.senses), 1.0);
            }
        }
        return best;
    }

    /**
     * A meaning for a single word the lexicon does not list as such: another form of a listed word
     * ("spenders" for "spend") or a typing error ("premum"); null when none is close enough or several
     * are equally close.
     */
    Match approximate(Token t) {
        if (!t.isWord() || t.key().length() < 4) {
            return null;
        }
        List<Sense> sameRoot = byRoot.get(Words.root(t.stem()));
        if (sameRoot != null) {
            return new Match(1, List.copyOf(sameRoot), 0.9);
        }
        String w = t.stem();
        if (w.length() < 5) {
            return null;
        }
        int allowed = w.length() >= 8 ? 2 : 1;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String candidate : singles.keySet()) {
            if (Math.abs(candidate.length() - w.length()) > allowed || candidate.length() < 4) {
                continue;
            }
            int d = Suggestions.distance(w, candidate);
            if (d == 1 && w.length() < 6 && !slip(w, candidate)) {
                continue; // "score" is not "store": in a short word only a slip of the finger counts
            }
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance && !candidate.equals(best)) {
                tie = true;
            }
        }
        if (best == null || bestDistance > allowed || tie) {
            return null;
        }
        return new Match(1, List.copyOf(singles.get(best)), 0.85);
    }

    /** A typing slip rather than another word: a letter missed, doubled or swapped with its neighbour. */
    private static boolean slip(String a, String b) {
        if (a.length() != b.length()) {
            return true;
        }
        char[] x = a.toCharArray();
        char[] y = b.toCharArray();
        java.util.Arrays.sort(x);
        java.util.Arrays.sort(y);
        return java.util.Arrays.equals(x, y);
    }
}
