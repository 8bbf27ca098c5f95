package io.promoagent.planner.internal;

import java.util.List;

/**
 * A span of tokens with one reading: a phrase of the data model's vocabulary, a structural word, a literal,
 * a time expression, or a word nobody knows.
 */
sealed interface Chunk {

    /** The first token. */
    int from();

    /** The token after the last one. */
    int to();

    /**
     * A phrase of the vocabulary with its possible meanings, best first.
     *
     * @param alternative a structural reading of the same words ("total" is a field and a sum), or null
     * @param penalty     1 for an exact match, less for another word form or a typing error
     */
    record Term(int from, int to, List<Sense> senses, Grammar.Match alternative, double penalty) implements Chunk {
    }

    /**
     * A structural word or phrase.
     *
     * @param senses what the same words mean in the vocabulary, if anything ("from" is also a field synonym)
     */
    record Word(int from, int to, Grammar.Match grammar, List<Sense> senses) implements Chunk {
        Grammar.Role role() {
            return grammar.role();
        }
    }

    /** A number, amount, percentage, date, e-mail address, identifier, quoted text or symbol. */
    record Literal(int from, int to, Token token) implements Chunk {
    }

    /** A time expression. */
    record Time(int from, int to, TimePhrase phrase) implements Chunk {
    }

    /** A word that is neither vocabulary nor structure: a name, or something not understood. */
    record Unknown(int from, int to, Token token) implements Chunk {
    }
}
