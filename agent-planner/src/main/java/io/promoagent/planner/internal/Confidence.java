package io.promoagent.planner.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * How sure the planner is of one reading, and why: it starts near certainty and each guess it has to make
 * (a word it does not know, a typing error it corrected, a default it chose) costs a factor, with a note.
 */
final class Confidence {

    private double value;
    private final List<String> notes = new ArrayList<>();

    Confidence(double start) {
        this.value = start;
    }

    void penalize(double factor, String note) {
        value *= factor;
        notes.add(note);
    }

    void note(String note) {
        notes.add(note);
    }

    double value() {
        return Math.max(0, Math.min(1, value));
    }

    List<String> notes() {
        return notes;
    }

    String reason(String summary) {
        if (notes.isEmpty()) {
            return summary;
        }
        return summary + " (" + String.join("; ", notes) + ")";
    }
}
