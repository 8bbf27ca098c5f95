package io.promoagent.planner.internal;

import io.promoagent.planner.plan.PlanError;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.AggregateFunction;
import io.promoagent.schema.ir.Direction;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.ir.CalendarUnit;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a chunked request as a query over the data model, left to right: it picks the entity read, then
 * lets each chunk add what it means (a condition, an aggregate, a grouping, an order) to the query taking
 * shape. The clauses it understands are in {@link Clauses}; this class holds the state and the order.
 */
final class QueryInterpreter {

    final ModelFacts facts;
    final List<Token> tokens;
    final List<Chunk> chunks;
    final LocalDate today;
    final Probe probe;
    final boolean separateReferences;

    Entity head;
    Conditions conds;
    final Confidence conf = new Confidence(0.95);
    boolean count;
    final List<Aggregate> aggregates = new ArrayList<>();
    final List<GroupBy> groups = new ArrayList<>();
    CalendarUnit groupUnit;
    AggregateFunction pendingAgg;
    boolean negate;
    boolean withPending;
    Direction superlative;
    Integer limit;
    boolean singularObject;
    String orderKey;
    Sense.FieldSense lastField;
    int lastFieldAt = -10;
    Sense.FieldSense lastDate;
    int lastDateAt = -10;
    boolean lastDateFuture;
    String scope;
    io.promoagent.schema.model.Rule lastRule;
    int lastRuleAt = -10;
    /** The enum field of the last value or value rule named ("VIP" is segment), for "VIP and Premium". */
    String lastValueField;
    int lastValueAt = -10;
    boolean lastFieldSingular;
    /** Whether the entity was named in the singular ("which promotion has the most redemptions"). */
    boolean headSingular;
    /** An order asked for with "sorted by", which keeps every row. */
    boolean sortOnly;
    boolean sawRead;
    /** The many-to-one related entity a "which" asks for, ranked by an aggregate over the head's records. */
    Entity askedEntity;
    /** Whether the words after "top N ... by" are being read: what they aggregate ranks. */
    boolean rankBy;
    /** Aggregates named after the first one ranked ("by number of treatments and average amount"): ties. */
    final List<String> tieBreaks = new ArrayList<>();
    boolean askedSingular;
    boolean aggContext;
    /** The field whose distinct values a list asks for ("which states do doctors ... reside in"). */
    String distinctField;
    final List<Reference> references = new ArrayList<>();
    /** Entities two relationships away that the request opened (see {@link #reaches}). */
    java.util.Set<String> routed = java.util.Set.of();
    final List<String> unknown = new ArrayList<>();
    PlanError error;
    int recognised;

    QueryInterpreter(ModelFacts facts, List<Token> tokens, List<Chunk> chunks, LocalDate today, Probe probe,
                     boolean separateReferences) {
        this.facts = facts;
        this.tokens = tokens;
        this.chunks = chunks;
        this.today = today;
        this.probe = probe;
        this.separateReferences = separateReferences;
    }

    /** Reads the request; {@code entity}, when given, is the entity read whatever the words say. */
    Reading read(Optional<String> entity) {
        aggContext = Chunker.aggregating(chunks);
        head = entity.map(facts::entity).orElseGet(this::chooseHead);
        conds = new Conditions(head.name(), facts);
        routed = routes();
        Entity asked = null;
        if (rankedByRelated().filter(head::equals).isPresent()) {
            asked = askedEntity; // each of those records is counted, the most first
            count = true;
        }
        askedEntity = asked;
        conds.routed = routed;
        Clauses clauses = new Clauses(this);
        Disjunction or = new Disjunction(this);
        for (int k = 0; k < chunks.size() && error == null; k++) {
            or.before(k);
            k = clauses.handle(k);
            or.after(k);
        }
        if (error != null) {
            return new Reading(head, null, Optional.empty(), references, conf, error, recognised, unknown);
        }
        return assemble();
    }

    private Reading assemble() {
        if (groupUnit != null) {
            Optional<Field> date = facts.defaultDate(head);
            if (date.isEmpty()) {
                error = Clauses.error("unknown_field", head.name() + " have no date to group by "
                        + groupUnit.jsonName(), facts.describableFields(head), conf);
                return new Reading(head, null, Optional.empty(), references, conf, error, recognised, unknown);
            }
            groups.add(0, GroupBy.of(date.get().name(), groupUnit));
        }
        if (pendingAgg != null && aggregates.isEmpty()) {
            if (pendingAgg == AggregateFunction.SUM || count) {
                count = true;
            } else {
                conf.penalize(0.7, "did not find what to " + pendingAgg.jsonName());
            }
        }
        List<Aggregate> distinct = aggregates.stream().distinct().toList();
        aggregates.clear();
        aggregates.addAll(distinct); // "average amount ... average amount" asks once
        List<GroupBy> keys = groups.stream().distinct().toList();
        groups.clear();
        groups.addAll(keys); // "each type of transaction ... the top 3 transaction types" groups once
        if (count && !aggregates.contains(Aggregate.count())) {
            aggregates.add(0, Aggregate.count());
        }
        if (!groups.isEmpty() && aggregates.isEmpty() && superlative != null && !sortOnly && orderKey != null) {
            orderKey = aggregateOf(orderKey); // "top 3 specialties by total drug amount": its sum per group
        }
        if (!groups.isEmpty() && aggregates.isEmpty()) {
            if (superlative != null && !sortOnly) {
                // "our best month": best by what? counting records is a guess, said as such
                conf.penalize(0.5, "ranked by the number of " + head.name() + ", since nothing to rank by was named");
            }
            aggregates.add(Aggregate.count());
        }
        Query.Builder b = Query.builder(head.name());
        List<String> unrelated = new ArrayList<>();
        Optional<Filter> where = conds.build(unrelated);
        for (String u : unrelated) {
            conf.penalize(0.6, "no relationship leads from " + head.name() + " to " + u + "; ignored that condition");
        }
        where.ifPresent(b::where);
        if (superlative != null) {
            order(b);
        }
        if (!aggregates.isEmpty()) {
            b.groupBy(groups.toArray(new GroupBy[0]));
            b.aggregate(aggregates.toArray(new Aggregate[0]));
        } else if (limit != null && superlative == null) {
            b.limit(limit);
        }
        if (distinctField != null && aggregates.isEmpty() && superlative == null) {
            b.fields(distinctField).distinct(true);
        }
        return new Reading(head, b.build(), where, references, conf, null, recognised, unknown);
    }

    /** Orders by what the superlative is about, and keeps as many as asked ("top 5") or one ("best month"). */
    private void order(Query.Builder b) {
        boolean aggregate = !aggregates.isEmpty() || !groups.isEmpty();
        if (aggregate) {
            if (groups.isEmpty() && lastField != null && lastField.entity().equals(head.name())
                    && !lastField.field().type().isNumeric()) {
                // "which channel has the most revenue": the channel named is the group, and one is asked for
                groups.add(GroupBy.of(lastField.field().name()));
                singularObject |= lastFieldSingular;
            }
            if (groups.isEmpty() && askedEntity != null) {
                navigation(askedEntity.name()).ifPresent(nav -> {
                    groups.add(GroupBy.of(nav.localField()));
                    facts.nameField(askedEntity).ifPresent(f -> groups.add(GroupBy.of(nav.name() + "." + f.name())));
                });
                singularObject |= askedSingular;
            }
            if (aggregates.isEmpty()) {
                aggregates.add(Aggregate.count());
            }
            String key = orderKey != null ? aggregateOf(orderKey) : aggregates.get(0).alias();
            List<OrderBy> keys = new ArrayList<>(List.of(new OrderBy(key, superlative)));
            tieBreaks.stream().distinct().filter(t -> !t.equals(key))
                    .forEach(t -> keys.add(new OrderBy(t, superlative)));
            b.orderBy(keys.toArray(new OrderBy[0]));
            if (limit != null) {
                b.limit(limit);
            } else if (singularObject) {
                b.limit(1);
            }
            return;
        }
        String key = orderKey;
        if (key == null && lastField != null && lastField.entity().equals(head.name())
                && lastField.field().type().isNumeric()) {
            key = lastField.field().name();
        }
        if (key == null) {
            Optional<Field> money = facts.moneyField(head);
            if (money.isEmpty()) {
                conf.penalize(0.6, "did not find what to rank " + head.name() + " by");
                return;
            }
            key = money.get().name();
            conf.note("ranked by " + key);
        }
        b.orderBy(new OrderBy(key, superlative));
        if (limit != null) {
            b.limit(limit);
        } else if (!sortOnly) {
            b.limit(singularObject || headSingular ? 1 : 10);
        }
    }

    /**
     * The column that ranks groups by a number field named before the aggregates were ("top 3 specialties
     * by total drug amount ... Return ... total drug amount"): an aggregate of that field asked for, or a
     * measure that sums it, else its sum.
     */
    private String aggregateOf(String key) {
        if (aggregates.stream().anyMatch(a -> a.alias().equals(key)) || groups.stream().anyMatch(g -> g.alias().equals(key))) {
            return key;
        }
        Optional<Field> field = head.field(key).filter(f -> f.type().isNumeric());
        if (field.isEmpty()) {
            return key;
        }
        for (Aggregate a : aggregates) {
            if (a instanceof Aggregate.Of o && o.field().filter(key::equals).isPresent()) {
                return a.alias();
            }
            if (a instanceof Aggregate.Measure m && facts.model.measure(m.measure()).map(x -> x.expression()
                    instanceof io.promoagent.schema.model.MeasureExpression.Aggregation g
                    && g.function() == AggregateFunction.SUM && g.field().filter(key::equals).isPresent()
                    && g.where().isEmpty()).orElse(false)) {
                return a.alias();
            }
        }
        Aggregate sum = Aggregate.of(AggregateFunction.SUM, key);
        aggregates.add(sum);
        conf.note("ranked by the sum of " + key);
        return sum.alias();
    }

    /**
     * The entity read: a measure's in a request that aggregates, else the first entity named other than as
     * the object of a relation ("customers with recent orders" reads customers), else the entity of the
     * first word of the vocabulary, else the entity a literal points to, else the first entity.
     */
    private Entity chooseHead() {
        for (Chunk c : chunks) {
            if (c instanceof Chunk.Term t) {
                boolean onlyMeasures = t.senses().stream().allMatch(s -> s instanceof Sense.MeasureSense);
                for (Sense s : t.senses()) {
                    if (s instanceof Sense.MeasureSense && (aggContext || onlyMeasures)) {
                        return facts.entity(s.entity());
                    }
                }
            }
        }
        Optional<Entity> counted = countedEntity();
        if (counted.isPresent()) {
            return counted.get();
        }
        Optional<Entity> ranked = rankedByRelated();
        if (ranked.isPresent()) {
            return ranked.get();
        }
        Entity firstNamed = null;
        Entity firstDescribed = null;
        for (int k = 0; k < chunks.size(); k++) {
            if (!(chunks.get(k) instanceof Chunk.Term t) || t.senses().isEmpty()) {
                continue;
            }
            for (Sense s : t.senses()) {
                if (s instanceof Sense.EntitySense e) {
                    if (!relational(k)) {
                        return e.value();
                    }
                    if (firstNamed == null) {
                        firstNamed = e.value();
                    }
                }
            }
            boolean entity = t.senses().stream().anyMatch(s -> s instanceof Sense.EntitySense);
            if (!entity && firstDescribed == null && !relational(k)) {
                // "students with more than 5 loans": the value describes the records asked for
                firstDescribed = facts.entity(t.senses().get(0).entity());
            }
        }
        if (firstDescribed != null) {
            // "status of SUMMER25": an identifier a look-up finds settles which entity's status
            for (Chunk c : chunks) {
                if (c instanceof Chunk.Literal l && l.token().kind() == Token.Kind.IDENT) {
                    Optional<Entity> owner = probe.owner(l.token().text());
                    if (owner.isPresent()) {
                        return owner.get();
                    }
                }
            }
            return firstDescribed;
        }
        if (firstNamed != null) {
            return firstNamed;
        }
        for (int k = 0; k < chunks.size(); k++) {
            Chunk c = chunks.get(k);
            if (c instanceof Chunk.Literal l && l.token().kind() == Token.Kind.EMAIL && facts.emailEntity().isPresent()) {
                return facts.emailEntity().get();
            }
            if (c instanceof Chunk.Literal l && l.token().kind() == Token.Kind.IDENT) {
                Optional<Entity> owner = probe.owner(l.token().text());
                if (owner.isPresent()) {
                    return owner.get();
                }
            }
            if ((c instanceof Chunk.Unknown || (c instanceof Chunk.Literal l2 && l2.token().kind() == Token.Kind.QUOTED))
                    && facts.nameEntity().isPresent()) {
                return facts.nameEntity().get();
            }
        }
        Entity first = facts.model.entities().get(0);
        conf.penalize(0.85, "no entity named; read " + first.name());
        return first;
    }

    /**
     * "the top 5 combinations of customer state and ticker type by number of transactions": in a request
     * that ranks or groups, the entity counted is read when every other word of the vocabulary is about it
     * or about records it reaches through many-to-one relationships (each transaction has one customer).
     */
    private Optional<Entity> countedEntity() {
        if (!aggContext) {
            return Optional.empty();
        }
        boolean ranks = chunks.stream().anyMatch(c -> c instanceof Chunk.Word w && (w.role() == Grammar.Role.DESC
                || w.role() == Grammar.Role.ASC || w.role() == Grammar.Role.GROUP));
        for (int k = 0; k + 1 < chunks.size() && ranks; k++) {
            if (chunks.get(k) instanceof Chunk.Word a && (a.role() == Grammar.Role.AVG || a.role() == Grammar.Role.SUM
                    || a.role() == Grammar.Role.MIN || a.role() == Grammar.Role.MAX) && !compared(k)
                    && chunks.get(k + 1) instanceof Chunk.Term f) {
                // "the average closing price for each ticker type": the prices are read, grouped by their ticker's type
                for (Sense s : f.senses()) {
                    if (s instanceof Sense.FieldSense fs && fs.field().type().isNumeric() && coversAll(fs.owner())) {
                        return Optional.of(fs.owner());
                    }
                }
            }
            if (!(chunks.get(k) instanceof Chunk.Word w && w.role() == Grammar.Role.COUNT && !compared(k))) {
                continue;
            }
            int n = chunks.get(k + 1) instanceof Chunk.Unknown u && KnownWords.DISTINCT.contains(u.token().key()) ? k + 2 : k + 1;
            if (!(chunk(n) instanceof Chunk.Term t)) {
                continue;
            }
            for (Sense s : t.senses()) {
                if (s instanceof Sense.EntitySense e && coversAll(e.value())) {
                    return Optional.of(e.value());
                }
            }
            // "how many distinct customers made each type of transaction": the transactions are read, and
            // the customers they reach through a many-to-one relationship counted once each
            for (Sense s : t.senses()) {
                if (s instanceof Sense.EntitySense e) {
                    for (Chunk c : chunks) {
                        if (c instanceof Chunk.Term o) {
                            for (Sense x : o.senses()) {
                                if (!x.entity().equals(e.entity())
                                        && facts.navigation(x.entity(), e.entity()).filter(nv -> !nv.toMany()).isPresent()
                                        && coversAll(facts.entity(x.entity()))) {
                                    return Optional.of(facts.entity(x.entity()));
                                }
                            }
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Whether the chunk at {@code k} follows "with", "without" or a comparison ("with more than 5 orders"). */
    private boolean compared(int k) {
        for (int j = k - 1; j >= 0; j--) {
            if (chunks.get(j) instanceof Chunk.Word w && w.role() == Grammar.Role.STOP) {
                continue;
            }
            return chunks.get(j) instanceof Chunk.Word w && (w.role() == Grammar.Role.WITH
                    || w.role() == Grammar.Role.NEG || w.role() == Grammar.Role.CMP);
        }
        return false;
    }

    /**
     * "the customer who made the most sell transactions on 2023-04-01": records ranked by how many related
     * records each has, with no count field for them, are read as those related records counted per record
     * of the first (its key and name). Returns the related entity, and notes the first as the one asked for.
     */
    private Optional<Entity> rankedByRelated() {
        Entity first = null;
        int firstAt = -1;
        for (int k = 0; k < chunks.size(); k++) {
            Chunk c = chunks.get(k);
            if (first == null && c instanceof Chunk.Term t && !relational(k)) {
                for (Sense s : t.senses()) {
                    if (s instanceof Sense.EntitySense e) {
                        first = e.value();
                        firstAt = k;
                        break;
                    }
                }
                if (first == null) {
                    return Optional.empty(); // described before it is named: not this construction
                }
                continue;
            }
            // only "most": counting the related records leaves out the records that have none, which
            // "the fewest" may be
            if (first == null || !(c instanceof Chunk.Word w && w.role() == Grammar.Role.DESC)) {
                continue;
            }
            int j = k + 1;
            while (chunks.size() > j && chunks.get(j) instanceof Chunk.Term d && d.senses().stream().allMatch(s
                    -> s instanceof Sense.ValueSense || s instanceof Sense.RuleSense)) {
                j++;
            }
            List<Sense> senses = new ArrayList<>();
            if (chunk(j) instanceof Chunk.Term target) {
                senses.addAll(target.senses());
            }
            if (j > k + 1 && chunk(j - 1) instanceof Chunk.Term rule) {
                // "the most overdue loans": a rule named after the records it selects
                rule.senses().stream().filter(s -> s instanceof Sense.RuleSense)
                        .forEach(s -> senses.add(new Sense.EntitySense(facts.entity(s.entity()), false)));
            }
            for (Sense s : senses) {
                if (!(s instanceof Sense.EntitySense e) || e.value().equals(first)) {
                    continue;
                }
                Optional<Navigation> down = facts.navigation(first.name(), e.entity());
                Optional<Navigation> up = facts.navigation(e.entity(), first.name());
                if (down.isPresent() && down.get().toMany() && facts.countField(first, down.get()).isEmpty()
                        && up.isPresent() && !up.get().toMany()) {
                    askedEntity = first;
                    Token last = tokens.get(chunks.get(firstAt).to() - 1);
                    askedSingular = last.key().equals(last.stem());
                    return Optional.of(e.value());
                }
            }
            return Optional.empty();
        }
        return Optional.empty();
    }

    private boolean coversAll(Entity e) {
        for (Chunk c : chunks) {
            if (c instanceof Chunk.Term t && t.senses().stream().noneMatch(s -> s.entity().equals(e.name())
                    || facts.navigation(e.name(), s.entity()).filter(n -> !n.toMany()).isPresent())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the chunk at {@code k} follows "with", "without", a comparison, a number or "by". */
    boolean relational(int k) {
        for (int j = k - 1; j >= 0; j--) {
            Chunk c = chunks.get(j);
            if (c instanceof Chunk.Word w) {
                Grammar.Role r = w.role();
                if (r == Grammar.Role.STOP || r == Grammar.Role.LEAD) {
                    continue;
                }
                return r == Grammar.Role.WITH || r == Grammar.Role.NEG || r == Grammar.Role.CMP || r == Grammar.Role.GROUP
                        || r == Grammar.Role.TOPIC;
            }
            if (c instanceof Chunk.Literal l) {
                return l.token().isNumeric();
            }
            if (c instanceof Chunk.Term t) {
                // "refunded orders" after "3": look through the words that describe the entity
                boolean describes = t.senses().stream().allMatch(s -> s instanceof Sense.ValueSense
                        || s instanceof Sense.RuleSense);
                if (describes) {
                    continue;
                }
            }
            return false;
        }
        return false;
    }

    /** The chunk at {@code k}, or null past the end. */
    Chunk chunk(int k) {
        return k >= 0 && k < chunks.size() ? chunks.get(k) : null;
    }

    /** The text of tokens {@code from..to}, as written. */
    String text(int from, int to) {
        StringBuilder b = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(tokens.get(i).text());
        }
        return b.toString();
    }

    String text(Chunk c) {
        return text(c.from(), c.to());
    }

    /**
     * Whether the head reaches {@code entity} through one relationship, or through the one route of two
     * that the request opens by naming the entity as what the records have or had done to them.
     */
    boolean reaches(String entity) {
        return navigation(entity).isPresent() || routed.contains(entity);
    }

    /**
     * The entities two relationships away that the request names right after "with", "without", "that
     * have" or a verb relating records ("doctors who have prescribed biologic drugs", "patients that have
     * outcome assessments"), looking past the words that describe them. Anything else two steps away
     * ("promotions of customers from Germany") stays unrelated, and so unsure.
     */
    private java.util.Set<String> routes() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (int k = 0; k < chunks.size(); k++) {
            if (!(chunks.get(k) instanceof Chunk.Term t)) {
                continue;
            }
            for (Sense s : t.senses()) {
                if (s instanceof Sense.EntitySense e && navigation(e.entity()).isEmpty()
                        && !facts.route(head.name(), e.entity()).isEmpty() && opened(k, e.entity())) {
                    out.add(e.entity());
                }
            }
        }
        return out;
    }

    private boolean opened(int k, String entity) {
        for (int j = k - 1; j >= 0; j--) {
            Chunk c = chunks.get(j);
            if (c instanceof Chunk.Term d && d.senses().stream().anyMatch(s -> s.entity().equals(entity)
                    && (s instanceof Sense.ValueSense || s instanceof Sense.RuleSense))) {
                continue; // "biologic drugs"
            }
            if (c instanceof Chunk.Word w && w.role() == Grammar.Role.STOP) {
                continue;
            }
            if (c instanceof Chunk.Word w) {
                return w.role() == Grammar.Role.WITH || w.role() == Grammar.Role.NEG;
            }
            Token first = tokens.get(c.from());
            return c.to() - c.from() == 1 && !first.capitalized() && Words.isPastForm(first.key());
        }
        return false;
    }

    /** The navigation from the head to {@code entity}, if any. */
    Optional<Navigation> navigation(String entity) {
        return facts.navigation(head.name(), entity);
    }
}
