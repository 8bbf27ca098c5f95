package io.promoagent.schema.validate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Ranks the names closest to a wrong one, for "did you mean" suggestions. */
public final class Suggestions {

    /** At most this many suggestions accompany an error. */
    public static final int MAX = 3;

    private Suggestions() {
    }

    /**
     * The candidates closest to {@code wrong} by edit distance (ignoring case and separators), best first,
     * at most {@link #MAX}; only those close enough to be plausible.
     */
    public static List<String> rank(String wrong, Collection<String> candidates) {
        String w = normalise(wrong);
        record Scored(String name, double score) {
        }
        List<Scored> scored = new ArrayList<>();
        for (String c : candidates) {
            String n = normalise(c);
            int d = distance(w, n);
            int longest = Math.max(1, Math.max(w.length(), n.length()));
            double score = (double) d / longest;
            if (n.startsWith(w) || w.startsWith(n)) {
                score = Math.min(score, 0.3);
            }
            if (n.contains(w) || w.contains(n)) {
                score = Math.min(score, 0.45);
            }
            if (score <= 0.6) {
                scored.add(new Scored(c, score));
            }
        }
        scored.sort(Comparator.comparingDouble(Scored::score).thenComparing(Scored::name));
        return scored.stream().limit(MAX).map(Scored::name).distinct().toList();
    }

    static String normalise(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(" ", "").replace(".", "");
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
