package io.promoagent.dynamodb.internal.compile;

import io.promoagent.schema.eval.Values;

/**
 * One end of a sort-key range, and whether it is excluded; used to pick the tightest key condition and to
 * tell which comparisons it makes redundant.
 *
 * @param value  the bound
 * @param strict whether the bound itself is excluded
 */
record Bound(Object value, boolean strict) {

    static Bound tighterLower(Bound current, Bound candidate) {
        if (current == null) {
            return candidate;
        }
        int c = Values.compare(candidate.value, current.value);
        return c > 0 || (c == 0 && candidate.strict) ? candidate : current;
    }

    static Bound tighterUpper(Bound current, Bound candidate) {
        if (current == null) {
            return candidate;
        }
        int c = Values.compare(candidate.value, current.value);
        return c < 0 || (c == 0 && candidate.strict) ? candidate : current;
    }

    /** Whether every value within {@code lower..upper} meets {@code leaf}, so the leaf need not be checked. */
    static boolean implies(Bound lower, Bound upper, Condition.Leaf leaf) {
        switch (leaf.op()) {
            case GT:
                return atLeast(lower, leaf.value(), true);
            case GTE:
                return atLeast(lower, leaf.value(), false);
            case LT:
                return atMost(upper, leaf.value(), true);
            case LTE:
                return atMost(upper, leaf.value(), false);
            case BETWEEN:
                return atLeast(lower, leaf.values().get(0), false) && atMost(upper, leaf.values().get(1), false);
            default:
                return false;
        }
    }

    private static boolean atLeast(Bound lower, Object value, boolean strict) {
        if (lower == null) {
            return false;
        }
        int c = Values.compare(lower.value, value);
        return c > 0 || (c == 0 && (lower.strict || !strict));
    }

    private static boolean atMost(Bound upper, Object value, boolean strict) {
        if (upper == null) {
            return false;
        }
        int c = Values.compare(upper.value, value);
        return c < 0 || (c == 0 && (upper.strict || !strict));
    }
}
