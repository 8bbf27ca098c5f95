package io.promoagent.planner.internal;

import java.util.Locale;

/**
 * Normal forms of English words, so that "Customers", "customer's" and "customer" meet in one lexicon
 * entry: a key (lower case, no hyphens or apostrophes), a singular stem, and a rougher root for a last try
 * ("spenders" and "spend").
 */
final class Words {

    private Words() {
    }

    /** Lower case without apostrophes and hyphens; a possessive {@code 's} is dropped. */
    static String key(String raw) {
        String s = raw.toLowerCase(Locale.ROOT);
        if (s.endsWith("'s") || s.endsWith("\u2019s")) {
            s = s.substring(0, s.length() - 2);
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\'' && c != '\u2019' && c != '-') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The singular of a key: {@code categories -> category}, {@code customers -> customer}; {@code status} stays. */
    static String singular(String key) {
        int n = key.length();
        if (n <= 3) {
            return key;
        }
        if (key.endsWith("ies") && n > 4) {
            return key.substring(0, n - 3) + "y";
        }
        if (key.endsWith("sses") || key.endsWith("ches") || key.endsWith("shes") || key.endsWith("xes")) {
            return key.substring(0, n - 2);
        }
        if (key.endsWith("ss") || key.endsWith("us") || key.endsWith("is")) {
            return key;
        }
        if (key.endsWith("s")) {
            return key.substring(0, n - 1);
        }
        return key;
    }

    /**
     * A rough root of a singular stem, for matching a word form the lexicon does not list: {@code spender},
     * {@code spending} and {@code spend} share {@code spend}; {@code paused} and {@code pause} share
     * {@code paus}. Used only as a fallback, since unrelated words may share a root.
     */
    static String root(String stem) {
        String s = stem;
        if (s.length() > 5 && s.endsWith("ing")) {
            s = undouble(s.substring(0, s.length() - 3));
        } else if (s.length() > 6 && s.endsWith("ate")) {
            s = s.substring(0, s.length() - 3);
        } else if (s.length() > 5 && s.endsWith("est")) {
            s = undouble(s.substring(0, s.length() - 3));
        } else if (s.length() > 4 && s.endsWith("ed")) {
            s = undouble(s.substring(0, s.length() - 2));
        } else if (s.length() > 4 && s.endsWith("er")) {
            s = undouble(s.substring(0, s.length() - 2));
        } else if (s.length() > 4 && s.endsWith("ly")) {
            s = s.substring(0, s.length() - 2);
        }
        if (s.length() > 3 && s.endsWith("e")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static String undouble(String s) {
        int n = s.length();
        if (n > 2 && s.charAt(n - 1) == s.charAt(n - 2) && "aeiou".indexOf(s.charAt(n - 1)) < 0 && s.charAt(n - 1) != 'l'
                && s.charAt(n - 1) != 's') {
            return s.substring(0, n - 1);
        }
        return s;
    }

    /** Whether a word looks like a past participle ("joined", "placed"), as opposed to "expire" or "ending". */
    static boolean isPastForm(String key) {
        return key.length() > 3 && key.endsWith("ed");
    }
}
