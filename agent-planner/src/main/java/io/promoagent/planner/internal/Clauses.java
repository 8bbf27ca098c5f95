package io.promoagent.planner.internal;

import io.promoagent.planner.plan.PlanError;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Direction;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.FieldType;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.validate.Suggestions;
import java.util.List;
import java.util.Optional;

/**
 * What each kind of chunk adds to the query taking shape in a {@link QueryInterpreter}: words of the
 * vocabulary become conditions, aggregates, groupings and orderings; structural words steer them;
 * literals become comparisons and references; unknown words become names, errors or doubt.
 */
final class Clauses {

    private final QueryInterpreter q;
    final Comparisons comparisons;
    final Grouping grouping;
    final Names names;
    final Values values;
    final Periods periods;

    Clauses(QueryInterpreter interpreter) {
        this.q = interpreter;
        this.comparisons = new Comparisons(interpreter, this);
        this.grouping = new Grouping(interpreter, this);
        this.names = new Names(interpreter, this);
        this.values = new Values(interpreter, this);
        this.periods = new Periods(interpreter);
    }

    /** Handles the chunk at {@code k}; returns the index of the last chunk it used. */
    int handle(int k) {
        Chunk c = q.chunks.get(k);
        if (c instanceof Chunk.Word w) {
            return word(k, w);
        }
        if (c instanceof Chunk.Term t) {
            return term(k, t);
        }
        if (c instanceof Chunk.Time t) {
            periods.time(k, t);
            return k;
        }
        if (c instanceof Chunk.Literal l) {
            return comparisons.literal(k, l);
        }
        return names.unknown(k);
    }

    private int word(int k, Chunk.Word w) {
        switch (w.role()) {
            case READ:
                q.sawRead = true;
                q.rankBy = false;
                return k;
            case COUNT:
                q.recognised++;
                int distinct = countedOnce(k);
                if (distinct >= 0) {
                    return distinct;
                }
                if (q.chunk(k + 1) instanceof Chunk.Term t && t.senses().stream().noneMatch(x -> x instanceof Sense.EntitySense)) {
                    Sense s = pick(t.senses());
                    if (s instanceof Sense.MeasureSense) {
                        return k; // "how many redemptions": the measure is the number asked for
                    }
                    if (s instanceof Sense.FieldSense f && f.field().type() == FieldType.INTEGER) {
                        q.pendingAgg = AggregateFunction.SUM; // "how many items": their sum
                        return k;
                    }
                }
                q.count = true;
                tieBreak(k, Aggregate.count());
                return k;
            case SUM:
            case AVG:
            case MIN:
            case MAX:
                q.pendingAgg = function(w.role());
                q.recognised++;
                return k;
            case GROUP:
                return grouping.group(k);
            case GROUP_UNIT:
                q.groupUnit = w.grammar().unit();
                q.recognised++;
                return k;
            case DESC:
            case ASC:
                return grouping.superlative(k, w.role() == Grammar.Role.DESC ? Direction.DESC : Direction.ASC);
            case CMP:
                return comparisons.compare(k, w.grammar().op(), k + 1);
            case NEG:
                if (q.tokens.size() > w.to() && q.tokens.get(w.to()).is("including")) {
                    return k; // "not including the current month" leaves a period out; Periods reads it
                }
                q.negate = true;
                if (q.tokens.get(w.from()).is("without")) {
                    q.withPending = true;
                }
                return k;
            case WITH:
                q.withPending = true;
                return k;
            case UNIT:
                if ((q.superlative != null && q.orderKey == null) || previousIsGroup(k)) {
                    q.groupUnit = w.grammar().unit();
                    q.recognised++;
                }
                return k;
            case TEXT:
                return textMatch(k, w.grammar().op());
            case RECENCY:
                return grouping.byAge(k, Direction.DESC);
            case OLDEST:
                return grouping.byAge(k, Direction.ASC);
            case SORT:
                return grouping.sort(k);
            case DESCENDING:
            case ASCENDING:
                q.superlative = w.role() == Grammar.Role.DESCENDING ? Direction.DESC : Direction.ASC;
                q.recognised++;
                return k;
            case STOP:
                if (possessing(k)) {
                    q.withPending = true; // "how many customers have orders": those with orders
                }
                return k;
            default:
                return k;
        }
    }

    private int term(int k, Chunk.Term t) {
        q.recognised++;
        Grammar.Match alt = t.alternative();
        if (alt != null) {
            Grammar.Role role = alt.role();
            if ((role == Grammar.Role.SUM || role == Grammar.Role.AVG || role == Grammar.Role.MIN || role == Grammar.Role.MAX)
                    && aggregable(q.chunk(k + 1))) {
                q.pendingAgg = function(role);
                return k;
            }
            if (role == Grammar.Role.UNIT && ((q.superlative != null && q.orderKey == null && q.groupUnit == null)
                    || previousIsGroup(k))) {
                q.groupUnit = alt.unit();
                q.singularObject = singular(t);
                return k;
            }
        }
        Sense s = pick(t.senses(), q.chunk(k + 1) instanceof Chunk.Time);
        if (!(s instanceof Sense.EntitySense) && !s.entity().equals(q.head.name()) && !q.reaches(s.entity())) {
            // "customers who live in London": "live" is about promotions, which customers do not reach
            q.conf.penalize(0.85, "ignored '" + q.text(t) + "' (" + describe(s) + " of " + s.entity() + ")");
            return k;
        }
        if (t.penalty() < 1) {
            q.conf.penalize(t.penalty(), "read '" + q.text(t) + "' as " + describe(s));
        }
        if (s instanceof Sense.EntitySense e) {
            mention(k, t, e.value());
        } else if (s instanceof Sense.MeasureSense m) {
            measure(k, m);
        } else if (s instanceof Sense.RuleSense r) {
            values.rule(k, r.rule(), RuleRef.of(r.rule().name()));
        } else if (s instanceof Sense.ValueSense v) {
            values.value(k, v);
        } else if (s instanceof Sense.FieldSense f) {
            return field(k, t, f);
        }
        return k;
    }

    /** The sense that fits the query best: the head's own, then a related entity's; rules before values. */
    Sense pick(List<Sense> senses) {
        return pick(senses, false);
    }

    /** As {@link #pick(List)}; before a time phrase a date field fits best ("expiring this month"). */
    Sense pick(List<Sense> senses, boolean beforeTime) {
        Sense best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Sense s : senses) {
            double score = 0;
            if (s.entity().equals(q.head.name())) {
                score += 3;
            } else if (q.navigation(s.entity()).isPresent()) {
                score += 2;
            } else if (q.reaches(s.entity())) {
                score += 1.5;
            }
            if (s.byName()) {
                score += 0.5;
            }
            if (s instanceof Sense.RuleSense) {
                score += 1.2;
            } else if (s instanceof Sense.EntitySense) {
                score += 1;
            } else if (s instanceof Sense.MeasureSense) {
                score += q.aggContext ? 2 : -1;
            } else if (s instanceof Sense.FieldSense f) {
                score += 0.4 + (beforeTime && f.field().type().isTemporal() ? 1 : 0);
            }
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }

    private void mention(int k, Chunk.Term t, Entity e) {
        if (e.name().equals(q.head.name()) && t.penalty() < 1 && t.to() - t.from() == 1
                && Words.isPastForm(q.tokens.get(t.from()).key()) && q.withPending) {
            // "doctors that have prescribed treatments": the verb of what the prescribers do, not the
            // doctors again; the records it relates them to follow
            return;
        }
        if (e.name().equals(q.head.name())) {
            q.headSingular = singular(t);
            if (q.superlative != null) {
                q.singularObject = singular(t);
            }
            q.scope = null;
            q.withPending = false;
            return;
        }
        Optional<Navigation> nav = q.navigation(e.name());
        if (nav.isEmpty() && q.reaches(e.name())) {
            // "patients that have outcome assessments": through their treatments
            if (q.withPending || q.negate) {
                q.conds.add(e.name(), null, q.negate);
                q.negate = false;
            }
            q.withPending = false;
            return;
        }
        if (nav.isEmpty()) {
            q.conf.penalize(0.7, "'" + q.text(t) + "' is not related to " + q.head.name());
            return;
        }
        if (!nav.get().toMany() && q.aggContext && asked(k)) {
            // "which promotion brought the most revenue": the promotion is what is asked for, one per group
            q.askedEntity = e;
            q.askedSingular = singular(t);
            return;
        }
        scopeTo(e.name());
        if (nav.get().toMany() && (q.withPending || q.negate)) {
            q.conds.add(e.name(), null, q.negate);
            q.negate = false;
        }
        q.withPending = false;
    }

    /** Whether the field at chunk {@code k} is asked for by "which", "what" or "the distinct". */
    private boolean asksValues(int k) {
        int j = names.previousMeaningful(k);
        if (q.chunk(j) instanceof Chunk.Unknown u && KnownWords.DISTINCT.contains(u.token().key())) {
            return true;
        }
        return asked(k);
    }

    /** Whether the chunk at {@code k} is what "which" or "what" asks for. */
    private boolean asked(int k) {
        for (int j = k - 1; j >= 0; j--) {
            if (q.chunks.get(j) instanceof Chunk.Word w && w.role() == Grammar.Role.STOP) {
                continue;
            }
            return q.chunks.get(j) instanceof Chunk.Word w && w.role() == Grammar.Role.READ
                    && (q.tokens.get(w.from()).is("which") || q.tokens.get(w.from()).is("what"));
        }
        return false;
    }

    /**
     * "whose name starts with 'Jo'", "'M5' in ... contains": a text field (the one just named, else the
     * head's name field) compared by its beginning or a part, ignoring case.
     */
    private int textMatch(int k, Operator op) {
        q.recognised++;
        Chunk c = q.chunk(k + 1);
        if (c == null || c instanceof Chunk.Word || c instanceof Chunk.Time || (c instanceof Chunk.Literal l
                && l.token().isNumeric())) {
            return k;
        }
        String value = q.tokens.get(c.from()).text();
        if (c instanceof Chunk.Term) {
            value = q.text(c);
        }
        Sense.FieldSense f = q.lastField;
        boolean recent = f != null && q.lastFieldAt >= k - 2 && f.field().type() == FieldType.STRING
                && (f.entity().equals(q.head.name()) || q.navigation(f.entity()).isPresent());
        if (recent) {
            q.conds.add(f.entity(), new Compare(f.field().name(), op, List.of(value), true), q.negate);
        } else {
            Optional<Field> name = q.facts.nameField(q.head);
            if (name.isEmpty()) {
                return k;
            }
            q.conds.add(q.head.name(), new Compare(name.get().name(), op, List.of(value), true), q.negate);
        }
        q.negate = false;
        q.recognised++;
        return k + 1;
    }

    /**
     * "number of (distinct) customers" in a request about transactions: the records of a many-to-one
     * relationship are counted once each, by their key ({@code count_distinct} of the local field). Returns
     * the last chunk read, or -1.
     */
    private int countedOnce(int k) {
        int n = q.chunk(k + 1) instanceof Chunk.Unknown u && KnownWords.DISTINCT.contains(u.token().key()) ? k + 2 : k + 1;
        if (!(q.chunk(n) instanceof Chunk.Term t)) {
            return -1;
        }
        for (Sense s : t.senses()) {
            if (s instanceof Sense.EntitySense e && !e.entity().equals(q.head.name())) {
                Optional<Navigation> nav = q.navigation(e.entity());
                if (nav.isPresent() && !nav.get().toMany()) {
                    Aggregate a = Aggregate.of(AggregateFunction.COUNT_DISTINCT, nav.get().localField());
                    if (!q.aggregates.contains(a)) {
                        q.aggregates.add(a);
                    }
                    tieBreak(k, a);
                    if (q.superlative != null && q.orderKey == null && previousIsGroup(k)) {
                        q.orderKey = a.alias(); // "the top 3 transaction types by number of customers"
                    }
                    q.recognised++;
                    return n;
                }
            }
        }
        return -1;
    }

    /** Whether "have"/"has" at {@code k} comes right before records the head has many of. */
    private boolean possessing(int k) {
        String key = q.tokens.get(q.chunks.get(k).from()).key();
        if (!key.equals("have") && !key.equals("has")) {
            return false;
        }
        return q.chunk(k + 1) instanceof Chunk.Term t && t.senses().stream().anyMatch(s
                -> s instanceof Sense.EntitySense
                && !s.entity().equals(q.head.name()) && q.navigation(s.entity()).filter(n -> n.toMany()).isPresent());
    }

    /** "top 5 drugs by number of treatments and average amount": the second ranks ties of the first. */
    private void tieBreak(int k, Aggregate a) {
        if (!q.rankBy) {
            return;
        }
        for (int j = k - 1; j >= 0; j--) {
            if (q.chunks.get(j) instanceof Chunk.Word w) {
                Grammar.Role r = w.role();
                if (r == Grammar.Role.STOP || r == Grammar.Role.SUM || r == Grammar.Role.AVG || r == Grammar.Role.MIN
                        || r == Grammar.Role.MAX) {
                    continue;
                }
                if (r == Grammar.Role.AND) {
                    q.tieBreaks.add(a.alias());
                }
            }
            return;
        }
    }

    void measure(int k, Sense.MeasureSense m) {
        Aggregate a = ModelFacts.isPlainCount(m.measure()) ? Aggregate.count() : Aggregate.measure(m.measure().name());
        if (!m.entity().equals(q.head.name())) {
            q.conf.penalize(0.6, "measure " + m.measure().name() + " is of " + m.entity() + ", not " + q.head.name());
            return;
        }
        if (!q.aggregates.contains(a)) {
            q.aggregates.add(a);
        }
        tieBreak(k, a);
        q.pendingAgg = null;
        if (q.superlative != null && q.orderKey == null) {
            q.orderKey = a.alias();
        }
    }

    /**
     * Conditions that name no field (an amount, a period) go to the related records last spoken of when
     * they are many ("customers with orders over $100"), and stay with the head when the related record is
     * one ("orders placed by premium customers last month").
     */
    void scopeTo(String entity) {
        Optional<Navigation> nav = q.navigation(entity);
        q.scope = nav.isPresent() && nav.get().toMany() ? entity : null;
    }

    private int field(int k, Chunk.Term t, Sense.FieldSense f) {
        Field fd = f.field();
        if (q.pendingAgg != null && fd.type().isNumeric()) {
            Aggregate a = Aggregate.of(q.pendingAgg, path(f));
            q.aggregates.add(a);
            q.pendingAgg = null;
            tieBreak(k, a);
            return k;
        }
        if (fd.type() == FieldType.BOOLEAN) {
            q.conds.add(f.entity(), Compare.eq(fd.name(), true), q.negate);
            q.negate = false;
            return k;
        }
        if (fd.type().isTemporal()) {
            q.lastDate = f;
            q.lastDateAt = k;
            boolean past = false;
            for (int i = t.from(); i < t.to(); i++) {
                past |= Words.isPastForm(q.tokens.get(i).key()); // "signed up", "joined"
            }
            q.lastDateFuture = !past && !q.text(t).toLowerCase().contains("date");
            boolean timeFollows = q.chunk(k + 1) instanceof Chunk.Time;
            Optional<Navigation> nav = q.navigation(f.entity());
            if (!timeFollows && nav.isPresent() && nav.get().toMany() && (q.negate || q.withPending)) {
                q.conds.add(f.entity(), null, q.negate); // "customers who never ordered"
                q.negate = false;
                q.withPending = false;
            }
            return k;
        }
        int n = skipFiller(k + 1);
        Chunk next = q.chunk(n);
        if (next instanceof Chunk.Literal l && (l.token().kind() == Token.Kind.IDENT || l.token().kind() == Token.Kind.QUOTED
                || l.token().kind() == Token.Kind.EMAIL) && !fd.type().isNumeric()
                && (fd.type() != FieldType.ENUM || fd.canonicalValue(l.token().text()).isPresent())) {
            // "code SAVE10", "e-mail john@example.com", "named \"Summer Sale\""
            reference(new Reference(f.entity(), fd, l.token().text(), l.token().kind() == Token.Kind.EMAIL
                    ? Reference.Kind.EMAIL : l.token().kind() == Token.Kind.IDENT ? Reference.Kind.IDENTIFIER
                    : Reference.Kind.NAME, l.from(), l.to()));
            return n;
        }
        if (next instanceof Chunk.Unknown && fd.type() == FieldType.STRING) {
            int end = names.unknownRun(n);
            // "named John Smith", "written by Jane Austen": words, compared ignoring case
            int from = q.chunks.get(n).from();
            int to = q.chunks.get(end).to();
            reference(new Reference(f.entity(), fd, q.text(from, to), Reference.Kind.NAME, from, to));
            return end;
        }
        if (next instanceof Chunk.Unknown u && fd.type() == FieldType.ENUM) {
            List<String> values = fd.values().stream().map(io.promoagent.schema.model.EnumValue::value).toList();
            q.error = error("unknown_enum_value", "'" + u.token().text() + "' is not a value of " + fd.name()
                    + " of " + f.entity(), ranked(u.token().text(), values), q.conf);
            return n;
        }
        if ((q.withPending || q.negate) && fd.type() != FieldType.ENUM && !(next instanceof Chunk.Word w
                && (w.role() == Grammar.Role.CMP || w.role() == Grammar.Role.WITH)) && !(next instanceof Chunk.Literal)) {
            // "orders with a promo code", "customers without a city": whether the field has a value
            q.conds.add(f.entity(), Compare.of(fd.name(), Operator.IS_NULL), !q.negate);
            q.negate = false;
            q.withPending = false;
            return k;
        }
        if (f.entity().equals(q.head.name()) && !singular(t) && !fd.type().isNumeric() && asksValues(k)) {
            q.distinctField = fd.name(); // "which states do doctors reside in", "the distinct states"
        }
        q.lastField = f;
        q.lastFieldAt = k;
        q.lastFieldSingular = singular(t);
        return k;
    }

    /**
     * Records a value named in the request: a read compares it at once; a write keeps the values that
     * identify one record (a name, an e-mail address, a key) apart, to resolve them to keys, and compares
     * the rest ("in city Berlin").
     */
    void reference(Reference r) {
        q.recognised++;
        Entity e = q.facts.entity(r.entity());
        boolean identifies = r.kind() == Reference.Kind.EMAIL
                || q.facts.identifierFields(e).contains(r.field())
                || q.facts.nameField(e).map(f -> f.equals(r.field())).orElse(false);
        if (q.separateReferences && identifies) {
            q.references.add(r);
            return;
        }
        q.references.add(r);
        q.conds.add(r.entity(), r.compare(), q.negate);
        q.negate = false;
    }

    int skipFiller(int k) {
        int n = k;
        while (q.chunk(n) instanceof Chunk.Word w && (w.role() == Grammar.Role.STOP || w.role() == Grammar.Role.LEAD
                || (w.role() == Grammar.Role.CMP && w.grammar().op() == Operator.EQ))) {
            n++;
        }
        return n;
    }

    boolean previousIsGroup(int k) {
        return q.chunk(names.previousMeaningful(k)) instanceof Chunk.Word w && w.role() == Grammar.Role.GROUP;
    }

    private boolean aggregable(Chunk c) {
        if (!(c instanceof Chunk.Term t)) {
            return false;
        }
        for (Sense s : t.senses()) {
            if (s instanceof Sense.MeasureSense || s instanceof Sense.EntitySense
                    || (s instanceof Sense.FieldSense f && f.field().type().isNumeric())) {
                return true;
            }
        }
        return false;
    }

    /** A field's name, or its path through a many-to-one relationship from the head. */
    String path(Sense.FieldSense f) {
        if (f.entity().equals(q.head.name())) {
            return f.field().name();
        }
        Optional<Navigation> nav = q.navigation(f.entity());
        return nav.isPresent() && !nav.get().toMany() ? nav.get().name() + "." + f.field().name() : f.field().name();
    }

    boolean singular(Chunk.Term t) {
        Token last = q.tokens.get(t.to() - 1);
        return last.key().equals(last.stem());
    }

    private static AggregateFunction function(Grammar.Role role) {
        return switch (role) {
            case SUM -> AggregateFunction.SUM;
            case AVG -> AggregateFunction.AVG;
            case MIN -> AggregateFunction.MIN;
            default -> AggregateFunction.MAX;
        };
    }

    static String describe(Sense s) {
        if (s instanceof Sense.FieldSense f) {
            return "field " + f.field().name();
        }
        if (s instanceof Sense.ValueSense v) {
            return v.field().name() + " " + v.value();
        }
        if (s instanceof Sense.RuleSense r) {
            return "rule " + r.rule().name();
        }
        if (s instanceof Sense.MeasureSense m) {
            return "measure " + m.measure().name();
        }
        return s.entity();
    }

    static List<String> ranked(String wrong, List<String> names) {
        List<String> r = Suggestions.rank(wrong, names);
        return r.isEmpty() ? names : r;
    }

    static PlanError error(String code, String message, List<String> suggestions, Confidence conf) {
        return new PlanError(code, message, suggestions, 0.8, conf.reason(message));
    }
}
