package io.promoagent.jdbc.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The names nearest to a misspelt one, by edit distance, for error messages. */
final class Nearest {

    private Nearest() {
    }

    static List<String> to(String wanted, Collection<String> existing, int max) {
        String w = wanted.toLowerCase(Locale.ROOT);
        return existing.stream()
                .sorted(Comparator.comparingInt((String e) -> distance(w, e.toLowerCase(Locale.ROOT))).thenComparing(e -> e))
                .limit(max)
                .toList();
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
