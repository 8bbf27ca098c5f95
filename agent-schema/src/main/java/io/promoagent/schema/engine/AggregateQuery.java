package io.promoagent.schema.engine;

import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.time.TimeResolver;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a query that returns groups and aggregates: rows stream from the source in chunks; for each chunk
 * the values read through relationships are looked up in batches, then every row is added to its group.
 */
final class AggregateQuery {

    /** Rows held at once while their related records are looked up. */
    static final int CHUNK = 1000;

    private AggregateQuery() {
    }

    /** Hands the groups, in the query's order, to {@code sink}; returns how many. */
    static long run(Execution ex, TimeResolver time, Query query, Optional<Filter> where, Consumer<? super Row> sink) {
        List<String> notes = new ArrayList<>();
        OptionalLong before = PreAggregation.run(ex, time, query, where, notes, sink);
        if (before.isPresent()) {
            return before.getAsLong();
        }
        Entity entity = ex.model.requireEntity(query.entity());
        AggregatePlan plan = AggregatePlan.of(ex.model, ex.preparation, query);
        for (AggregatePlan.Leaf leaf : plan.leaves) {
            leaf.where().ifPresent(w -> related(w).forEach(r -> ex.reader.counts(entity.name() + "/measure", entity, r)));
        }
        PathLookup lookup = new PathLookup(ex, entity.name(), plan.paths());
        Grouping grouping = new Grouping(query, plan, lookup, ex.reader.predicate(entity));
        try (RowStream rows = ex.reader.open(entity.name(), entity, where, fields(ex, plan, entity), OptionalInt.empty(),
                notes)) {
            List<Row> chunk = new ArrayList<>();
            while (rows.hasNext()) {
                chunk.add(rows.next());
                if (chunk.size() == CHUNK || !rows.hasNext()) {
                    lookup.prefetch(chunk);
                    chunk.forEach(grouping::add);
                    chunk.clear();
                }
            }
        }
        List<Row> groups = grouping.rows(ex.model, time);
        groups.forEach(sink);
        return groups.size();
    }

    static void explain(Execution ex, Query query, Optional<Filter> where) {
        List<String> notes = new ArrayList<>();
        if (PreAggregation.explain(ex, query, where, notes)) {
            return;
        }
        Entity entity = ex.model.requireEntity(query.entity());
        AggregatePlan plan = AggregatePlan.of(ex.model, ex.preparation, query);
        ex.reader.explain(entity.name(), entity, where, fields(ex, plan, entity), OptionalInt.empty(), notes);
        for (AggregatePlan.Leaf leaf : plan.leaves) {
            leaf.where().ifPresent(w -> related(w).forEach(r -> ex.reader.explainCounts(entity.name() + "/measure", entity, r)));
        }
        new PathLookup(ex, entity.name(), plan.paths()).explain();
    }

    private static List<Related> related(Filter f) {
        List<Related> out = new ArrayList<>();
        Filters.relatedConditions(f, out);
        return out;
    }

    private static Set<String> fields(Execution ex, AggregatePlan plan, Entity entity) {
        Set<String> fields = new LinkedHashSet<>();
        plan.fields(ex.model, entity.name(), fields);
        return fields;
    }
}
