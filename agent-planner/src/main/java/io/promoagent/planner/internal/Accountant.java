package io.promoagent.planner.internal;

import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Operator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Accounts for every word of a request against the query planned for it: each chunk is matched with what in
 * the query consumed it (an entity, a field, a value, an operator, a time range, a grouping, an order, a
 * limit) or is a function word. A content word that nothing in the query uses was not understood, whatever
 * the interpreter thought; the plan is then unsure. It checks the result, not the interpreter's steps, so a
 * construction that drops a word on the way cannot make a confident wrong answer.
 */
final class Accountant {

    /** Filler words that change what a request means; a query that shows nothing of them left them out. */
    private static final Set<String> MEANINGFUL_FILLER = Set.of("only", "per");


    /** What one word or phrase of the request was used for; {@code use} is empty when nothing used it. */
    record Use(String text, String use) {
        boolean accounted() {
            return !use.isEmpty();
        }
    }

    private Accountant() {
    }

    /** What each chunk was used for in {@code fp}, in the request's order. */
    static List<Use> account(List<Token> tokens, List<Chunk> chunks, Footprint fp) {
        List<Use> out = new ArrayList<>();
        for (int k = 0; k < chunks.size(); k++) {
            Chunk c = chunks.get(k);
            String use = use(tokens, chunks, k, c, fp);
            if (use.isEmpty() && k > 0 && out.get(k - 1).use().startsWith("field") && c.to() - c.from() == 1
                    && tokens.get(c.from()).is("name")) {
                use = "the name of the " + out.get(k - 1).text(); // "the country name" is the country
            }
            if (use.isEmpty() && k > 0 && out.get(k - 1).use().startsWith("field") && c.to() - c.from() == 1
                    && tokens.get(c.from()).is("address") && out.get(k - 1).text().toLowerCase(java.util.Locale.ROOT)
                    .replace("-", "").endsWith("mail")) {
                use = "the " + out.get(k - 1).text() + " address"; // "e-mail address" is the e-mail
            }
            out.add(new Use(text(tokens, c), use));
        }
        return out;
    }

    /** The words nothing used. */
    static List<String> unaccounted(List<Use> uses) {
        return uses.stream().filter(u -> !u.accounted()).map(Use::text).toList();
    }

    private static String use(List<Token> tokens, List<Chunk> chunks, int k, Chunk c, Footprint fp) {
        if (c instanceof Chunk.Word w) {
            String word = word(w, fp, tokens, chunks, k);
            if (word.isEmpty() && !w.senses().isEmpty()) {
                return term(w.senses(), fp);
            }
            return word;
        }
        if (KnownWords.PLACE_VERBS.contains(tokens.get(c.from()).key()) && c.to() - c.from() == 1
                && (fp.operators.contains(io.promoagent.schema.ir.Operator.EQ)
                || fp.query.distinct() && !fp.query.fields().isEmpty())) {
            return "place verb";
        }
        if (c instanceof Chunk.Term t) {
            String sense = term(t.senses(), fp);
            // "total" is a field and a sum; "number of customers" a synonym and a count of the entity read
            Grammar.Match structure = t.alternative() != null ? t.alternative() : Grammar.longest(tokens, t.from());
            boolean countOfOther = structure != null && structure.role() == Grammar.Role.COUNT && !t.senses().isEmpty()
                    && t.senses().stream().allMatch(s -> s instanceof Sense.FieldSense && !s.entity().equals(fp.head)
                    && !fp.entities.contains(s.entity()));
            if (sense.isEmpty() && structure != null && !countOfOther) {
                return word(new Chunk.Word(t.from(), t.to(), structure, List.of()), fp, tokens, chunks, k);
            }
            if (sense.isEmpty() && relatingDate(tokens, chunks, k, t, fp)) {
                return "relation verb"; // "members who have borrowed science books"
            }
            return sense;
        }
        if (c instanceof Chunk.Time) {
            return fp.time || !fp.rules.isEmpty() || fp.truncated ? "time range" : "";
        }
        if (c instanceof Chunk.Literal l) {
            return literal(l.token(), fp);
        }
        Token t = tokens.get(c.from());
        if (fp.mentions(t.text())) {
            return "value";
        }
        return knownWord(tokens, chunks, k, t.key(), fp);
    }

    /**
     * Whether a term is the past form of a related entity's date ("borrowed" of loans) right after "who
     * have", "that have": it says the related records exist, which the query's related condition shows.
     */
    private static boolean relatingDate(List<Token> tokens, List<Chunk> chunks, int k, Chunk.Term t, Footprint fp) {
        Token w = tokens.get(t.from());
        return t.to() - t.from() == 1 && Words.isPastForm(w.key()) && fp.related && k > 0
                && chunks.get(k - 1) instanceof Chunk.Word before && before.role() == Grammar.Role.WITH
                && t.senses().stream().anyMatch(s -> s instanceof Sense.FieldSense f && f.field().type().isTemporal()
                && !f.entity().equals(fp.head) && fp.entities.contains(f.entity()));
    }

    private static String knownWord(List<Token> tokens, List<Chunk> chunks, int k, String key, Footprint fp) {
        if (KnownWords.KEY.contains(key)) {
            return !fp.aggregates() || fp.groupsByKey() ? "key (shown)" : "";
        }
        if (KnownWords.COMBINATIONS.contains(key)) {
            return fp.query.groupBy().size() >= 2 ? "groups of several keys" : "";
        }
        if (KnownWords.DISTINCT.contains(key)) {
            return !fp.aggregates() || fp.functions.contains(io.promoagent.schema.ir.AggregateFunction.COUNT_DISTINCT)
                    ? "distinct" : "";
        }
        if (fp.fields.stream().anyMatch(f -> f.toLowerCase(java.util.Locale.ROOT).endsWith("_" + key))) {
            return "unit of a field";
        }
        if (KnownWords.ANY_CASE.contains(key)) {
            return fp.operators.contains(Operator.CONTAINS) || fp.operators.contains(Operator.BEGINS_WITH)
                    ? "text match ignoring case" : "";
        }
        if (KnownWords.EXCLUDING.contains(key)) {
            return fp.time && fp.doubts.isEmpty() ? "period left out" : "";
        }
        String expanded = KnownWords.expansion(tokens, chunks.get(k).from());
        if (expanded != null) {
            return "short for '" + expanded + "'";
        }
        if (KnownWords.inclusiveEnds(tokens, chunks.get(k).from())) {
            return fp.time ? "inclusive range" : "";
        }
        if (KnownWords.INCLUSIVE.contains(key)) {
            return fp.time ? "inclusive range" : "";
        }
        return KnownWords.relationVerb(tokens, chunks, k,
                e -> fp.related && fp.entities.contains(e) && !e.equals(fp.head))
                ? "relation verb" : "";
    }

    private static String literal(Token t, Footprint fp) {
        switch (t.kind()) {
            case NUMBER:
            case MONEY:
            case PERCENT:
                BigDecimal n = t.number();
                return n != null && fp.values.contains(n.stripTrailingZeros().toPlainString()) ? "number" : "";
            case DATE:
                return t.date() != null && (fp.values.contains(t.date().toString()) || fp.time) ? "date" : "";
            case SYMBOL:
                return fp.operators.isEmpty() && !fp.time ? "" : "operator";
            default:
                return fp.mentions(t.text()) ? "value" : "";
        }
    }

    private static String term(List<Sense> senses, Footprint fp) {
        for (Sense s : senses) {
            if (s instanceof Sense.EntitySense e && fp.entities.contains(e.entity())) {
                return "entity " + e.entity();
            }
            if (s instanceof Sense.EntitySense e && fp.refersTo(e.entity())) {
                return "entity " + e.entity() + " (by its field)";
            }
            if (s instanceof Sense.RuleSense r && fp.rules.contains(r.rule().name())) {
                return "rule " + r.rule().name();
            }
            if (s instanceof Sense.MeasureSense m && fp.measures.contains(m.measure().name())) {
                return "measure " + m.measure().name();
            }
            if (s instanceof Sense.ValueSense v && fp.values.contains(v.value().toLowerCase(java.util.Locale.ROOT))) {
                return "value " + v.value();
            }
            if (s instanceof Sense.FieldSense f) {
                String name = f.entity() + "." + f.field().name();
                if (fp.fields.contains(name)) {
                    return "field " + name;
                }
                // "the customer with the most transactions ... Return the id": its key is a group
                if (fp.groupsByKeyOf(f.entity()) && model(fp).entity(f.entity())
                        .map(e -> e.keyField().name().equals(f.field().name())).orElse(false)) {
                    return "key of " + f.entity() + " (shown)";
                }
                // a field named in a list of records is shown with them ("the name and e-mail of ...")
                if (!fp.aggregates() && f.entity().equals(fp.head)) {
                    return "field " + name + " (shown)";
                }
                // "joined in the last 2 weeks": the date field names the time range
                if (f.field().type().isTemporal() && (fp.time || !fp.rules.isEmpty())
                        && fp.entities.contains(f.entity())) {
                    return "date field " + name;
                }
            }
        }
        return "";
    }

    private static String word(Chunk.Word w, Footprint fp, List<Token> tokens, List<Chunk> chunks, int k) {
        String key = tokens.get(w.from()).key();
        Grammar.Role role = w.role();
        switch (role) {
            case STOP:
                return MEANINGFUL_FILLER.contains(key) ? "" : "function word";
            case OR:
                return fp.disjunction || fp.operators.contains(Operator.IN) ? "or" : "";
            case LEAD, READ, AND, WHERE, WITH, TOPIC, EVERYONE:
                return "function word";
            case COUNT:
                return fp.aggregates() || fp.countCondition || fp.related || !fp.measures.isEmpty()
                        || !fp.operators.isEmpty() ? "count" : "";
            case SUM:
                return has(fp, AggregateFunction.SUM) || !fp.measures.isEmpty() || fp.ordered() ? "total" : "";
            case AVG:
                return has(fp, AggregateFunction.AVG) || !fp.measures.isEmpty() ? "average" : "";
            case MIN:
                return has(fp, AggregateFunction.MIN) || fp.ordered() ? "minimum" : "";
            case MAX:
                return has(fp, AggregateFunction.MAX) || fp.ordered() ? "maximum" : "";
            case GROUP:
                // "by" also names a person ("orders by John Smith") or an order ("top 5 by total spent")
                return !fp.query.groupBy().isEmpty() || fp.ordered() || fp.query.where().isPresent()
                        ? "grouping" : "";
            case GROUP_UNIT:
                return fp.truncated ? "grouping by time" : "";
            case DESC, ASC, SORT, DESCENDING, ASCENDING:
                return fp.ordered() ? "order" : "";
            case RECENCY, OLDEST:
                return fp.ordered() || fp.time ? "order" : "";
            case TEXT:
                return fp.operators.contains(Operator.BEGINS_WITH) || fp.operators.contains(Operator.CONTAINS)
                        ? "text match" : "";
            case CMP, CMP_POST:
                return comparison(fp) ? "comparison" : "";
            case NEG:
                if (w.to() < tokens.size() && tokens.get(w.to()).is("including")) {
                    return fp.time && fp.doubts.isEmpty() ? "period left out" : "";
                }
                return fp.negation ? "negation" : "";
            case UNIT:
                return fp.time || fp.truncated || !fp.rules.isEmpty() ? "time unit" : "";
            default:
                return "function word";
        }
    }

    private static boolean comparison(Footprint fp) {
        for (Operator op : fp.operators) {
            if (op != Operator.EQ && op != Operator.IN) {
                return true;
            }
        }
        return fp.time || fp.countCondition || !fp.rules.isEmpty();
    }

    private static io.promoagent.schema.model.DataModel model(Footprint fp) {
        return fp.model();
    }

    private static boolean has(Footprint fp, AggregateFunction f) {
        return fp.functions.contains(f);
    }

    private static String text(List<Token> tokens, Chunk c) {
        StringBuilder b = new StringBuilder();
        for (int i = c.from(); i < c.to(); i++) {
            b.append(i > c.from() ? " " : "").append(tokens.get(i).text());
        }
        return b.toString();
    }
}
