package io.promoagent.schema.engine;

import io.promoagent.schema.ir.Related;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.DataSourceException;
import io.promoagent.schema.source.DistinctKeySource;
import io.promoagent.schema.source.ExecutionStats;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import io.promoagent.schema.time.TimeResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The state of one execution (or one explanation) of a query: its fixed today, the sources, the cost
 * booked so far, the source calls made, and the related-record counts computed for semi-joins.
 */
final class Execution {

    final DataModel model;
    final Preparation preparation;
    final TimeResolver time;
    final EntityReader reader;
    final int semiJoinKeyLimit;
    final int lookupBatchSize;
    private final Map<String, DataSource> sources;
    private ExecutionStats stats = ExecutionStats.NONE;
    private final Map<String, Call> calls = new LinkedHashMap<>();
    private final List<Explanation> planned = new ArrayList<>();
    private final Map<String, Map<Related, Map<Object, Long>>> counts = new HashMap<>();
    private final Set<String> entitiesRead = new HashSet<>();

    Execution(DataModel model, Map<String, DataSource> sources, TimeResolver time, int semiJoinKeyLimit,
              int lookupBatchSize) {
        this.model = model;
        this.sources = sources;
        this.preparation = new Preparation(model, time);
        this.time = time;
        this.semiJoinKeyLimit = semiJoinKeyLimit;
        this.lookupBatchSize = lookupBatchSize;
        this.reader = new EntityReader(this);
    }

    /** One source call site: its explanation and how many times it was called. */
    private static final class Call {
        private final Explanation explanation;
        private int count;

        Call(Explanation explanation) {
            this.explanation = explanation;
        }
    }

    DataSource source(Entity entity) {
        DataSource source = sources.get(entity.source());
        if (source == null) {
            throw new DataSourceException("no data source '" + entity.source() + "' is registered for entity '"
                    + entity.name() + "' (registered: " + String.join(", ", new TreeSet<>(sources.keySet())) + ")");
        }
        return source;
    }

    /** Opens a cursor for a call site of its own; its explanation is recorded once, with {@code notes}. */
    SourceCursor open(String site, SourceQuery query, List<String> notes) {
        return openAt(unique(site), query, notes);
    }

    /**
     * Opens a read of the distinct values of the query's one field at a call site of its own; the entity's
     * source must be a {@link DistinctKeySource}.
     */
    SourceCursor openDistinct(String site, SourceQuery query, List<String> notes) {
        SourceCursor cursor = ((DistinctKeySource) source(query.entity())).openDistinct(query);
        return booked(unique(site), query, cursor, notes);
    }

    private String unique(String site) {
        String unique = site;
        for (int n = 2; calls.containsKey(unique); n++) {
            unique = site + "#" + n;
        }
        return unique;
    }

    /** Opens a cursor for one batch of a repeated call site; the site's explanation counts the batches. */
    SourceCursor openBatch(String site, SourceQuery query, List<String> notes) {
        return openAt(site, query, notes);
    }

    private SourceCursor openAt(String site, SourceQuery query, List<String> notes) {
        return booked(site, query, source(query.entity()).open(query), notes);
    }

    private SourceCursor booked(String site, SourceQuery query, SourceCursor cursor, List<String> notes) {
        entitiesRead.add(query.entity().name());
        calls.computeIfAbsent(site, k -> new Call(withNotes(cursor.explanation(), notes))).count++;
        return cursor;
    }

    /** Records a whole query a source runs: it may read every entity of that source. */
    void whole(Entity entity, SourceCursor cursor) {
        whole(entity, cursor, List.of());
    }

    /** {@link #whole(Entity, SourceCursor)} with the engine's {@code notes} on the call's explanation. */
    void whole(Entity entity, SourceCursor cursor, List<String> notes) {
        for (Entity e : model.entities()) {
            if (e.source().equals(entity.source())) {
                entitiesRead.add(e.name());
            }
        }
        calls.put("whole:" + entity.name(), new Call(withNotes(cursor.explanation(), notes)));
        calls.get("whole:" + entity.name()).count++;
    }

    /** Records a call that was planned but found unnecessary. */
    void skipped(String site, SourceQuery query, List<String> notes) {
        calls.put(site + "#skipped" + calls.size(), new Call(withNotes(source(query.entity()).explain(query), notes)));
    }

    /** Closes a cursor and books what it read. */
    void closed(SourceCursor cursor) {
        try {
            cursor.close();
        } finally {
            stats = stats.plus(cursor.stats());
        }
    }

    /** Records the explanation of a call an explanation-only run plans. */
    void plan(Explanation explanation) {
        planned.add(explanation);
    }

    Map<Related, Map<Object, Long>> counts(String entity) {
        return counts.computeIfAbsent(entity, k -> new HashMap<>());
    }

    /** The entities whose records this execution read: what its answer depends on. */
    Set<String> entitiesRead() {
        return Set.copyOf(entitiesRead);
    }

    ExecutionStats stats() {
        return stats;
    }

    /** The explanations of the calls made, in order; a repeated call site appears once with its count. */
    List<Explanation> explanations() {
        List<Explanation> out = new ArrayList<>();
        for (Call c : calls.values()) {
            out.add(c.count > 1 ? withNotes(c.explanation, List.of(c.count + " calls")) : c.explanation);
        }
        return out;
    }

    List<Explanation> planned() {
        return List.copyOf(planned);
    }

    static Explanation withNotes(Explanation e, List<String> notes) {
        return e.withNotes(notes);
    }
}
