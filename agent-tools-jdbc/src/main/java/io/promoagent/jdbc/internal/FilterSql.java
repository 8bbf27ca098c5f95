package io.promoagent.jdbc.internal;

import io.promoagent.schema.ir.And;
import io.promoagent.schema.ir.CountCondition;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Not;
import io.promoagent.schema.ir.Or;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.ir.Test;
import io.promoagent.schema.ir.TimeRange;
import io.promoagent.schema.ir.Within;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Navigation;
import java.util.List;

/**
 * Compiles a prepared filter to a SQL condition that is never NULL, so that the filter language's
 * two-valued logic holds ({@code not} of a comparison on an absent field is true): every comparison is
 * wrapped in {@code IS TRUE}. Conditions on related records become {@code EXISTS} or a counting subquery
 * on the related table. One case per kind of filter; rules must be expanded and time ranges resolved first.
 */
final class FilterSql {

    private final Mapping mapping;
    private final Aliases aliases;
    private final ExprSql exprs;

    /** For the filters of per-entity reads, which hold no tests between expressions. */
    FilterSql(Mapping mapping, Aliases aliases) {
        this.mapping = mapping;
        this.aliases = aliases;
        this.exprs = null;
    }

    /** For the filters of a whole query, whose tests compute expressions. */
    FilterSql(Mapping mapping, Aliases aliases, QueryContext context) {
        this.mapping = mapping;
        this.aliases = aliases;
        this.exprs = new ExprSql(mapping, aliases, this, context);
    }

    /** The compiler of this statement's expressions. */
    ExprSql exprs() {
        if (exprs == null) {
            throw new Unsupported("an expression in a per-entity read");
        }
        return exprs;
    }

    void compile(Filter filter, Scope scope, Sql out) {
        if (filter instanceof And and) {
            junction(and.operands(), " AND ", "TRUE", scope, out);
        } else if (filter instanceof Or or) {
            junction(or.operands(), " OR ", "FALSE", scope, out);
        } else if (filter instanceof Not not) {
            out.append("NOT ");
            compile(not.operand(), scope, out);
        } else if (filter instanceof Compare compare) {
            CompareSql.compile(compare, column(scope, compare.field()), out);
        } else if (filter instanceof Within within) {
            within(within, column(scope, within.field()), out);
        } else if (filter instanceof Test test) {
            TestSql.compile(test, exprs(), scope, out);
        } else if (filter instanceof Related related && scope instanceof Scope.OfEntity entity) {
            related(related, entity, out);
        } else {
            throw new Unsupported("a " + filter.getClass().getSimpleName() + " here");
        }
    }

    private void junction(List<Filter> operands, String operator, String empty, Scope scope, Sql out) {
        if (operands.isEmpty()) {
            out.append(empty);
            return;
        }
        out.append("(");
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                out.append(operator);
            }
            compile(operands.get(i), scope, out);
        }
        out.append(")");
    }

    private static Column column(Scope scope, String name) {
        return scope.column(name).orElseThrow(() -> new Unsupported("no column for '" + name + "'"));
    }

    private static void within(Within within, Column column, Sql out) {
        if (!(within.range() instanceof TimeRange.Between between)) {
            throw new Unsupported("an unresolved time range");
        }
        out.append("(" + Dates.day(column.sql(), column.dbType()) + " BETWEEN ")
                .param(between.from(), DbType.DATE).append(" AND ")
                .param(between.to(), DbType.DATE).append(") IS TRUE");
    }

    /** Related records counted in a correlated subquery; {@code exists} and {@code not exists} as such. */
    private void related(Related related, Scope.OfEntity scope, Sql out) {
        Navigation nav = mapping.model().navigation(scope.entity().name(), related.via())
                .orElseThrow(() -> new Unsupported("no relationship " + related.via()));
        Entity target = mapping.model().requireEntity(nav.to());
        if (!mapping.owns(target)) {
            throw new Unsupported("entity '" + target.name() + "' lives in another source");
        }
        Scope.OfEntity inner = new Scope.OfEntity(mapping, target, aliases.next(mapping.table(target)));
        DbType local = mapping.type(scope.entity(), nav.localField());
        DbType remote = mapping.type(target, nav.remoteField());
        Sql body = new Sql().append(" FROM " + Sql.quote(mapping.table(target)) + " AS " + inner.alias() + " WHERE ");
        if (local == remote) {
            body.append(inner.column(nav.remoteField()).orElseThrow().sql() + " = "
                    + scope.column(nav.localField()).orElseThrow().sql());
        } else {
            body.append("FALSE"); // values of different types are never the same value
        }
        if (related.where().isPresent()) {
            body.append(" AND ");
            compile(related.where().get(), inner, body);
        }
        CountCondition count = related.count();
        if (count.isExists() || count.isNotExists()) {
            out.append(count.isExists() ? "EXISTS (SELECT 1" : "NOT EXISTS (SELECT 1").append(body).append(")");
            return;
        }
        out.append("((SELECT count(*)").append(body).append(") " + CompareSql.symbol(count.op()) + " ")
                .param(java.math.BigDecimal.valueOf(count.value()), DbType.NUMERIC).append(")");
    }
}
