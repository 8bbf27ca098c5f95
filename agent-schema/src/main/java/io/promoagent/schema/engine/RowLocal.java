package io.promoagent.schema.engine;

import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.RuleRef;
import io.promoagent.schema.ir.Select;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Navigation;
import java.util.Optional;

/**
 * Which queries of query IR 2.0 are computed row by row: every condition and selected value depends only on
 * the record's own fields and the records its many-to-one relationships reach. Such a query's answer for a
 * set of rows is the union of its answers for any split of them, so {@link InMemoryQuery} evaluates it a
 * chunk at a time. Not row-local: aggregates, windows, {@code distinct} (they need every row), nested
 * queries and aggregates over related records, and conditions on to-many related records (they need the
 * other entity whole).
 */
final class RowLocal {

    private RowLocal() {
    }

    static boolean holds(DataModel model, Query q) {
        if (q.isAggregate() || q.distinct() || !q.windows().isEmpty() || q.having().isPresent()) {
            return false;
        }
        for (Select s : q.select()) {
            if (!local(s.expr())) {
                return false;
            }
        }
        return q.where().isEmpty() || local(model, q.entity(), q.where().get());
    }

    private static boolean local(DataModel model, String entity, Filter f) {
        if (f instanceof And and) {
            return and.operands().stream().allMatch(o -> local(model, entity, o));
        }
        if (f instanceof Or or) {
            return or.operands().stream().allMatch(o -> local(model, entity, o));
        }
        if (f instanceof Not not) {
            return local(model, entity, not.operand());
        }
        if (f instanceof RuleRef r) {
            return local(model, entity, model.expandRule(r.rule(), r.args()));
        }
        if (f instanceof Related r) {
            Optional<Navigation> nav = model.navigation(entity, r.via());
            return nav.isPresent() && !nav.get().toMany()
                    && r.where().map(w -> local(model, nav.get().to(), w)).orElse(true);
        }
        if (f instanceof Test t) {
            return local(t.left()) && t.right().stream().allMatch(RowLocal::local);
        }
        // a compare or a time range reads the record's field, or one through many-to-one relationships
        return f instanceof Compare || f instanceof Within;
    }

    private static boolean local(Expr e) {
        if (e instanceof Expr.RelatedAggregate || e instanceof Expr.Subquery || e instanceof Expr.Column) {
            return false;
        }
        return e.children().stream().allMatch(RowLocal::local);
    }
}
