package io.promoagent.planner.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.promoagent.schema.model.Rule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of a tool that take one value from the request: enum values by their words and
 * synonyms (a percentage for "percent", an amount for "fixed"), rules by name, numbers by the words around
 * them, dates by "until" and "from", booleans by name, texts from quotes.
 */
final class Scalars {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Set<String> PERCENT_WORDS = Set.of("percent", "percentage", "pct", "%");
    private static final Set<String> AMOUNT_WORDS = Set.of("fixed", "amount", "flat", "dollar", "cash", "money");

    private final ToolArguments a;

    Scalars(ToolArguments arguments) {
        this.a = arguments;
    }

    void enums() {
        for (ToolProfile.Slot s : a.profile.slots) {
            if (s.kind() != ToolProfile.Kind.ENUM || a.args.has(s.name())) {
                continue;
            }
            Set<String> found = new java.util.LinkedHashSet<>();
            if (a.lead >= 0 && a.tokens.get(a.lead).isWord()) {
                Token t = a.tokens.get(a.lead);
                s.valueWords().forEach((value, words) -> {
                    if (words.contains(t.stem()) || words.contains("root:" + Words.root(t.stem()))) {
                        found.add(value);
                    }
                });
            }
            for (Chunk c : a.chunks) {
                if (c instanceof Chunk.Literal l && (l.token().kind() == Token.Kind.PERCENT
                        || l.token().kind() == Token.Kind.MONEY) && !a.byWord.contains(l.from())) {
                    Set<String> hints = l.token().kind() == Token.Kind.PERCENT ? PERCENT_WORDS : AMOUNT_WORDS;
                    s.valueWords().forEach((value, words) -> {
                        for (String w : words) {
                            if (hints.contains(w) || hints.stream().anyMatch(h -> w.startsWith(h + " "))) {
                                found.add(value);
                            }
                        }
                    });
                    continue;
                }
                if (!(c instanceof Chunk.Term) && !(c instanceof Chunk.Word) && !(c instanceof Chunk.Unknown)) {
                    continue; // "reminder" may be a value of the tool's alone, unknown to the data model
                }
                String phrase = stems(c.from(), c.to());
                s.valueWords().forEach((value, words) -> {
                    if (words.contains(phrase)) {
                        found.add(value);
                        a.markTokens(c);
                    }
                });
            }
            if (!found.isEmpty()) {
                String v = found.iterator().next();
                if (found.size() > 1) {
                    a.conf.penalize(0.8, s.name() + " could be " + String.join(" or ", found));
                }
                a.args.put(s.name(), v);
                a.filled.add(s.name() + " " + v);
            }
        }
    }

    /** A rule parameter: the rules the request names, and the enum values that are exactly a rule. */
    void rules(List<Chunk> where) {
        for (ToolProfile.Slot s : a.profile.slots) {
            if (s.kind() != ToolProfile.Kind.RULE || a.args.has(s.name())) {
                continue;
            }
            for (Chunk c : where) {
                if (!(c instanceof Chunk.Term t) || a.used[t.from()]) {
                    continue;
                }
                if (t.to() - t.from() == 1 && a.profile.keywords.contains(a.tokens.get(t.from()).key())) {
                    continue; // "new" in "create a new discount" is the verb's, not the rule's
                }
                Optional<Rule> rule = ruleOf(t);
                if (rule.isPresent() && a.profile.accepts(s, rule.get())) {
                    a.args.put(s.name(), rule.get().name());
                    a.filled.add(s.name() + " " + rule.get().name());
                    a.markTokens(t);
                    break;
                }
            }
        }
    }

    /**
     * Every rule the request's terms name that a rule parameter accepts, in order and once each ("reachable VIPs":
     * reachable, vip), used or not.
     */
    List<String> namedRules() {
        List<String> named = new java.util.ArrayList<>();
        for (ToolProfile.Slot s : a.profile.slots) {
            if (s.kind() != ToolProfile.Kind.RULE) {
                continue;
            }
            for (Chunk c : a.chunks) {
                if (c instanceof Chunk.Term t) {
                    ruleOf(t).filter(r -> a.profile.accepts(s, r) && !named.contains(r.name()))
                            .ifPresent(r -> named.add(r.name()));
                }
            }
        }
        return named;
    }

    private Optional<Rule> ruleOf(Chunk.Term t) {
        for (Sense s : t.senses()) {
            if (s instanceof Sense.RuleSense r) {
                return Optional.of(r.rule());
            }
        }
        for (Sense s : t.senses()) {
            if (s instanceof Sense.ValueSense v) {
                Optional<Rule> r = a.ctx.facts().ruleFor(v.entity(), v.field().name(), v.value());
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        return Optional.empty();
    }

    /** Numbers go to the parameter whose words are next to them; an amount or percentage to the main one. */
    void numbers() {
        for (Chunk c : a.chunks) {
            if (!(c instanceof Chunk.Literal l) || !l.token().isNumeric() || a.used[l.from()]) {
                continue;
            }
            Token t = l.token();
            ToolProfile.Slot best = null;
            int bestScore = 0;
            for (ToolProfile.Slot s : a.profile.slots) {
                if (s.kind() != ToolProfile.Kind.NUMBER || a.args.has(s.name()) || !fitsType(s, t)) {
                    continue;
                }
                int score = 0;
                for (int i = Math.max(0, l.from() - 3); i < Math.min(a.tokens.size(), l.to() + 2); i++) {
                    if (i != l.from() && !a.used[i] && s.vocabulary().contains(a.tokens.get(i).stem())) {
                        score++;
                    }
                }
                if (score > bestScore) {
                    best = s;
                    bestScore = score;
                }
            }
            if (best != null && best != primaryNumber(t)) {
                a.byWord.add(l.from());
            }
            if (best == null && t.kind() != Token.Kind.NUMBER) {
                best = primaryNumber(t);
            }
            if (best == null) {
                best = primaryNumber(t);
                if (best != null) {
                    a.conf.penalize(0.85, "took " + t.text() + " for " + best.name());
                }
            }
            if (best != null) {
                a.args.set(best.name(), number(t.number()));
                a.filled.add(best.name() + " " + t.text());
                a.used[l.from()] = true;
            }
        }
    }

    /**
     * The number parameter an amount or percentage with no words of its own goes to: the first required one,
     * else the first whose name says value or amount, else the first.
     */
    ToolProfile.Slot primaryNumber(Token t) {
        ToolProfile.Slot named = null;
        ToolProfile.Slot first = null;
        for (ToolProfile.Slot s : a.profile.slots) {
            if (s.kind() != ToolProfile.Kind.NUMBER || !fitsType(s, t)) {
                continue;
            }
            if (s.required()) {
                return a.args.has(s.name()) ? null : s;
            }
            if (named == null && (s.name().contains("value") || s.name().contains("amount"))) {
                named = s;
            }
            if (first == null) {
                first = s;
            }
        }
        ToolProfile.Slot pick = named != null ? named : first;
        return pick == null || a.args.has(pick.name()) ? null : pick;
    }

    private static boolean fitsType(ToolProfile.Slot s, Token t) {
        return !s.schema().path("type").asText("").equals("integer") || t.isWhole();
    }

    static com.fasterxml.jackson.databind.JsonNode number(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        if (s.scale() <= 0 && s.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) < 0) {
            return JSON.numberNode(s.intValue());
        }
        return JSON.numberNode(v);
    }

    /** Dates: "until" and end words go to an end, "from" and start words to a start. */
    void dates() {
        for (Chunk c : a.chunks) {
            if (!(c instanceof Chunk.Time t) || a.used[t.from()]) {
                continue;
            }
            TimePhrase p = t.phrase();
            ToolProfile.Slot best = null;
            for (ToolProfile.Slot s : a.profile.slots) {
                if (s.kind() != ToolProfile.Kind.DATE || a.args.has(s.name())) {
                    continue;
                }
                boolean nearWord = a.wordBefore(t.from(), s.vocabulary());
                boolean byPrep = switch (p.prep()) {
                    case UNTIL, FOR -> s.end();
                    case FROM, SINCE -> !s.end();
                    default -> false;
                };
                if (nearWord || byPrep) {
                    best = s;
                    break;
                }
            }
            if (best != null) {
                LocalDate d = TimeFilters.day(p, best.end(), a.ctx.today());
                a.args.put(best.name(), d.toString());
                a.filled.add(best.name() + " " + d);
                a.markTokens(c);
            }
        }
    }

    void booleans() {
        for (ToolProfile.Slot s : a.profile.slots) {
            if (s.kind() != ToolProfile.Kind.BOOLEAN || a.args.has(s.name())) {
                continue;
            }
            for (Chunk c : a.chunks) {
                boolean named = c instanceof Chunk.Term t && t.senses().stream().anyMatch(x ->
                        x instanceof Sense.FieldSense f && s.field().isPresent() && f.field().equals(s.field().get()));
                if (named) {
                    boolean negated = c.from() > 0 && Grammar.longest(a.tokens, c.from() - 1) != null
                            && Grammar.longest(a.tokens, c.from() - 1).role() == Grammar.Role.NEG;
                    a.args.put(s.name(), !negated);
                    a.filled.add(s.name());
                    a.markTokens(c);
                }
            }
        }
    }

    /** A quoted text names the thing made ("called \"Summer Sale\""). */
    void texts() {
        for (Chunk c : a.chunks) {
            if (!(c instanceof Chunk.Literal l) || l.token().kind() != Token.Kind.QUOTED || a.used[l.from()]) {
                continue;
            }
            for (ToolProfile.Slot s : a.profile.slots) {
                if (s.kind() == ToolProfile.Kind.TEXT && !a.args.has(s.name())) {
                    a.args.put(s.name(), l.token().text());
                    a.filled.add(s.name());
                    a.used[l.from()] = true;
                    break;
                }
            }
        }
    }

    private String stems(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            b.append(b.length() == 0 ? "" : " ").append(a.tokens.get(i).stem());
        }
        return b.toString();
    }
}
