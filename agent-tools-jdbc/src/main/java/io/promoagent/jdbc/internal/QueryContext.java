package io.promoagent.jdbc.internal;

import io.promoagent.schema.source.PushedQuery;
import java.time.LocalDate;

/**
 * What the expressions of a whole query need beside the data model: the query's today and the engine's
 * preparation of nested filters (those of conditional aggregates and related-record aggregates).
 *
 * @param today       the query's today
 * @param preparation expands rules and resolves time ranges in a filter over an entity's fields
 */
record QueryContext(LocalDate today, PushedQuery.Preparation preparation) {

    static QueryContext of(PushedQuery pushed) {
        return new QueryContext(pushed.today(), pushed.preparation());
    }
}
