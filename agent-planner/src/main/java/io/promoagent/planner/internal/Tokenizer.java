package io.promoagent.planner.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a request into {@link Token}s: words, numbers with separators ({@code 1,000.50}, {@code 1.5k}),
 * money ({@code $1,000}, {@code 800 dollars}), percentages ({@code 25%}, {@code 25 percent}), ISO dates,
 * e-mail addresses, identifiers, quoted text and comparison symbols. Other punctuation is dropped.
 */
final class Tokenizer {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?([kKmM](?![A-Za-z0-9]))?");
    private static final Set<String> CURRENCY_WORDS = Set.of("dollars", "dollar", "usd", "bucks", "euros", "euro",
            "eur", "pounds", "gbp");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8),
            Map.entry("nine", 9), Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12),
            Map.entry("fifteen", 15), Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("forty", 40),
            Map.entry("fifty", 50), Map.entry("sixty", 60), Map.entry("ninety", 90), Map.entry("hundred", 100));

    private Tokenizer() {
    }

    private static final Pattern EXPONENT = Pattern.compile("[eE][+-]?\\d{1,6}");

    static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\u201C' || c == '\u201D') {
                i = quoted(text, i, out);
            } else if ((c == '\'' || c == '`' || c == '\u2018')
                    && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))) && closes(text, i)) {
                i = quoted(text, i, out); // 'Drugalin', `VTI`: an apostrophe inside a word ("don't") is no quote
            } else if ((c == '$' || c == '\u20AC' || c == '\u00A3') && i + 1 < n && Character.isDigit(text.charAt(i + 1))) {
                i = number(text, i + 1, i, Token.Kind.MONEY, out);
            } else if (Character.isDigit(c)) {
                i = digits(text, i, out);
            } else if (Character.isLetter(c)) {
                i = word(text, i, out);
            } else if (c == '>' || c == '<' || c == '=' || c == '!' || c == '\u2265' || c == '\u2264') {
                i = symbol(text, i, out);
            } else {
                i++;
            }
        }
        return mergeUnits(out);
    }

    /** Whether a single quote or backtick at {@code i} has its closing one before the line ends. */
    private static boolean closes(String text, int i) {
        int end = text.indexOf(closing(text.charAt(i)), i + 1);
        return end > i + 1 && (end + 1 == text.length() || !Character.isLetterOrDigit(text.charAt(end + 1)));
    }

    private static char closing(char open) {
        return switch (open) {
            case '\u201C' -> '\u201D';
            case '\u2018' -> '\u2019';
            case '\'', '`' -> open;
            default -> '"';
        };
    }

    private static int quoted(String text, int i, List<Token> out) {
        char close = closing(text.charAt(i));
        int end = text.indexOf(close, i + 1);
        if (end < 0) {
            return i + 1;
        }
        String inner = text.substring(i + 1, end).strip();
        if (!inner.isEmpty()) {
            String key = inner.toLowerCase(Locale.ROOT);
            out.add(new Token(Token.Kind.QUOTED, inner, key, key, null, null, i, end + 1));
        }
        return end + 1;
    }

    private static int digits(String text, int i, List<Token> out) {
        Matcher date = ISO_DATE.matcher(text).region(i, text.length());
        if (date.lookingAt() && !continuesWord(text, date.end())) {
            try {
                LocalDate d = LocalDate.parse(date.group());
                out.add(new Token(Token.Kind.DATE, date.group(), date.group(), date.group(), null, d, i, date.end()));
                return date.end();
            } catch (DateTimeParseException e) {
                // not a real date: read it as numbers
            }
        }
        int end = wordEnd(text, i);
        String whole = text.substring(i, end);
        if (hasLetter(whole) && !NUMBER.matcher(whole).matches() && !isOrdinal(whole)
                && !whole.matches("\\d+(\\.\\d+)?[eE][+-]?\\d{1,6}")) {
            return word(text, i, out);
        }
        return number(text, i, i, Token.Kind.NUMBER, out);
    }

    private static int number(String text, int from, int start, Token.Kind kind, List<Token> out) {
        Matcher m = NUMBER.matcher(text).region(from, text.length());
        if (!m.lookingAt()) {
            return from + 1;
        }
        BigDecimal v = new BigDecimal(m.group(1).replace(",", "") + (m.group(2) == null ? "" : m.group(2)));
        if (m.group(3) != null) {
            v = v.multiply(Character.toLowerCase(m.group(3).charAt(0)) == 'k' ? BigDecimal.valueOf(1000)
                    : BigDecimal.valueOf(1_000_000));
            v = v.stripTrailingZeros();
            if (v.scale() < 0) {
                v = v.setScale(0);
            }
        }
        int end = m.end();
        Matcher exponent = EXPONENT.matcher(text).region(end, text.length());
        if (m.group(3) == null && exponent.lookingAt() && !continuesWord(text, exponent.end())) {
            // "1e400": a number in scientific notation, however large, is a number and not an identifier
            v = new BigDecimal(v.toPlainString() + exponent.group());
            end = exponent.end();
        }
        if (end < text.length() && text.charAt(end) == '%') {
            kind = Token.Kind.PERCENT;
            end++;
        } else if (kind == Token.Kind.NUMBER && isOrdinal(text.substring(from, wordEnd(text, from)))) {
            end = wordEnd(text, from);
        }
        String raw = text.substring(start, end);
        out.add(new Token(kind, raw, raw, raw, v, null, start, end));
        return end;
    }

    private static int word(String text, int i, List<Token> out) {
        Matcher email = EMAIL.matcher(text).region(i, text.length());
        if (email.lookingAt()) {
            String e = email.group();
            out.add(new Token(Token.Kind.EMAIL, e, e.toLowerCase(Locale.ROOT), e.toLowerCase(Locale.ROOT), null, null, i,
                    email.end()));
            return email.end();
        }
        int end = wordEnd(text, i);
        String raw = text.substring(i, end);
        if (raw.length() > 4 && raw.regionMatches(true, 0, "non-", 0, 4)) {
            // "non-VIP" is "non" "VIP": the negation and the word
            out.add(new Token(Token.Kind.WORD, raw.substring(0, 3), "non", "non", null, null, i, i + 3));
            return word(text, i + 4, out);
        }
        int next = end;
        if (raw.length() > 2 && (raw.endsWith("'s") || raw.endsWith("\u2019s"))
                && Character.isUpperCase(raw.charAt(0))) {
            // "John's orders": the possessive names John; what is his follows
            raw = raw.substring(0, raw.length() - 2);
            end -= 2;
        }
        while (!raw.isEmpty() && ".-_'\u2019".indexOf(raw.charAt(raw.length() - 1)) >= 0) {
            raw = raw.substring(0, raw.length() - 1);
            end--;
        }
        if (raw.indexOf('_') > 0 && !hasDigit(raw) && raw.indexOf('.') < 0 && !raw.endsWith("_")) {
            // "payment_method", "daily_prices": a name written as stored is its words, not a record's id
            int from = i;
            for (String part : raw.split("_")) {
                if (!part.isEmpty()) {
                    String k = Words.key(part);
                    out.add(new Token(Token.Kind.WORD, part, k, Words.singular(k), null, null, from,
                            from + part.length()));
                }
                from += part.length() + 1;
            }
            return Math.max(next, i + 1);
        }
        String key = Words.key(raw);
        boolean ident = hasDigit(raw) || raw.indexOf('_') >= 0 || raw.indexOf('.') >= 0;
        if (ident) {
            out.add(new Token(Token.Kind.IDENT, raw, key, key, null, null, i, end));
        } else if (NUMBER_WORDS.containsKey(key)) {
            out.add(new Token(Token.Kind.NUMBER, raw, key, key, BigDecimal.valueOf(NUMBER_WORDS.get(key)), null, i, end));
        } else {
            out.add(new Token(Token.Kind.WORD, raw, key, Words.singular(key), null, null, i, end));
        }
        return Math.max(next, i + 1);
    }

    private static int symbol(String text, int i, List<Token> out) {
        char c = text.charAt(i);
        String s;
        if (c == '\u2265') {
            s = ">=";
        } else if (c == '\u2264') {
            s = "<=";
        } else if (i + 1 < text.length() && text.charAt(i + 1) == '=' && c != '=') {
            s = c + "=";
        } else {
            s = String.valueOf(c);
        }
        int len = (c == '\u2265' || c == '\u2264') ? 1 : s.length();
        if (!s.equals("!")) {
            out.add(new Token(Token.Kind.SYMBOL, text.substring(i, i + len), s, s, null, null, i, i + len));
        }
        return i + len;
    }

    /** Joins "800 dollars" into money and "25 percent" / "25 per cent" into a percentage. */
    private static List<Token> mergeUnits(List<Token> in) {
        List<Token> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            Token t = in.get(i);
            if (t.kind() == Token.Kind.NUMBER && i + 1 < in.size() && in.get(i + 1).isWord()) {
                Token next = in.get(i + 1);
                if (CURRENCY_WORDS.contains(next.key())) {
                    out.add(t.as(Token.Kind.MONEY, t.number(), next.end(), t.text() + " " + next.text()));
                    i++;
                    continue;
                }
                if (next.is("percent") || next.is("pct") || next.is("percentage")) {
                    out.add(t.as(Token.Kind.PERCENT, t.number(), next.end(), t.text() + " " + next.text()));
                    i++;
                    continue;
                }
                if (next.is("per") && i + 2 < in.size() && in.get(i + 2).is("cent")) {
                    out.add(t.as(Token.Kind.PERCENT, t.number(), in.get(i + 2).end(), t.text() + " per cent"));
                    i += 2;
                    continue;
                }
            }
            out.add(t);
        }
        return out;
    }

    private static int wordEnd(String text, int i) {
        int j = i;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (Character.isLetterOrDigit(c) || c == '_') {
                j++;
            } else if ((c == '-' || c == '\'' || c == '\u2019' || c == '.') && j + 1 < text.length()
                    && Character.isLetterOrDigit(text.charAt(j + 1)) && j > i) {
                j++;
            } else {
                break;
            }
        }
        return j;
    }

    private static boolean continuesWord(String text, int i) {
        return i < text.length() && Character.isLetterOrDigit(text.charAt(i));
    }

    private static boolean isOrdinal(String s) {
        return s.matches("\\d{1,2}(st|nd|rd|th)");
    }

    private static boolean hasLetter(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isLetter(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
