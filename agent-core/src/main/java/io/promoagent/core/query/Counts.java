package io.promoagent.core.query;

import java.util.Locale;

/** Numbers as a person reads them in an estimate: grouped digits, at most one decimal. */
final class Counts {

    private Counts() {
    }

    static String of(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String of(double n) {
        if (n >= Long.MAX_VALUE / 2.0) {
            return "unlimited";
        }
        return n == Math.rint(n) ? of((long) n) : String.format(Locale.ROOT, "%,.1f", n);
    }
}
