package io.promoagent.planner.internal;

import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.model.Navigation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conditions a request puts on records, each on the entity it is about; {@link #build} turns those on
 * other entities into conditions on related records ("customers with recent orders") and joins the rest.
 */
final class Conditions {

    /**
     * One condition.
     *
     * @param entity  the entity it is about
     * @param filter  the condition; null for "has related records" alone ("customers with orders")
     * @param negated whether it is denied ("who haven't ordered")
     */
    record Cond(String entity, Filter filter, boolean negated) {
    }

    private final String head;
    private final ModelFacts facts;
    private final List<Cond> conds = new ArrayList<>();
    private final List<Filter> direct = new ArrayList<>();
    /** Entities two relationships away the request opened; conditions on them go through the route. */
    java.util.Set<String> routed = java.util.Set.of();

    Conditions(String head, ModelFacts facts) {
        this.head = head;
        this.facts = facts;
    }

    /** Adds a condition, unless the same one is there already ("opted in to marketing" says it twice). */
    void add(String entity, Filter filter, boolean negated) {
        Cond c = new Cond(entity, filter, negated);
        Cond last = last();
        if (filter != null && !entity.equals(head) && last != null && last.entity().equals(entity)
                && last.filter() == null && last.negated() && !negated) {
            // "without any orders in the past 120 days": the condition says which records are absent
            replaceLast(new Cond(entity, filter, true));
            return;
        }
        if (filter instanceof Compare cmp && cmp.values().size() == 1 && cmp.value() instanceof Boolean) {
            for (Cond o : conds) {
                if (o.entity().equals(entity) && o.filter() instanceof Compare oc && oc.field().equals(cmp.field())) {
                    return; // "have not opted in to marketing": the field is named twice, its first reading stands
                }
            }
        }
        if (!conds.contains(c)) {
            conds.add(c);
        }
    }

    /** Adds a condition on the head entity as it is (a related count). */
    void addDirect(Filter filter) {
        direct.add(filter);
    }

    List<Cond> all() {
        return conds;
    }

    int size() {
        return conds.size() + direct.size();
    }

    Cond last() {
        return conds.isEmpty() ? null : conds.get(conds.size() - 1);
    }

    void replaceLast(Cond c) {
        conds.set(conds.size() - 1, c);
    }

    /**
     * The where clause: the head's own conditions in order, then one {@link Related} per relationship and
     * polarity; a condition on a many-to-one relationship's key becomes a comparison of the local field.
     *
     * @param unrelated receives the entities no relationship leads to from the head
     */
    Optional<Filter> build(List<String> unrelated) {
        List<Filter> out = new ArrayList<>();
        record Group(List<Navigation> route, boolean negated, List<Filter> filters) {
        }
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<Integer, String> positions = new LinkedHashMap<>();
        for (Cond c : conds) {
            if (c.entity().equals(head)) {
                if (c.filter() != null) {
                    out.add(c.negated() ? negate(c.filter()) : c.filter());
                }
                continue;
            }
            List<Navigation> route = facts.navigation(head, c.entity()).map(List::of)
                    .orElseGet(() -> routed.contains(c.entity()) ? facts.route(head, c.entity()) : List.of());
            if (route.isEmpty()) {
                unrelated.add(c.entity());
                continue;
            }
            String key = route.stream().map(Navigation::name).reduce((a, b) -> a + "." + b).orElseThrow()
                    + "/" + c.negated();
            Group g = groups.get(key);
            if (g == null) {
                g = new Group(route, c.negated(), new ArrayList<>());
                groups.put(key, g);
                positions.put(out.size(), key);
                out.add(null);
            }
            if (c.filter() != null && !g.filters().contains(c.filter())) {
                g.filters().add(c.filter());
            }
        }
        for (Map.Entry<Integer, String> p : new ArrayList<>(positions.entrySet())) {
            Group g = groups.get(p.getValue());
            boolean implied = !g.negated() && g.filters().isEmpty() && groups.values().stream().anyMatch(o -> o != g
                    && !o.negated() && o.route().size() > g.route().size() && o.route().get(0).equals(g.route().get(0)));
            if (implied) {
                positions.remove(p.getKey()); // "who have borrowed science books": the longer route says it
            }
        }
        for (Map.Entry<Integer, String> p : positions.entrySet()) {
            Group g = groups.get(p.getValue());
            Group g2 = g;
            Filter f = related(g.route().get(g.route().size() - 1), false, g.filters());
            for (int i = g.route().size() - 2; i >= 0; i--) {
                f = new Related(g.route().get(i).name(), Optional.of(f), CountCondition.exists());
            }
            if (g2.negated()) {
                f = f instanceof Related r ? new Related(r.via(), r.where(), CountCondition.notExists()) : negate(f);
            }
            out.set(p.getKey(), f);
        }
        out.removeIf(java.util.Objects::isNull);
        out.addAll(direct);
        if (out.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(out.size() == 1 ? out.get(0) : new io.promoagent.schema.ir.And(out));
    }

    private static Filter related(Navigation nav, boolean negated, List<Filter> filters) {
        Optional<Filter> where = filters.isEmpty() ? Optional.empty()
                : Optional.of(filters.size() == 1 ? filters.get(0) : new io.promoagent.schema.ir.And(filters));
        if (!nav.toMany() && filters.size() == 1 && filters.get(0) instanceof Compare c && !c.ignoreCase()
                && c.field().equals(nav.remoteField()) && (c.op() == Operator.EQ || c.op() == Operator.IN)) {
            // the key of the related record is right here: compare the local field, no join needed
            Compare local = new Compare(nav.localField(), c.op(), c.values(), false);
            return negated ? negate(local) : local;
        }
        return new Related(nav.name(), where, negated ? CountCondition.notExists() : CountCondition.exists());
    }

    /** The denial of a condition: {@code !=} for an equality, the other truth value for a boolean. */
    static Filter negate(Filter f) {
        if (f instanceof Compare c && c.op() == Operator.EQ && c.values().size() == 1) {
            if (c.value() instanceof Boolean b) {
                return new Compare(c.field(), Operator.EQ, List.of(!b), false);
            }
            return new Compare(c.field(), Operator.NE, c.values(), c.ignoreCase());
        }
        if (f instanceof Not n) {
            return n.operand();
        }
        return new Not(f);
    }
}
