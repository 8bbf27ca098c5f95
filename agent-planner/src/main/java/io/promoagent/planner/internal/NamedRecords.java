package io.promoagent.planner.internal;

import io.promoagent.planner.plan.Clarification;
import io.promoagent.planner.plan.ReferenceResolver;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.source.Row;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * "John's orders" when several customers are called John: a read that searches a name by one word is
 * asked about, listing the records found (name and key), with the request for each full name as options.
 */
final class NamedRecords {

    private static final int SHOWN = 5;

    private final ModelFacts facts;
    private final Optional<ReferenceResolver> resolver;

    NamedRecords(ModelFacts facts, Optional<ReferenceResolver> resolver) {
        this.facts = facts;
        this.resolver = resolver;
    }

    /** A question when the query's name search matches several different names; empty otherwise. */
    Optional<Clarification> ask(String request, Query q) {
        if (resolver.isEmpty()) {
            return Optional.empty();
        }
        List<Object[]> found = new ArrayList<>();
        q.where().ifPresent(w -> search(facts.entity(q.entity()), w, found));
        if (found.size() != 1) {
            return Optional.empty();
        }
        Entity e = (Entity) found.get(0)[0];
        Compare c = (Compare) found.get(0)[1];
        String word = String.valueOf(c.value());
        List<Row> rows;
        try {
            rows = resolver.get().find(Query.builder(e.name()).where(c).limit(50).build());
        } catch (RuntimeException ex) {
            return Optional.empty(); // planned without the look-up
        }
        Set<String> names = new LinkedHashSet<>();
        List<String> described = new ArrayList<>();
        for (Row r : rows) {
            Object name = r.values().get(c.field());
            if (name != null && names.add(name.toString()) && described.size() < SHOWN) {
                described.add(name + " (" + r.values().get(e.keyField().name()) + ")");
            }
        }
        if (names.size() < 2 || !request.contains(word)) {
            return Optional.empty();
        }
        List<String> options = names.stream().limit(SHOWN).map(n -> request.replaceFirst(
                java.util.regex.Pattern.quote(word), java.util.regex.Matcher.quoteReplacement(n))).toList();
        String more = names.size() > SHOWN ? " and " + (names.size() - SHOWN) + " more" : "";
        return Optional.of(new Clarification("Several " + e.name() + " match '" + word + "': "
                + String.join(", ", described) + more + ". Which one do you mean?", options, 0.9,
                names.size() + " " + e.name() + " match '" + word + "'"));
    }

    /** Collects each one-word search of a name field: {entity, compare}. */
    private void search(Entity entity, Filter f, List<Object[]> found) {
        if (f instanceof And a) {
            a.operands().forEach(o -> search(entity, o, found));
        } else if (f instanceof Related r && r.count().isExists() && r.where().isPresent()) {
            Optional<Navigation> nav = facts.model.navigation(entity.name(), r.via());
            nav.ifPresent(n -> search(facts.entity(n.to()), r.where().get(), found));
        } else if (f instanceof Compare c && c.op() == Operator.CONTAINS && c.ignoreCase()
                && c.values().size() == 1 && c.value() instanceof String s && !s.contains(" ")) {
            Optional<Field> name = facts.nameField(entity);
            if (name.isPresent() && name.get().name().equals(c.field())) {
                found.add(new Object[] {entity, c});
            }
        }
    }
}
