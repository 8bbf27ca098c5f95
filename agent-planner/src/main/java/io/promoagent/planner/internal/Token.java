package io.promoagent.planner.internal;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One unit of a request: a word, a number, an amount of money, a percentage, a date, an e-mail address, an
 * identifier ({@code C00042}, {@code SUMMER25}), a quoted text or a comparison symbol.
 *
 * @param kind   what it is
 * @param text   the text as written
 * @param key    the matching form: lower case, no hyphens or apostrophes (for a symbol, the symbol)
 * @param stem   the singular of the key
 * @param number the value of a number, amount or percentage; null otherwise
 * @param date   the value of a date; null otherwise
 * @param start  where it starts in the request
 * @param end    where it ends in the request (exclusive)
 */
record Token(Kind kind, String text, String key, String stem, BigDecimal number, LocalDate date, int start, int end) {

    /** The kinds of tokens. */
    enum Kind { WORD, NUMBER, MONEY, PERCENT, DATE, EMAIL, IDENT, QUOTED, SYMBOL }

    boolean isWord() {
        return kind == Kind.WORD;
    }

    boolean isNumeric() {
        return kind == Kind.NUMBER || kind == Kind.MONEY || kind == Kind.PERCENT;
    }

    /** Whether the word is written with a capital first letter. */
    boolean capitalized() {
        return !text.isEmpty() && Character.isUpperCase(text.charAt(0));
    }

    /** Whether every letter is upper case ("US", "VIP"). */
    boolean allCaps() {
        boolean letter = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letter = true;
                if (!Character.isUpperCase(c)) {
                    return false;
                }
            }
        }
        return letter;
    }

    /** Whether the number is a whole number. */
    boolean isWhole() {
        return number != null && number.stripTrailingZeros().scale() <= 0;
    }

    boolean is(String k) {
        return key.equals(k);
    }

    Token as(Kind newKind, BigDecimal value, int newEnd, String newText) {
        return new Token(newKind, newText, key, stem, value, date, start, newEnd);
    }
}
