package io.promoagent.planner.internal;

import io.promoagent.planner.plan.ReferenceResolver;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Field;
import java.util.List;
import java.util.Optional;

/**
 * Asks the data, when a look-up is configured, which field a value written in a request is in: whether
 * {@code SUMMER25} is a promotion's id or its code, whether "Berlin" is a customer's name or city. Without
 * a look-up, the form of the value decides.
 */
final class Probe {

    private final ModelFacts facts;
    private final Optional<ReferenceResolver> resolver;

    Probe(ModelFacts facts, Optional<ReferenceResolver> resolver) {
        this.facts = facts;
        this.resolver = resolver;
    }

    /** The key or unique field an identifier is a value of. */
    Field identifier(Entity e, String value) {
        List<Field> candidates = facts.identifierFields(e);
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        Optional<Field> found = holder(e, value, candidates, false);
        if (found.isPresent()) {
            return found.get();
        }
        // keys are usually a letter or two and digits (C00042); codes are words (SUMMER25)
        return value.matches("[A-Za-z]{1,3}[0-9]+") ? candidates.get(0) : candidates.get(1);
    }

    /** The first of {@code candidates} some record holds {@code value} in; empty without a look-up. */
    Optional<Field> holder(Entity e, String value, List<Field> candidates, boolean ignoreCase) {
        if (resolver.isEmpty()) {
            return Optional.empty();
        }
        for (Field f : candidates) {
            try {
                Query q = Query.builder(e.name()).where(new Compare(f.name(), Operator.EQ, List.of(value), ignoreCase))
                        .fields(f.name()).limit(1).build();
                if (!resolver.get().find(q).isEmpty()) {
                    return Optional.of(f);
                }
            } catch (RuntimeException ex) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The entity that has a record with this identifier ("who is C00040"); empty without a look-up. */
    Optional<Entity> owner(String value) {
        for (Entity e : facts.model.entities()) {
            if (holder(e, value, facts.identifierFields(e), false).isPresent()) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
