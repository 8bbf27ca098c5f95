package io.promoagent.planner.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts tokens into {@link Chunk}s, longest reading first: a time expression wins where one starts, then the
 * longer of a vocabulary phrase and a structural phrase (structure wins ties for function words such as
 * "from", the vocabulary for content words such as "total"); a comparison word counts as one only before
 * a number ("over $250", but "promotions that are over").
 */
final class Chunker {

    private Chunker() {
    }

    static List<Chunk> chunk(List<Token> tokens, Lexicon lexicon, LocalDate today) {
        return chunk(tokens, 0, tokens.size(), lexicon, today, Integer.MAX_VALUE);
    }

    /** A quoted text that is exactly an enum value ('buy') is that value; anything else stays a text. */
    private static List<Sense> quotedValue(Token t, Lexicon lexicon) {
        List<Token> words = Tokenizer.tokenize(t.text());
        Lexicon.Match m = words.isEmpty() ? null : lexicon.longest(words, 0);
        if (m == null || m.length() != words.size()
                || !m.senses().stream().allMatch(s -> s instanceof Sense.ValueSense)) {
            return List.of();
        }
        return m.senses();
    }

    /** Chunks tokens {@code from..to}, with vocabulary phrases at most {@code maxPhrase} tokens long. */
    static List<Chunk> chunk(List<Token> tokens, int from, int to, Lexicon lexicon, LocalDate today, int maxPhrase) {
        List<Token> view = tokens.subList(0, to);
        List<Chunk> out = new ArrayList<>();
        int i = from;
        while (i < to) {
            Token t = view.get(i);
            if (t.kind() != Token.Kind.WORD && t.kind() != Token.Kind.SYMBOL && t.kind() != Token.Kind.NUMBER
                    && t.kind() != Token.Kind.DATE && t.kind() != Token.Kind.IDENT) {
                List<Sense> value = t.kind() == Token.Kind.QUOTED ? quotedValue(t, lexicon) : List.of();
                out.add(value.isEmpty() ? new Chunk.Literal(i, i + 1, t) : new Chunk.Term(i, i + 1, value, null, 1.0));
                i++;
                continue;
            }
            TimeParser.Result time = timeAllowed(view, i) ? TimeParser.parse(view, i, today) : null;
            if (time != null) {
                out.add(new Chunk.Time(i, i + time.length(), time.phrase()));
                i += time.length();
                continue;
            }
            if (t.kind() == Token.Kind.DATE || (t.kind() == Token.Kind.NUMBER && !t.isWord())) {
                Grammar.Match g = Grammar.longest(view, i);
                if (g == null) {
                    out.add(new Chunk.Literal(i, i + 1, t));
                    i++;
                    continue;
                }
            }
            Lexicon.Match lex = lexicon.longest(view, i);
            if (lex != null && lex.length() > maxPhrase) {
                lex = shorter(lexicon, view, i, maxPhrase);
            }
            Grammar.Match g = Grammar.longest(view, i);
            int overlap = lex == null ? 0 : overlapped(lexicon, view, i, lex.length(), Math.min(maxPhrase, to - i));
            if (overlap > 0) {
                // "total fees collected": "fees collected" reaches further than "total fees"; cut before it
                Lexicon.Match head = shorter(lexicon, view.subList(0, i + overlap), i, overlap);
                Grammar.Match word = Grammar.longest(view.subList(0, i + overlap), i);
                if (word != null && word.length() == overlap) {
                    out.add(new Chunk.Word(i, i + overlap, word, head != null && head.length() == overlap ? head.senses()
                            : List.of()));
                    i += overlap;
                    continue;
                }
                if (head != null && head.length() == overlap) {
                    out.add(new Chunk.Term(i, i + overlap, head.senses(), null, head.penalty()));
                    i += overlap;
                    continue;
                }
            }
            if (g != null && (g.role() == Grammar.Role.CMP) && !numberFollows(view, i + g.length())) {
                g = t.kind() == Token.Kind.SYMBOL ? g : null;
            }
            if (g != null && lex != null) {
                if (g.length() > lex.length() || (g.length() == lex.length() && preferGrammar(g, t))) {
                    out.add(new Chunk.Word(i, i + g.length(), g, g.length() == lex.length() ? lex.senses() : List.of()));
                    i += g.length();
                } else {
                    out.add(new Chunk.Term(i, i + lex.length(), lex.senses(), g.length() == lex.length() ? g : null,
                            lex.penalty()));
                    i += lex.length();
                }
            } else if (lex != null) {
                out.add(new Chunk.Term(i, i + lex.length(), lex.senses(), null, lex.penalty()));
                i += lex.length();
            } else if (g != null) {
                out.add(new Chunk.Word(i, i + g.length(), g, List.of()));
                i += g.length();
            } else if (t.kind() == Token.Kind.WORD) {
                Lexicon.Match approx = t.capitalized() && i > 0 ? null : lexicon.approximate(t);
                if (approx != null) {
                    out.add(new Chunk.Term(i, i + 1, approx.senses(), null, approx.penalty()));
                } else {
                    out.add(new Chunk.Unknown(i, i + 1, t));
                }
                i++;
            } else {
                out.add(new Chunk.Literal(i, i + 1, t));
                i++;
            }
        }
        return out;
    }

    /**
     * "orders placed since March" is not the measure "orders placed" when nothing is counted or totalled:
     * a phrase that only names a measure, in a request that does not aggregate, is read again in shorter
     * phrases when its first word names an entity.
     */
    static List<Chunk> splitStrayMeasures(List<Chunk> chunks, List<Token> tokens, Lexicon lexicon, LocalDate today) {
        if (aggregating(chunks)) {
            return chunks;
        }
        List<Chunk> out = new ArrayList<>();
        for (Chunk c : chunks) {
            if (c instanceof Chunk.Term t && t.to() - t.from() > 1
                    && t.senses().stream().allMatch(s -> s instanceof Sense.MeasureSense)) {
                Lexicon.Match first = lexicon.longest(tokens.subList(0, t.from() + 1), t.from());
                if (first != null && first.senses().stream().anyMatch(s -> s instanceof Sense.EntitySense)) {
                    out.addAll(chunk(tokens, t.from(), t.to(), lexicon, today, t.to() - t.from() - 1));
                    continue;
                }
            }
            out.add(c);
        }
        return out;
    }

    /**
     * Where a phrase starting inside the match at {@code i} reaches past its end, the length to cut the
     * match at; 0 when none does.
     */
    private static int overlapped(Lexicon lexicon, List<Token> tokens, int i, int length, int max) {
        for (int j = i + 1; j < i + length; j++) {
            Lexicon.Match later = lexicon.longest(tokens, j);
            if (later != null && j + later.length() > i + length && j + later.length() <= i + max) {
                return j - i;
            }
        }
        return 0;
    }

    private static Lexicon.Match shorter(Lexicon lexicon, List<Token> tokens, int i, int maxPhrase) {
        for (int len = maxPhrase; len >= 1; len--) {
            Lexicon.Match m = lexicon.longest(tokens.subList(0, Math.min(tokens.size(), i + len)), i);
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    /**
     * Whether a request counts, totals, averages, groups or ranks; "by" before a value or a rule ("placed
     * by premium customers") says who, and groups nothing.
     */
    static boolean aggregating(List<Chunk> chunks) {
        for (int k = 0; k < chunks.size(); k++) {
            Chunk c = chunks.get(k);
            Grammar.Role role = c instanceof Chunk.Word w ? w.role()
                    : c instanceof Chunk.Term t && t.alternative() != null ? t.alternative().role() : null;
            if (role == Grammar.Role.GROUP && k + 1 < chunks.size() && (chunks.get(k + 1) instanceof Chunk.Unknown
                    || (chunks.get(k + 1) instanceof Chunk.Term t && t.senses().stream().allMatch(s ->
                    s instanceof Sense.ValueSense || s instanceof Sense.RuleSense)))) {
                continue;
            }
            if (role == Grammar.Role.COUNT || role == Grammar.Role.SUM || role == Grammar.Role.AVG
                    || role == Grammar.Role.MIN || role == Grammar.Role.MAX || role == Grammar.Role.GROUP
                    || role == Grammar.Role.GROUP_UNIT || role == Grammar.Role.DESC || role == Grammar.Role.ASC) {
                return true;
            }
        }
        return false;
    }

    /** Content words ("total", "month", "top") keep their vocabulary meaning; function words do not. */
    private static boolean preferGrammar(Grammar.Match g, Token t) {
        return switch (g.role()) {
            case SUM, AVG, MIN, MAX, UNIT, DESC, ASC, COUNT -> false;
            default -> !t.allCaps() || t.key().length() > 3;
        };
    }

    /** "top 5 months" is a count of months, not a time span. */
    private static boolean timeAllowed(List<Token> tokens, int i) {
        if (i == 0 || tokens.get(i).kind() != Token.Kind.NUMBER) {
            return true;
        }
        Grammar.Match g = Grammar.longest(tokens, i - 1);
        return g == null || (g.role() != Grammar.Role.DESC && g.role() != Grammar.Role.ASC);
    }

    private static boolean numberFollows(List<Token> tokens, int i) {
        int j = i;
        if (j < tokens.size() && tokens.get(j).is("of")) {
            j++;
        }
        return j < tokens.size() && (tokens.get(j).isNumeric() || tokens.get(j).kind() == Token.Kind.DATE);
    }
}
