package io.promoagent.planner.internal;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Navigation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Comparisons with numbers ("spent > $1000", "between 500 and 800 dollars", "with more than 10 orders",
 * "5 items or more") and the literals of a request: e-mail addresses, identifiers and quoted names.
 */
final class Comparisons {

    private final QueryInterpreter q;
    private final Clauses clauses;

    Comparisons(QueryInterpreter interpreter, Clauses clauses) {
        this.q = interpreter;
        this.clauses = clauses;
    }

    /** A comparison word at {@code k} with its values from {@code valueStart}; returns the last chunk used. */
    int compare(int k, Operator op, int valueStart) {
        q.recognised++;
        int n = valueStart;
        Token a = numberAt(n);
        if (a == null) {
            q.conf.penalize(0.7, "no number after '" + q.text(q.chunks.get(k)) + "'");
            return k;
        }
        List<BigDecimal> values = new ArrayList<>();
        values.add(a.number());
        boolean money = a.kind() == Token.Kind.MONEY;
        n++;
        if (op == Operator.BETWEEN) {
            Chunk c = q.chunk(n);
            if ((c instanceof Chunk.Word w && w.role() == Grammar.Role.AND) || (c instanceof Chunk.Word w2
                    && q.text(w2).equalsIgnoreCase("to"))) {
                n++;
            }
            Token b = numberAt(n);
            if (b == null) {
                q.conf.penalize(0.6, "'between' needs two numbers");
                return n - 1;
            }
            values.add(b.number());
            money |= b.kind() == Token.Kind.MONEY;
            n++;
        }
        if (q.chunk(n) instanceof Chunk.Word post && post.role() == Grammar.Role.CMP_POST) {
            op = post.grammar().op();
            n++;
        }
        return subject(k, op, values, money, n);
    }

    /** Finds what the numbers compare: a field or related entity after them, the field before, or money. */
    private int subject(int k, Operator op, List<BigDecimal> values, boolean money, int n) {
        int after = clauses.skipFiller(n);
        if (q.chunk(after) instanceof Chunk.Term t) {
            for (Sense s : t.senses()) {
                if (s instanceof Sense.FieldSense f && f.field().type().isNumeric()
                        && (f.entity().equals(q.head.name()) || q.navigation(f.entity()).isPresent())) {
                    if (op == Operator.EQ && q.chunk(after + 1) instanceof Chunk.Word post
                            && post.role() == Grammar.Role.CMP_POST) {
                        add(f.entity(), f.field(), post.grammar().op(), values);
                        return after + 1;
                    }
                    add(f.entity(), f.field(), op, values);
                    q.recognised++;
                    return after;
                }
            }
            int m = after;
            List<Filter> described = new ArrayList<>();
            while (q.chunk(m) instanceof Chunk.Term d) {
                Sense s = clauses.pick(d.senses());
                Optional<Navigation> nav = q.navigation(s.entity());
                if (s instanceof Sense.EntitySense && nav.isPresent() && nav.get().toMany()) {
                    if (op == Operator.EQ && q.chunk(m + 1) instanceof Chunk.Word post
                            && post.role() == Grammar.Role.CMP_POST) {
                        count(nav.get(), described, post.grammar().op(), values);
                        return m + 1;
                    }
                    count(nav.get(), described, op, values);
                    q.recognised++;
                    return m;
                }
                if (nav.isEmpty() || !nav.get().toMany()) {
                    break;
                }
                if (s instanceof Sense.ValueSense v) {
                    described.add(q.facts.ruleFor(v.entity(), v.field().name(), v.value())
                            .<Filter>map(r -> io.promoagent.schema.ir.RuleRef.of(r.name()))
                            .orElse(Compare.eq(v.field().name(), v.value())));
                } else if (s instanceof Sense.RuleSense r) {
                    described.add(io.promoagent.schema.ir.RuleRef.of(r.rule().name()));
                } else {
                    break;
                }
                m++;
            }
        }
        if (q.lastField != null && q.lastField.field().type().isNumeric() && k - q.lastFieldAt <= 4) {
            add(q.lastField.entity(), q.lastField.field(), op, values);
            q.lastField = null;
            return n - 1;
        }
        String entity = q.scope != null ? q.scope : q.head.name();
        Optional<Field> amount = q.facts.moneyField(q.facts.entity(entity));
        if (amount.isPresent()) {
            if (!money) {
                q.conf.penalize(0.9, "compared " + amount.get().name() + " with a plain number");
            } else {
                q.conf.note("an amount compares " + amount.get().name());
            }
            add(entity, amount.get(), op, values);
            return n - 1;
        }
        q.conf.penalize(0.6, "did not find what " + values + " compares");
        return n - 1;
    }

    private void add(String entity, Field field, Operator op, List<BigDecimal> values) {
        q.conds.add(entity, new Compare(field.name(), op, new ArrayList<>(values), false), q.negate);
        q.negate = false;
    }

    /** "with more than 10 orders": the head's count field if it has one, else a count of related records. */
    private void count(Navigation nav, List<Filter> where, Operator op, List<BigDecimal> values) {
        Optional<Field> counter = where.isEmpty() ? q.facts.countField(q.head, nav) : Optional.empty();
        q.withPending = false;
        if (counter.isPresent()) {
            q.conds.add(q.head.name(), new Compare(counter.get().name(), op, new ArrayList<>(values), false), q.negate);
            q.negate = false;
            return;
        }
        Optional<Filter> filter = where.isEmpty() ? Optional.empty()
                : Optional.of(where.size() == 1 ? where.get(0) : new io.promoagent.schema.ir.And(where));
        List<Filter> counts = new ArrayList<>();
        if (op == Operator.BETWEEN) {
            counts.add(new Related(nav.name(), filter, new CountCondition(Operator.GTE, values.get(0).longValue())));
            counts.add(new Related(nav.name(), filter, new CountCondition(Operator.LTE, values.get(1).longValue())));
        } else if (op == Operator.IN || op == Operator.CONTAINS || op == Operator.BEGINS_WITH || op == Operator.IS_NULL) {
            return;
        } else {
            counts.add(new Related(nav.name(), filter, new CountCondition(op, values.get(0).longValue())));
        }
        for (Filter f : counts) {
            q.conds.addDirect(q.negate ? new Not(f) : f);
        }
        q.negate = false;
    }

    /** A literal not taken by a comparison or a field. */
    int literal(int k, Chunk.Literal l) {
        Token t = l.token();
        switch (t.kind()) {
            case EMAIL: {
                Entity target = q.facts.emailField(q.head).isPresent() ? q.head : q.facts.emailEntity().orElse(null);
                if (target == null) {
                    q.conf.penalize(0.6, "no entity has an e-mail address");
                    return k;
                }
                clauses.reference(new Reference(target.name(), q.facts.emailField(target).get(), t.text(),
                        Reference.Kind.EMAIL, l.from(), l.to()));
                return k;
            }
            case IDENT:
                identifier(k, l);
                return k;
            case QUOTED: {
                Entity target = q.facts.nameField(q.head).isPresent() ? q.head : q.facts.nameEntity().orElse(null);
                if (target != null) {
                    clauses.reference(new Reference(target.name(), q.facts.nameField(target).get(), t.text(),
                            Reference.Kind.NAME, l.from(), l.to()));
                }
                return k;
            }
            case NUMBER:
            case MONEY:
            case PERCENT: {
                Chunk next = q.chunk(k + 1);
                if (t.kind() == Token.Kind.NUMBER && t.isWhole() && t.number().signum() > 0 && next instanceof Chunk.Term e
                        && e.senses().stream().anyMatch(x -> x instanceof Sense.EntitySense es
                        && es.value().equals(q.head))) {
                    q.limit = saturated(t.number()); // "show 20 customers"
                    q.recognised++;
                    return k;
                }
                if (next instanceof Chunk.Word w && w.role() == Grammar.Role.CMP_POST) {
                    return compare(k, w.grammar().op(), k);
                }
                if (t.kind() == Token.Kind.NUMBER && t.isWhole() && t.number().signum() > 0
                        && next instanceof Chunk.Word s && (s.role() == Grammar.Role.DESC || s.role() == Grammar.Role.ASC)) {
                    q.recognised++;
                    return k; // "the 5 largest orders": the superlative takes the number as its limit
                }
                if (next instanceof Chunk.Term) {
                    int before = q.conds.size();
                    int used = compare(k, Operator.EQ, k);
                    if (q.conds.size() > before) {
                        return used;
                    }
                }
                q.unknown.add(t.text());
                q.conf.penalize(0.7, "did not understand the number " + t.text());
                return k;
            }
            default:
                return k;
        }
    }

    /** "customer C00042", "the SUMMER25 promotion": the entity named next to it, else the head. */
    private void identifier(int k, Chunk.Literal l) {
        Entity target = q.head;
        for (int j : new int[] {k - 1, k + 1, k - 2}) {
            if (q.chunk(j) instanceof Chunk.Term t) {
                Optional<Entity> e = t.senses().stream().filter(s -> s instanceof Sense.EntitySense)
                        .map(s -> ((Sense.EntitySense) s).value()).findFirst();
                if (e.isPresent()) {
                    target = e.get();
                    break;
                }
            }
        }
        Field field = q.probe.identifier(target, l.token().text());
        clauses.reference(new Reference(target.name(), field, l.token().text(), Reference.Kind.IDENTIFIER, l.from(),
                l.to()));
    }

    private Token numberAt(int n) {
        Chunk c = q.chunk(n);
        if (c instanceof Chunk.Literal l && l.token().isNumeric()) {
            return l.token();
        }
        return null;
    }

    /** A whole number as an int, the largest int when larger: a limit beyond the range is refused as such. */
    static int saturated(java.math.BigDecimal n) {
        return n.compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0 ? Integer.MAX_VALUE : n.intValue();
    }
}
