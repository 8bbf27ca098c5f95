package io.promoagent.planner.internal;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Words that are not in the data model yet say something the query shows: "IDs" (the key, shown with
 * every record), "distinct" (records are distinct; values counted once), "inclusive" (ranges include their
 * ends), and verbs that relate records to others ("patients who have not received any treatments"). The
 * interpreter lets them pass; the {@link Accountant} accepts them only where the query bears them out.
 */
final class KnownWords {

    /** "the most frequently bought": the second word of a superlative that ranks by how many. */
    static final Set<String> FREQUENCY = Set.of("frequently", "often", "commonly", "common", "popular");
    /** "the top 5 combinations of state and type": the groups of two or more keys. */
    static final Set<String> COMBINATIONS = Set.of("combinations", "combination", "pairs", "pair", "combos");
    static final Set<String> KEY = Set.of("id", "ids", "identifier", "identifiers");
    static final Set<String> DISTINCT = Set.of("distinct", "unique");
    static final Set<String> INCLUSIVE = Set.of("inclusive", "inclusively");
    /** "not including the current month", "exclusive of the current week", "excluding today". */
    static final Set<String> EXCLUDING = Set.of("including", "excluding", "exclusive", "except");
    /** "case-insensitive": text matches ignore case already. */
    static final Set<String> ANY_CASE = Set.of("caseinsensitive", "caseinsensitively", "insensitive", "insensitively");

    /** Verbs that say where someone is: the place compared with, or the places asked for, carry them. */
    static final Set<String> PLACE_VERBS = Set.of("live", "lives", "living", "located", "based", "reside",
            "resides", "residing", "situated");

    /** Words that come before a verb relating the records asked for to others. */
    private static final Set<String> AUXILIARY = Set.of("who", "that", "which", "have", "has", "had", "been", "was",
            "were", "not", "never", "havent", "hasnt", "hadnt", "did", "didnt", "ever", "already");

    /** Irregular past forms of verbs that relate records ("made a transaction", "bought stocks"). */
    private static final Set<String> IRREGULAR = Set.of("made", "bought", "sold", "given", "taken", "paid", "won",
            "got", "gotten", "written", "seen", "sent", "held", "put", "done", "brought");

    private static final Set<String> DETERMINERS = Set.of("a", "an", "any", "the", "some", "no", "one");

    private KnownWords() {
    }

    private static final Set<String> ENDS = Set.of("start", "end", "both", "ends", "beginning", "first", "last");

    /**
     * Whether the word at token {@code i} names the ends a range includes: "inclusive of start and end
     * dates", "inclusive of both ends".
     */
    static boolean inclusiveEnds(List<Token> tokens, int i) {
        if (!ENDS.contains(tokens.get(i).key())) {
            return false;
        }
        for (int j = i - 1; j >= 1 && j >= i - 4; j--) {
            String key = tokens.get(j).key();
            if (key.equals("of") && INCLUSIVE.contains(tokens.get(j - 1).key())) {
                return true;
            }
            if (!key.equals("and") && !key.equals("the") && !ENDS.contains(key)) {
                return false;
            }
        }
        return false;
    }

    /**
     * The words of the request an abbreviation in capitals stands for ("ACP" for "average closing price"
     * said in the same request), or null: their initials, in order, are its letters.
     */
    static String expansion(List<Token> tokens, int i) {
        Token t = tokens.get(i);
        String letters = t.text();
        if (!t.allCaps() || letters.length() < 2 || letters.length() > 6 || !letters.chars().allMatch(Character::isLetter)) {
            return null;
        }
        for (int s = 0; s + letters.length() <= tokens.size(); s++) {
            if (s <= i && i < s + letters.length()) {
                continue;
            }
            boolean all = true;
            for (int j = 0; j < letters.length() && all; j++) {
                Token w = tokens.get(s + j);
                all = w.isWord() && !w.text().isEmpty()
                        && Character.toLowerCase(w.text().charAt(0)) == Character.toLowerCase(letters.charAt(j));
            }
            if (all) {
                StringBuilder b = new StringBuilder();
                for (int j = 0; j < letters.length(); j++) {
                    b.append(j > 0 ? " " : "").append(tokens.get(s + j).text());
                }
                return b.toString();
            }
        }
        return null;
    }

    /** Whether a word passes without doubt in the interpreter; the accountant still checks it. */
    static boolean quiet(String key) {
        return KEY.contains(key) || DISTINCT.contains(key) || COMBINATIONS.contains(key) || INCLUSIVE.contains(key) || ANY_CASE.contains(key)
                || EXCLUDING.contains(key) || PLACE_VERBS.contains(key);
    }

    /**
     * Whether a word is the unit in the name of a field of {@code head} or of an entity it reaches ("kg" of
     * {@code weight_kg}, "cm" of {@code height_cm}): "weight in kg" says the field again.
     */
    static boolean unitOfField(String key, io.promoagent.schema.model.Entity head,
                               io.promoagent.schema.model.DataModel model) {
        if (key.length() > 3) {
            return false;
        }
        for (io.promoagent.schema.model.Entity e : model.entities()) {
            if (e.name().equals(head.name()) || model.navigations(head.name()).values().stream()
                    .anyMatch(n -> n.to().equals(e.name()))) {
                for (io.promoagent.schema.model.Field f : e.fields()) {
                    if (f.name().toLowerCase(java.util.Locale.ROOT).endsWith("_" + key)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether the unknown word at chunk {@code k} is a verb relating the records to others: a past or
     * -ing form after "who have", "that", "not" (or right after the entity), followed, past articles and
     * words describing them, by an entity {@code related} accepts.
     */
    static boolean relationVerb(List<Token> tokens, List<Chunk> chunks, int k, Predicate<String> related) {
        Token t = tokens.get(chunks.get(k).from());
        String key = t.key();
        boolean verb = t.isWord() && !t.capitalized() && (Words.isPastForm(key) || IRREGULAR.contains(key)
                || (key.endsWith("ing") && key.length() > 5));
        if (!verb || k == 0) {
            return false;
        }
        Chunk before = chunks.get(k - 1);
        boolean denied = before instanceof Chunk.Word n && (n.role() == Grammar.Role.NEG
                || tokens.get(n.to() - 1).is("been"));
        boolean auxiliary = before instanceof Chunk.Word w && AUXILIARY.contains(tokens.get(w.to() - 1).key());
        boolean afterEntity = key.endsWith("ing") && before instanceof Chunk.Term b
                && b.senses().stream().anyMatch(s -> s instanceof Sense.EntitySense);
        // an adjective reads like a past form ("haunted orders"): a verb is denied, passive, followed by a
        // determiner ("made a transaction", "received any treatments"), or an -ing form after the entity
        boolean determiner = k + 1 < chunks.size() && DETERMINERS.contains(tokens.get(chunks.get(k + 1).from()).key());
        if (!(denied || afterEntity || auxiliary && determiner)) {
            return false;
        }
        for (int j = k + 1; j < chunks.size() && j <= k + 4; j++) {
            Chunk c = chunks.get(j);
            if (c instanceof Chunk.Term term) {
                if (term.senses().stream().anyMatch(s -> s instanceof Sense.EntitySense && related.test(s.entity()))) {
                    return true;
                }
                continue; // "prescribed biologic drugs": the value describes the records
            }
            if (c instanceof Chunk.Word w && (w.role() == Grammar.Role.STOP || w.role() == Grammar.Role.NEG)) {
                continue;
            }
            if (c instanceof Chunk.Literal l && l.token().kind() == Token.Kind.QUOTED) {
                continue;
            }
            return false;
        }
        return false;
    }
}
