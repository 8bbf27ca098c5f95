package io.promoagent.jdbc;

import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.Expr;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.Select;
import io.promoagent.schema.ir.Test;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The construct the SQL compiler declines, as docs/jdbc.md lists it: a nested query whose value is finished
 * in memory (an average, a formula, a window). A query holding one is run by the engine;
 * every other query that lives in PostgreSQL must be one statement.
 */
final class Declined {

    private Declined() {
    }

    static Optional<String> reason(Query q) {
        List<Expr> all = new ArrayList<>();
        filterExprs(q.where(), all);
        q.select().stream().map(Select::expr).forEach(all::add);
        q.groupBy().forEach(g -> g.expr().ifPresent(all::add));
        for (Aggregate a : q.aggregates()) {
            if (a instanceof Aggregate.Computed c) {
                c.value().ifPresent(all::add);
                filterExprs(c.where(), all);
            }
        }
        filterExprs(q.having(), all);
        q.aggregates().stream().filter(a -> a instanceof Aggregate.Formula)
                .forEach(a -> all.add(((Aggregate.Formula) a).formula()));
        for (Expr e : all) {
            Optional<String> r = inside(e);
            if (r.isPresent()) {
                return r;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> inside(Expr e) {
        if (e instanceof Expr.Subquery q && !computedInSql(q.query())) {
            return Optional.of("a nested query whose value is finished in memory");
        }
        if (e instanceof Expr.RelatedAggregate r) {
            List<Expr> nested = new ArrayList<>();
            r.value().ifPresent(nested::add);
            filterExprs(r.where(), nested);
            for (Expr n : nested) {
                Optional<String> found = inside(n);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        for (Expr c : e.children()) {
            Optional<String> found = inside(c);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a nested query's statement computes its value itself: no window, formula, average or measure
     * (finished in memory on grouped rows), no computed group key with a constant, and nothing declined inside.
     */
    private static boolean computedInSql(Query q) {
        if (!q.windows().isEmpty() || reason(q).isPresent()) {
            return false;
        }
        for (Aggregate a : q.aggregates()) {
            if (a instanceof Aggregate.Formula || a instanceof Aggregate.Measure
                    || a instanceof Aggregate.Of of && of.function() == io.promoagent.schema.ir.AggregateFunction.AVG
                    || a instanceof Aggregate.Computed c && c.function() == io.promoagent.schema.ir.AggregateFunction.AVG) {
                return false;
            }
        }
        return q.groupBy().stream().noneMatch(g -> g.expr().isPresent() && constant(g.expr().get()));
    }

    private static boolean constant(Expr e) {
        return e instanceof Expr.Literal || e instanceof Expr.Today || e.children().stream().anyMatch(Declined::constant);
    }

    private static void filterExprs(Optional<Filter> f, List<Expr> out) {
        f.ifPresent(x -> filterExprs(x, out));
    }

    private static void filterExprs(Filter f, List<Expr> out) {
        if (f instanceof And a) {
            a.operands().forEach(o -> filterExprs(o, out));
        } else if (f instanceof Or o) {
            o.operands().forEach(x -> filterExprs(x, out));
        } else if (f instanceof Not n) {
            filterExprs(n.operand(), out);
        } else if (f instanceof Related r) {
            filterExprs(r.where(), out);
        } else if (f instanceof Test t) {
            out.add(t.left());
            out.addAll(t.right());
        }
    }
}
