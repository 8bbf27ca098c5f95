package io.promoagent.promotions;

import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.time.TimeResolver;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An audience as it was on another day: rules are expanded and every relative time range ("joined in the
 * last 30 days") is resolved against that day instead of today, so the rule selects whom it would have
 * selected then, as far as today's values of the fields allow.
 */
final class AudienceAtDate {

    private static final int MAX_DEPTH = 16;

    private AudienceAtDate() {
    }

    static Filter anchor(DataModel model, Filter filter, LocalDate day) {
        return anchor(model, filter, TimeResolver.fixed(day), 0);
    }

    private static Filter anchor(DataModel model, Filter f, TimeResolver time, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("rules refer to each other more than " + MAX_DEPTH + " levels deep");
        }
        if (f instanceof RuleRef r) {
            return anchor(model, model.expandRule(r.rule(), r.args()), time, depth + 1);
        }
        if (f instanceof Within w) {
            return new Within(w.field(), time.resolve(w.range()).toBetween());
        }
        if (f instanceof And a) {
            return new And(all(model, a.operands(), time, depth));
        }
        if (f instanceof Or o) {
            return new Or(all(model, o.operands(), time, depth));
        }
        if (f instanceof Not n) {
            return new Not(anchor(model, n.operand(), time, depth + 1));
        }
        if (f instanceof Related rel) {
            return new Related(rel.via(), rel.where().map(w -> anchor(model, w, time, depth + 1)), rel.count());
        }
        if (f instanceof Compare) {
            return f;
        }
        if (f instanceof Test) {
            // A test's today stays the query's today: like today's values of fields without history, an approximation.
            return f;
        }
        throw new IllegalStateException("unknown filter " + f);
    }

    private static List<Filter> all(DataModel model, List<Filter> operands, TimeResolver time, int depth) {
        List<Filter> out = new ArrayList<>(operands.size());
        operands.forEach(o -> out.add(anchor(model, o, time, depth + 1)));
        return out;
    }
}
