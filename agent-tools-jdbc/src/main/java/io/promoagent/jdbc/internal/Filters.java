package io.promoagent.jdbc.internal;

import io.promoagent.schema.source.PushedQuery;

/** The {@code WHERE} clause of a whole query. */
final class Filters {

    private Filters() {
    }

    static void where(FilterSql filters, PushedQuery pushed, Scope.OfEntity scope, Sql sql) {
        if (pushed.where().isPresent()) {
            sql.append(" WHERE ");
            filters.compile(pushed.where().get(), scope, sql);
        }
    }
}
