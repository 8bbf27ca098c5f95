package io.promoagent.schema.engine;

import io.promoagent.schema.eval.FieldPath;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.Compare;
import io.promoagent.schema.ir.Operator;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.model.Navigation;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads values through many-to-one relationships ({@code customer.segment} of an order) for rows that
 * stream past: before a chunk of rows is grouped, the distinct join keys not seen yet are looked up on
 * the related entity's source by {@code in} on the related key, in batches, and the related records
 * (only the fields needed) are kept per key. A key without a related record gives absent values.
 */
final class PathLookup {

    /** Marks a key that has no related record. */
    private static final Row MISSING = new Row(Map.of());

    /** One relationship followed from this entity, with the fields read on the other side. */
    private static final class Hop {
        final Navigation nav;
        final Set<String> fields = new LinkedHashSet<>();
        final List<FieldPath> deeper = new ArrayList<>();
        final Map<Object, Row> related = new HashMap<>();
        PathLookup next;

        Hop(Navigation nav) {
            this.nav = nav;
        }
    }

    private final Execution ex;
    private final String site;
    private final Map<String, Hop> hops = new LinkedHashMap<>();

    PathLookup(Execution ex, String site, Collection<FieldPath> paths) {
        this.ex = ex;
        this.site = site;
        for (FieldPath p : paths) {
            Navigation first = p.hops().get(0);
            Hop hop = hops.computeIfAbsent(first.name(), k -> new Hop(first));
            hop.fields.add(first.remoteField());
            if (p.hops().size() == 1) {
                hop.fields.add(p.field().name());
            } else {
                hop.deeper.add(new FieldPath(p.name().substring(p.name().indexOf('.') + 1),
                        p.hops().subList(1, p.hops().size()), p.field()));
            }
        }
        for (Hop hop : hops.values()) {
            if (!hop.deeper.isEmpty()) {
                hop.next = new PathLookup(ex, site + "." + hop.nav.name(), hop.deeper);
                hop.deeper.forEach(d -> hop.fields.add(d.localField()));
            }
        }
    }

    /** Looks up the related records of {@code rows} not looked up before. */
    void prefetch(List<Row> rows) {
        for (Hop hop : hops.values()) {
            Set<Object> keys = new LinkedHashSet<>();
            for (Row row : rows) {
                Object key = Values.canonical(row.valueOrNull(hop.nav.localField()));
                if (key != null && !hop.related.containsKey(key)) {
                    keys.add(key);
                }
            }
            if (keys.isEmpty()) {
                continue;
            }
            List<Row> found = new ArrayList<>();
            List<Object> all = new ArrayList<>(keys);
            for (int from = 0; from < all.size(); from += ex.lookupBatchSize) {
                List<Object> batch = new ArrayList<>(all.subList(from, Math.min(all.size(), from + ex.lookupBatchSize)));
                batch.sort(Values::compare);
                fetch(hop, batch, found);
            }
            for (Object key : keys) {
                hop.related.putIfAbsent(key, MISSING);
            }
            if (hop.next != null) {
                hop.next.prefetch(found);
            }
        }
    }

    /**
     * Drops the related records looked up so far, so that a caller streaming rows whose keys do not repeat
     * (one row per key, as a statement grouped by the key returns them) holds one chunk's records at a time
     * instead of every record it ever looked up. A key seen again later is looked up again.
     */
    void forget() {
        for (Hop hop : hops.values()) {
            hop.related.clear();
            if (hop.next != null) {
                hop.next.forget();
            }
        }
    }

    private void fetch(Hop hop, List<Object> batch, List<Row> found) {
        Entity to = ex.model.requireEntity(hop.nav.to());
        SourceQuery query = new SourceQuery(to, Optional.of(new Compare(hop.nav.remoteField(), Operator.IN, batch, false)),
                List.copyOf(hop.fields), OptionalInt.empty());
        String at = site + "." + hop.nav.name();
        List<String> notes = List.of("lookup of " + hop.nav.name() + " for grouping, in batches of at most "
                + ex.lookupBatchSize + " keys");
        try (RowStream rows = RowStream.of(ex.openBatch(at, query, notes), Optional.empty(), null, ex)) {
            while (rows.hasNext()) {
                Row row = rows.next();
                Object key = Values.canonical(row.valueOrNull(hop.nav.remoteField()));
                if (key != null && !hop.related.containsKey(key)) {
                    hop.related.put(key, row);
                    found.add(row);
                }
            }
        }
    }

    /** The value of a field or path for a row whose related records were prefetched. */
    Object value(Row row, FieldPath path) {
        if (!path.isPath()) {
            return row.valueOrNull(path.field().name());
        }
        return value(row, path.hops(), 0, path.field().name());
    }

    private Object value(Row row, List<Navigation> navs, int i, String field) {
        Hop hop = hops.get(navs.get(i).name());
        Object key = Values.canonical(row.valueOrNull(hop.nav.localField()));
        if (key == null) {
            return null;
        }
        Row related = hop.related.get(key);
        if (related == null) {
            throw new IllegalStateException("the related record of " + hop.nav.name() + " " + key + " was not looked up");
        }
        if (related == MISSING) {
            return null;
        }
        return i + 1 == navs.size() ? related.valueOrNull(field) : hop.next.value(related, navs, i + 1, field);
    }

    /** Plans the lookups without making them. */
    void explain() {
        explain(OptionalLong.empty());
    }

    /**
     * Plans the lookups without making them, for about {@code rows} rows read (when estimated): at most that
     * many keys cross to the related source, and at most that many records come back per hop.
     */
    void explain(OptionalLong rows) {
        for (Hop hop : hops.values()) {
            Entity to = ex.model.requireEntity(hop.nav.to());
            List<String> notes = new ArrayList<>(List.of("looks up " + hop.nav.to() + " by the distinct "
                            + hop.nav.localField() + " values of the rows read, in batches of at most "
                            + ex.lookupBatchSize + " keys",
                    "fields: " + String.join(", ", hop.fields)));
            rows.ifPresent(n -> notes.add(String.format(Locale.ROOT, "estimated at most %,d keys cross to %s in %,d"
                    + " calls", n, to.source(), (n + ex.lookupBatchSize - 1) / ex.lookupBatchSize)));
            ex.plan(new Explanation(to.source(), "Lookup", to.name(), hop.nav.remoteField() + " in (:keys)", 0, rows,
                    notes));
            if (hop.next != null) {
                hop.next.explain(rows);
            }
        }
    }
}
