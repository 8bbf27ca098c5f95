package io.promoagent.planner.plan;

import java.util.Objects;

/**
 * What one word or phrase of a request was used for in a plan: {@code 'VIP'} rule vip, {@code 'with'}
 * function word, {@code 'top'} order. A plan carries one for every word; a word nothing used makes a plan
 * unsure.
 *
 * @param text the word or phrase as written
 * @param use  what used it; empty when nothing did
 */
public record WordUse(String text, String use) {

    public WordUse {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(use, "use");
    }

    /** Whether something in the plan used the word. */
    public boolean accounted() {
        return !use.isEmpty();
    }
}
