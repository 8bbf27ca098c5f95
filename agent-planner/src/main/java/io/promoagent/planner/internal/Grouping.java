package io.promoagent.planner.internal;

import io.promoagent.schema.ir.Direction;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Navigation;
import java.util.List;
import java.util.Optional;

/**
 * Groupings, orderings and superlatives: "by channel", "per segment", "by customer segment" (through a
 * many-to-one relationship), "by month", "top 5 ... by total spent", "biggest spenders", "best month".
 */
final class Grouping {

    private final QueryInterpreter q;
    private final Clauses clauses;

    Grouping(QueryInterpreter interpreter, Clauses clauses) {
        this.q = interpreter;
        this.clauses = clauses;
    }

    int group(int k) {
        q.recognised++;
        q.rankBy = q.superlative != null;
        int n = clauses.skipFiller(k + 1);
        Chunk c = q.chunk(n);
        if (c == null) {
            return k;
        }
        if (c instanceof Chunk.Word w && w.role() == Grammar.Role.UNIT) {
            q.groupUnit = w.grammar().unit();
            return n;
        }
        if (c instanceof Chunk.Term t) {
            if (t.penalty() < 1) {
                q.conf.penalize(t.penalty(), "read '" + q.text(t) + "' as " + Clauses.describe(t.senses().get(0)));
            }
            if (t.alternative() != null && t.alternative().role() == Grammar.Role.UNIT) {
                q.groupUnit = t.alternative().unit();
                return n;
            }
            if (q.superlative != null && q.orderKey == null && q.aggregates.isEmpty() && !q.count && q.pendingAgg == null) {
                for (Sense s : t.senses()) {
                    if (s instanceof Sense.FieldSense f && f.entity().equals(q.head.name()) && f.field().type().isNumeric()) {
                        q.orderKey = f.field().name();
                        return n;
                    }
                }
            }
            Sense s = pickGroup(t.senses());
            if (s instanceof Sense.FieldSense f && q.superlative != null && f.field().type().isNumeric()) {
                return k; // "top 10 ... by order count": a number ranks, it does not group; left unread
            }
            if (s instanceof Sense.FieldSense f) {
                GroupBy g = groupField(f);
                if (g != null) {
                    q.groups.add(g);
                }
                return more(n);
            }
            if (s instanceof Sense.ValueSense || s instanceof Sense.RuleSense) {
                return k; // "orders placed by premium customers": who placed them, not a grouping
            }
            if (s instanceof Sense.EntitySense e && agent(n)) {
                return k; // "made by customers from the USA": who made them, not a grouping
            }
            Sense.FieldSense own = q.chunk(n + 1) instanceof Chunk.Term f ? ownField(t, f) : null;
            if (s instanceof Sense.EntitySense && own != null) {
                GroupBy g = groupField(own); // "for each book genre": the books' genre
                if (g != null) {
                    q.groups.add(g);
                    return more(n + 1);
                }
            }
            if (s instanceof Sense.EntitySense e) {
                Optional<Navigation> nav = q.navigation(e.entity());
                if (nav.isPresent() && !nav.get().toMany()) {
                    q.groups.add(GroupBy.of(nav.get().localField()));
                    return n;
                }
            }
            if (s instanceof Sense.MeasureSense m) {
                clauses.measure(n, m);
                return n;
            }
            return n - 1;
        }
        if (c instanceof Chunk.Unknown) {
            int end = clauses.names.unknownRun(n);
            if (clauses.names.names(n, end)) {
                clauses.names.nameReference(n, end);
                return end;
            }
            String wrong = q.text(c.from(), q.chunks.get(end).to());
            q.error = Clauses.error("unknown_field", q.head.name() + " have no field '" + wrong + "' to group by",
                    clauses.names.ranked(wrong, clauses.names.fieldVocabulary(q.head)), q.conf);
            return end;
        }
        if (c instanceof Chunk.Literal l && !l.token().isNumeric()) {
            return clauses.comparisons.literal(n, l);
        }
        return k;
    }

    /** Whether the entity at chunk {@code n}, after "by", is described next ("customers from the USA", "who ..."). */
    private boolean agent(int n) {
        if (n + 1 >= q.tokens.size() || q.chunk(n + 1) == null) {
            return false;
        }
        String next = q.tokens.get(q.chunk(n + 1).from()).key();
        return java.util.Set.of("from", "in", "at", "who", "that", "which", "whose", "with", "without", "living", "based")
                .contains(next);
    }

    /** "by country and segment": further keys joined by "and". */
    private int more(int n) {
        while (q.chunk(n + 1) instanceof Chunk.Word w && w.role() == Grammar.Role.AND
                && q.chunk(n + 2) instanceof Chunk.Term t) {
            Sense s = pickGroup(t.senses());
            if (!(s instanceof Sense.FieldSense f)) {
                break;
            }
            GroupBy g = groupField(f);
            if (g == null) {
                break;
            }
            q.groups.add(g);
            n += 2;
        }
        return n;
    }

    /** The group key for a field: its own, a path through a many-to-one relationship, or a bucket's date. */
    private GroupBy groupField(Sense.FieldSense f) {
        Field fd = f.field();
        if (fd.bucket().isPresent()) {
            return GroupBy.of(fd.bucket().get().of(), fd.bucket().get().unit());
        }
        if (f.entity().equals(q.head.name())) {
            return GroupBy.of(fd.name());
        }
        Optional<Navigation> nav = q.navigation(f.entity());
        if (nav.isPresent() && !nav.get().toMany()) {
            return GroupBy.of(nav.get().name() + "." + fd.name());
        }
        q.error = Clauses.error("not_groupable", q.head.name() + " cannot be grouped by " + f.entity() + "." + fd.name(),
                q.facts.describableFields(q.head), q.conf);
        return null;
    }

    private Sense pickGroup(List<Sense> senses) {
        Sense best = null;
        int bestScore = -1;
        for (Sense s : senses) {
            int score;
            Optional<Navigation> nav = q.navigation(s.entity());
            boolean own = s.entity().equals(q.head.name());
            boolean up = nav.isPresent() && !nav.get().toMany();
            if (s instanceof Sense.FieldSense) {
                score = own ? 10 : up ? 8 : 0;
            } else if (s instanceof Sense.EntitySense) {
                score = up ? 7 : 0;
            } else if (s instanceof Sense.ValueSense) {
                score = own ? 5 : up ? 4 : 0;
            } else if (s instanceof Sense.MeasureSense) {
                score = own ? 3 : 0;
            } else {
                score = 0;
            }
            score += s.byName() ? 1 : 0;
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }

    int superlative(int k, Direction dir) {
        q.recognised++;
        if (q.sortOnly) {
            q.superlative = dir; // "sorted by total spent, highest first"
            return k;
        }
        q.superlative = dir;
        if (q.limit == null && q.chunk(k - 1) instanceof Chunk.Literal before
                && before.token().kind() == Token.Kind.NUMBER
                && before.token().isWhole() && before.token().number().signum() > 0) {
            q.limit = Comparisons.saturated(before.token().number()); // "the 5 largest orders"
        }
        int n = k + 1;
        Chunk c = q.chunk(n);
        if (c instanceof Chunk.Literal l && l.token().kind() == Token.Kind.NUMBER && l.token().isWhole()
                && l.token().number().signum() > 0 && l.token().number().intValue() <= 10_000) {
            q.limit = Comparisons.saturated(l.token().number());
            n++;
            c = q.chunk(n);
        }
        Chunk.Word sup = (Chunk.Word) q.chunks.get(k);
        if (sup.to() - sup.from() == 2 && KnownWords.FREQUENCY.contains(q.tokens.get(sup.from() + 1).key())) {
            // "the 2 most frequently bought stock ticker symbols": ranked by how many records each has
            q.count = true;
            while (q.chunk(n) instanceof Chunk.Term d && d.senses().stream().allMatch(s
                    -> s instanceof Sense.ValueSense || s instanceof Sense.RuleSense)) {
                n = clauses.handle(n) + 1; // the words describing the records counted
            }
            c = q.chunk(n);
        }
        if (q.aggContext && c instanceof Chunk.Unknown u && KnownWords.COMBINATIONS.contains(u.token().key())
                && q.chunk(n + 1) instanceof Chunk.Word of && q.tokens.get(of.from()).is("of")) {
            n += 2; // "the top 5 combinations of customer state and ticker type"
            c = q.chunk(n);
        }
        if (q.aggContext) {
            int listed = groupList(n);
            if (listed >= 0) {
                q.recognised++;
                return listed;
            }
        }
        if (c instanceof Chunk.Term t) {
            if (t.alternative() != null && t.alternative().role() == Grammar.Role.UNIT) {
                q.groupUnit = t.alternative().unit();
                q.singularObject = clauses.singular(t);
                q.recognised++;
                return n;
            }
            Optional<Field> counted = countOfRelated(t);
            if (counted.isPresent()) {
                q.orderKey = counted.get().name(); // "the customer with the most orders": by order_count
                q.recognised++;
                return n;
            }
            if (!q.aggContext && toMany(t)) {
                // ranking records by how many related records each has needs a count per record
                q.conf.penalize(0.4, "cannot yet rank " + q.head.name() + " by how many " + q.text(t) + " each has");
            }
            Sense.FieldSense own = q.chunk(n + 1) instanceof Chunk.Term field ? ownField(t, field) : null;
            if (q.aggContext && own != null && (own.entity().equals(q.head.name())
                    || q.navigation(own.entity()).filter(nv -> !nv.toMany()).isPresent())) {
                GroupBy g = groupField(own); // "the top 3 doctor specialties": the doctors' specialty
                if (g != null) {
                    q.groups.add(g);
                    q.singularObject = clauses.singular((Chunk.Term) q.chunk(n + 1));
                    q.recognised++;
                    return n + 1;
                }
            }
            if (q.aggContext && rankedGroup(t)) {
                q.singularObject = clauses.singular(t);
                q.recognised++;
                return n;
            }
            boolean entity = t.senses().stream().anyMatch(s -> s instanceof Sense.EntitySense);
            if (!entity) {
                for (Sense s : t.senses()) {
                    if (s instanceof Sense.FieldSense f && f.field().type().isNumeric()) {
                        if (!f.entity().equals(q.head.name())) {
                            continue;
                        }
                        q.orderKey = f.field().name();
                        q.singularObject = clauses.singular(t);
                        q.recognised++;
                        if (t.penalty() < 1) {
                            q.conf.penalize(t.penalty(), "read '" + q.text(t) + "' as " + f.field().name());
                        }
                        return n;
                    }
                }
            }
            if (entity) {
                q.singularObject = clauses.singular(t);
                if (q.lastField != null && q.lastField.entity().equals(q.head.name())
                        && !q.lastField.field().type().isNumeric() && t.senses().stream().anyMatch(x ->
                        x instanceof Sense.EntitySense e && e.value().equals(q.head))) {
                    // "which country has the most customers": count them per country, the largest count first
                    q.count = true;
                    q.singularObject = q.lastFieldSingular;
                    q.recognised++;
                    return n;
                }
            }
            return n - 1;
        }
        if (c instanceof Chunk.Word w && w.role() == Grammar.Role.UNIT) {
            q.groupUnit = w.grammar().unit();
            q.singularObject = true;
            return n;
        }
        if (q.lastField != null && q.lastField.field().type().isNumeric() && q.lastField.entity().equals(q.head.name())) {
            q.orderKey = q.lastField.field().name();
        }
        return n - 1;
    }

    /**
     * "customer state and ticker type": two or more group keys joined by "and", each a text field of the
     * head or of a record it reaches through a many-to-one relationship, named alone or after its entity;
     * returns the last chunk read, or -1 (and adds nothing) when fewer than two are there.
     */
    private int groupList(int n) {
        List<GroupBy> keys = new java.util.ArrayList<>();
        int at = n;
        int last = -1;
        while (true) {
            Chunk.Term field = null;
            int end = at;
            if (q.chunk(at) instanceof Chunk.Term e && q.chunk(at + 1) instanceof Chunk.Term f && ownField(e, f) != null) {
                field = f;
                end = at + 1;
            } else if (q.chunk(at) instanceof Chunk.Term f) {
                field = f;
            }
            Sense.FieldSense fs = null;
            if (field != null) {
                Chunk.Term owner = end > at ? (Chunk.Term) q.chunk(at) : null;
                fs = owner != null ? ownField(owner, field) : field.senses().stream()
                        .filter(s -> s instanceof Sense.FieldSense x && !x.field().type().isNumeric()
                                && !x.field().type().isTemporal())
                        .map(s -> (Sense.FieldSense) s).findFirst().orElse(null);
            }
            if (fs == null || !(fs.entity().equals(q.head.name())
                    || q.navigation(fs.entity()).filter(nv -> !nv.toMany()).isPresent())) {
                break;
            }
            GroupBy g = groupField(fs);
            if (g == null) {
                break;
            }
            keys.add(g);
            last = end;
            if (q.chunk(end + 1) instanceof Chunk.Word w && w.role() == Grammar.Role.AND) {
                at = end + 2;
            } else {
                break;
            }
        }
        if (keys.size() < 2) {
            return -1;
        }
        q.groups.addAll(keys);
        return last;
    }

    /** The text field of the entity {@code entity} names that {@code field} names ("doctor specialties"), or null. */
    private static Sense.FieldSense ownField(Chunk.Term entity, Chunk.Term field) {
        for (Sense e : entity.senses()) {
            if (e instanceof Sense.EntitySense) {
                for (Sense f : field.senses()) {
                    if (f instanceof Sense.FieldSense fs && fs.entity().equals(e.entity())
                            && !fs.field().type().isNumeric() && !fs.field().type().isTemporal()) {
                        return fs;
                    }
                }
            }
        }
        return null;
    }

    private boolean toMany(Chunk.Term t) {
        return t.senses().stream().anyMatch(s -> s instanceof Sense.EntitySense e && !e.entity().equals(q.head.name())
                && q.navigation(e.entity()).filter(Navigation::toMany).isPresent());
    }

    /** The head's count field of a to-many related entity named ("most orders" is order_count), if any. */
    private Optional<Field> countOfRelated(Chunk.Term t) {
        for (Sense s : t.senses()) {
            if (s instanceof Sense.EntitySense e && !e.entity().equals(q.head.name())) {
                Optional<Navigation> nav = q.navigation(e.entity());
                if (nav.isPresent() && nav.get().toMany()) {
                    return q.facts.countField(q.head, nav.get());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * "top 5 salespersons by total sales", "top 10 ticker symbols by total amount": in a request that
     * aggregates the head's records, what is ranked is a group: a record the head reaches through a
     * many-to-one relationship (its key and name), or a text field of the head or of such a record.
     */
    private boolean rankedGroup(Chunk.Term t) {
        for (Sense s : t.senses()) {
            if (s instanceof Sense.EntitySense e && !e.entity().equals(q.head.name())) {
                Optional<Navigation> nav = q.navigation(e.entity());
                if (nav.isPresent() && !nav.get().toMany()) {
                    q.groups.add(GroupBy.of(nav.get().localField()));
                    q.facts.nameField(e.value())
                            .ifPresent(f -> q.groups.add(GroupBy.of(nav.get().name() + "." + f.name())));
                    return true;
                }
            }
            if (s instanceof Sense.FieldSense f && !f.field().type().isNumeric() && !f.field().type().isTemporal()
                    && (f.entity().equals(q.head.name())
                    || q.navigation(f.entity()).filter(nv -> !nv.toMany()).isPresent())) {
                GroupBy g = groupField(f);
                if (g != null) {
                    q.groups.add(g);
                    return true;
                }
            }
        }
        return false;
    }

    /** "sorted by join date": an order of every row, ascending unless said otherwise. */
    int sort(int k) {
        q.recognised++;
        q.sortOnly = true;
        if (q.superlative == null) {
            q.superlative = Direction.ASC;
        }
        int n = clauses.skipFiller(k + 1);
        if (q.chunk(n) instanceof Chunk.Term t) {
            for (Sense s : t.senses()) {
                if (s instanceof Sense.FieldSense f && f.entity().equals(q.head.name())) {
                    q.orderKey = f.field().name();
                    return n;
                }
            }
            for (Sense s : t.senses()) {
                if (s instanceof Sense.MeasureSense m) {
                    clauses.measure(n, m);
                    return n;
                }
            }
        }
        return k;
    }

    /** "newest customers", "last 5 orders", "first 10 promotions": by the date records were made. */
    int byAge(int k, Direction dir) {
        q.recognised++;
        q.superlative = dir;
        q.facts.creationDate(q.head).ifPresent(f -> q.orderKey = f.name());
        if (q.chunk(k + 1) instanceof Chunk.Literal l && l.token().kind() == Token.Kind.NUMBER && l.token().isWhole()
                && l.token().number().signum() > 0) {
            q.limit = Comparisons.saturated(l.token().number());
            return k + 1;
        }
        return k;
    }
}
