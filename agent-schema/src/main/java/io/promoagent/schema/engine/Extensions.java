package io.promoagent.schema.engine;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.model.DataModel;
import java.util.Optional;

/**
 * Which queries use the constructs of query IR 2.0 that the engine computes in memory
 * ({@link InMemoryEvaluation}), and which filters only the engine can evaluate (sources never see them).
 */
final class Extensions {

    private Extensions() {
    }

    /** Whether the query needs {@link InMemoryEvaluation}: any construct a streaming plan does not compute. */
    static boolean uses(DataModel model, Query q) {
        if (!q.select().isEmpty() || q.distinct() || !q.windows().isEmpty()) {
            return true;
        }
        if (q.groupBy().stream().anyMatch(g -> g.expr().isPresent())) {
            return true;
        }
        for (Aggregate a : q.aggregates()) {
            if (a instanceof Aggregate.Computed || a instanceof Aggregate.Formula
                    || a instanceof Aggregate.Of of && of.function().isOrderStatistic()) {
                return true;
            }
        }
        return engineOnly(model, q.where()) || engineOnly(model, q.having());
    }

    static boolean engineOnly(DataModel model, Optional<Filter> f) {
        return f.isPresent() && engineOnly(model, f.get());
    }

    /**
     * Whether a filter holds a test between expressions or an {@code ends_with}, anywhere inside, the predicates
     * of the rules it refers to included (a rule may test computed values; the validator has refused cycles).
     */
    static boolean engineOnly(DataModel model, Filter f) {
        if (f instanceof And and) {
            return and.operands().stream().anyMatch(o -> engineOnly(model, o));
        }
        if (f instanceof Or or) {
            return or.operands().stream().anyMatch(o -> engineOnly(model, o));
        }
        if (f instanceof Not not) {
            return engineOnly(model, not.operand());
        }
        if (f instanceof Related r) {
            return engineOnly(model, r.where());
        }
        if (f instanceof RuleRef r) {
            return engineOnly(model, model.expandRule(r.rule(), r.args()));
        }
        if (f instanceof Compare c) {
            return c.op() == Operator.ENDS_WITH;
        }
        return f instanceof Test;
    }

    /** Whether an expression holds a nested query (whose answer does not depend on the record). */
    static boolean nested(Expr e) {
        return e instanceof Expr.Subquery || e.children().stream().anyMatch(Extensions::nested);
    }
}
