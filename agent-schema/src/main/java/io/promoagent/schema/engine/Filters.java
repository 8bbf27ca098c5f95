package io.promoagent.schema.engine;

import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.DataModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Structural facts about prepared filters that the engine's planning needs. */
final class Filters {

    private Filters() {
    }

    /** The conjuncts of a filter: the operands of nested {@code and}s, or the filter itself. */
    static List<Filter> conjuncts(Optional<Filter> filter) {
        List<Filter> out = new ArrayList<>();
        filter.ifPresent(f -> addConjuncts(f, out));
        return out;
    }

    private static void addConjuncts(Filter f, List<Filter> out) {
        if (f instanceof And and) {
            and.operands().forEach(o -> addConjuncts(o, out));
        } else {
            out.add(f);
        }
    }

    /** The conjunction of filters; empty for none. */
    static Optional<Filter> and(List<Filter> filters) {
        if (filters.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(filters.size() == 1 ? filters.get(0) : new And(filters));
    }

    /** Whether only the engine can evaluate the filter: it holds a condition on related records. */
    static boolean containsRelated(Filter f) {
        if (f instanceof And and) {
            return and.operands().stream().anyMatch(Filters::containsRelated);
        }
        if (f instanceof Or or) {
            return or.operands().stream().anyMatch(Filters::containsRelated);
        }
        if (f instanceof Not not) {
            return containsRelated(not.operand());
        }
        return f instanceof Related;
    }

    /** The related-record conditions of a filter over one entity (not those nested in their own where). */
    static void relatedConditions(Filter f, Collection<Related> out) {
        if (f instanceof And and) {
            and.operands().forEach(o -> relatedConditions(o, out));
        } else if (f instanceof Or or) {
            or.operands().forEach(o -> relatedConditions(o, out));
        } else if (f instanceof Not not) {
            relatedConditions(not.operand(), out);
        } else if (f instanceof Related r) {
            out.add(r);
        }
    }

    /** The fields of {@code entity} that evaluating the filter reads: compared fields and join fields. */
    static void fields(DataModel model, String entity, Filter f, Collection<String> out) {
        if (f instanceof And and) {
            and.operands().forEach(o -> fields(model, entity, o, out));
        } else if (f instanceof Or or) {
            or.operands().forEach(o -> fields(model, entity, o, out));
        } else if (f instanceof Not not) {
            fields(model, entity, not.operand(), out);
        } else if (f instanceof Compare c) {
            out.add(c.field());
        } else if (f instanceof Within w) {
            out.add(w.field());
        } else if (f instanceof Related r) {
            model.navigation(entity, r.via()).ifPresent(nav -> out.add(nav.localField()));
        }
    }
}
