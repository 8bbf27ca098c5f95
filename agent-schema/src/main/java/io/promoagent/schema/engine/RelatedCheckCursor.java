package io.promoagent.schema.engine;

import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.ir.Related;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.source.ForwardingCursor;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The outer side of a semi-join read first: the outer rows stream in batches; for each batch the distinct
 * join keys are pushed into the related entity's source ({@code remote_field in (keys)} with the condition's
 * own filter, projecting only the join field), the related records are counted per key, and the rows whose
 * count meets the condition are handed on. Memory holds one batch of rows and its counts, never a table.
 *
 * <p>Its own stats, explanation and close are the outer cursor's; each batch's related read is booked when it closes.
 */
final class RelatedCheckCursor extends ForwardingCursor {

    private final Execution ex;
    private final String site;
    private final SourceCursor outer;
    private final Related condition;
    private final Navigation nav;
    private final Entity related;
    private final int batchSize;
    private final List<String> notes;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();

    RelatedCheckCursor(Execution ex, String site, SourceCursor outer, Related condition, Navigation nav, int batchSize,
                       List<String> notes) {
        super(outer);
        this.ex = ex;
        this.site = site;
        this.outer = outer;
        this.condition = condition;
        this.nav = nav;
        this.related = ex.model.requireEntity(nav.to());
        this.batchSize = batchSize;
        this.notes = List.copyOf(notes);
    }

    /** The related read of one batch of keys: the condition's filter and the keys, only the join field. */
    static SourceQuery check(Entity related, Related condition, Navigation nav, List<Object> keys) {
        List<Filter> parts = new ArrayList<>();
        condition.where().ifPresent(parts::add);
        parts.add(new Compare(nav.remoteField(), Operator.IN, keys, false));
        return new SourceQuery(related, Filters.and(parts), List.of(nav.remoteField()), OptionalInt.empty());
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && outer.hasNext()) {
            fill();
        }
        return !ready.isEmpty();
    }

    private void fill() {
        List<Row> batch = new ArrayList<>();
        Set<Object> keys = new LinkedHashSet<>();
        while (batch.size() < batchSize && outer.hasNext()) {
            Row row = outer.next();
            batch.add(row);
            Object key = Values.canonical(row.valueOrNull(nav.localField()));
            if (key != null) {
                keys.add(key);
            }
        }
        Map<Object, Long> counts = new HashMap<>();
        if (!keys.isEmpty()) {
            List<Object> sorted = new ArrayList<>(keys);
            sorted.sort(Values::compare);
            try (RowStream rows = RowStream.of(ex.openBatch(site, check(related, condition, nav, sorted), notes),
                    Optional.empty(), null, ex)) {
                while (rows.hasNext()) {
                    Object key = Values.canonical(rows.next().valueOrNull(nav.remoteField()));
                    if (key != null) {
                        counts.merge(key, 1L, Long::sum);
                    }
                }
            }
        }
        for (Row row : batch) {
            Object key = Values.canonical(row.valueOrNull(nav.localField()));
            long n = key == null ? 0 : counts.getOrDefault(key, 0L);
            if (condition.count().test(n)) {
                ready.add(row);
            }
        }
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }
}
