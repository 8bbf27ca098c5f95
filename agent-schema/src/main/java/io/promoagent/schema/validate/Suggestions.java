package io.promoagent.schema.validate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Ranks the names closest to a wrong one, for "did you mean" suggestions.
 *
 * <p>A name is close when it differs only in case or separators ({@code TotalSpent}, {@code total-spent}),
 * in a plural or singular ending ({@code total_spents}), in the order of its words ({@code spent_total}),
 * by a few typing errors (optimal string alignment distance), or when the wrong word is one of the name's
 * synonyms, which then ranks it first.
 */
public final class Suggestions {

    /** At most this many suggestions accompany an error. */
    public static final int MAX = 3;

    /** Longer wrong words get no suggestions: they are not typing errors, and comparing them costs. */
    static final int MAX_WORD = 100;

    /** Scores above this are not plausible enough to suggest. */
    private static final double PLAUSIBLE = 0.5;
    /** A suggestion this much worse than the best one is noise next to it. */
    private static final double BEHIND_BEST = 0.25;

    private static final Pattern CASE_CHANGE = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}%]+");

    private Suggestions() {
    }

    /**
     * The candidates closest to {@code wrong}, best first, at most {@link #MAX}; only those close enough
     * to be plausible.
     */
    public static List<String> rank(String wrong, Collection<String> candidates) {
        Vocabulary v = new Vocabulary();
        candidates.forEach(c -> v.add(c, List.of()));
        return v.rank(wrong);
    }

    /**
     * The names closest to {@code wrong}, best first, at most {@link #MAX}, comparing {@code wrong} with
     * each name and with its synonyms; a wrong word equal to a synonym ranks that name first.
     *
     * @param namesWithSynonyms each candidate name with the other words that mean it
     */
    public static List<String> rank(String wrong, Map<String, ? extends Collection<String>> namesWithSynonyms) {
        Vocabulary v = new Vocabulary();
        namesWithSynonyms.forEach(v::add);
        return v.rank(wrong);
    }

    /**
     * Words that may stand for names, each with a penalty added to its score: a name's own spelling
     * costs nothing, its synonyms a little, a looser association (a field's bare name standing for its
     * dotted path) a little more. Build one once to rank many wrong words against the same names.
     */
    public static final class Vocabulary {
        /** Penalty of a synonym over the name itself. */
        public static final double SYNONYM = 0.02;

        private record Word(String suggestion, String normalised, List<String> stems, double penalty, int order) {
        }

        private final List<Word> words = new ArrayList<>();
        private final Map<String, Integer> order = new LinkedHashMap<>();

        /** Adds a name and its synonyms. */
        public Vocabulary add(String name, Collection<String> synonyms) {
            word(name, name, 0);
            synonyms.forEach(s -> word(name, s, SYNONYM));
            return this;
        }

        /** Adds a word that stands for {@code suggestion} with an extra {@code penalty}. */
        public Vocabulary word(String suggestion, String word, double penalty) {
            if (suggestion == null || word == null) {
                return this;
            }
            int o = order.computeIfAbsent(suggestion, k -> order.size());
            words.add(new Word(suggestion, normalise(word), sortedStems(tokens(word)), penalty, o));
            return this;
        }

        public boolean isEmpty() {
            return words.isEmpty();
        }

        /** The names closest to {@code wrong}, best first, at most {@link #MAX}. */
        public List<String> rank(String wrong) {
            if (wrong == null || wrong.isBlank() || wrong.length() > MAX_WORD) {
                return List.of();
            }
            String w = normalise(wrong);
            if (w.isEmpty()) {
                return List.of();
            }
            List<String> wStems = sortedStems(tokens(wrong));
            record Scored(String name, double score, int order) {
            }
            Map<String, Scored> best = new LinkedHashMap<>();
            for (Word c : words) {
                double s = score(w, wStems, c.normalised(), c.stems()) + c.penalty();
                if (s > PLAUSIBLE) {
                    continue;
                }
                Scored prev = best.get(c.suggestion());
                if (prev == null || s < prev.score()) {
                    best.put(c.suggestion(), new Scored(c.suggestion(), s, c.order()));
                }
            }
            List<Scored> sorted = best.values().stream()
                    .sorted(Comparator.comparingDouble(Scored::score).thenComparingInt(Scored::order)).toList();
            double cutoff = sorted.isEmpty() ? 0 : sorted.get(0).score() + BEHIND_BEST;
            return sorted.stream().filter(s -> s.score() <= cutoff).limit(MAX).map(Scored::name).toList();
        }
    }

    /** 0 for the same word up to case and separators, growing with the difference; about 1 for unrelated words. */
    static double score(String w, List<String> wStems, String c, List<String> cStems) {
        if (c.isEmpty()) {
            return 1;
        }
        if (w.equals(c)) {
            return 0;
        }
        if (sameButForNumber(w, c)) {
            return 0.05;
        }
        if (wStems.size() > 1 && wStems.equals(cStems)) {
            return 0.08;
        }
        int longest = Math.max(w.length(), c.length());
        int d = distance(w, c);
        double score = (double) d / longest;
        // a typo in a short word is a bigger share of it; keep one typo in a 2- or 3-letter word plausible
        if (d == 1) {
            score = Math.min(score, 0.34);
        }
        if (w.length() >= 3) {
            if (c.startsWith(w) || (c.length() >= 3 && w.startsWith(c))) {
                score = Math.min(score, 0.3);
            } else if (c.contains(w) || (c.length() >= 4 && w.contains(c))) {
                score = Math.min(score, 0.45);
            }
        }
        return score;
    }

    /** Whether two normalised words differ only by a plural ending. */
    static boolean sameButForNumber(String a, String b) {
        return stem(a).equals(stem(b));
    }

    private static String stem(String s) {
        if (s.length() > 4 && s.endsWith("ies")) {
            return s.substring(0, s.length() - 3) + "y";
        }
        if (s.length() > 3 && (s.endsWith("ses") || s.endsWith("xes") || s.endsWith("ches") || s.endsWith("shes"))) {
            return s.substring(0, s.length() - 2);
        }
        if (s.length() > 2 && s.endsWith("s") && !s.endsWith("ss")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static List<String> sortedStems(List<String> tokens) {
        return tokens.stream().map(Suggestions::stem).sorted().toList();
    }

    /** The words of a name: split at separators and at lower-to-upper case changes ({@code totalSpent}). */
    static List<String> tokens(String s) {
        String split = CASE_CHANGE.matcher(s).replaceAll("$1 $2");
        return Arrays.stream(SEPARATORS.split(split.toLowerCase(Locale.ROOT)))
                .filter(t -> !t.isEmpty()).toList();
    }

    /** Lower case without separators: {@code Total-Spent} and {@code total_spent} both become {@code totalspent}. */
    static String normalise(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.toLowerCase(Locale.ROOT).codePoints()
                .filter(cp -> Character.isLetterOrDigit(cp) || cp == '%')
                .forEach(b::appendCodePoint);
        return b.toString();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and transpositions. */
    public static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
