package io.promoagent.core.change;

import io.promoagent.core.ToolException;
import io.promoagent.schema.model.DataModel;
import io.promoagent.schema.model.Entity;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link RecordWriter} over a data model whose entities live in several sources: each write goes to the
 * writer of the one source its records live in. A write whose records live in two sources is refused
 * before anything is written, because no store can make it atomic (a DynamoDB transaction cannot include
 * a PostgreSQL row); the approval service refuses such a change set earlier, at its proposal, unless its
 * tool says how it is made safe.
 */
public final class PerSourceRecordWriter implements RecordWriter {

    private final DataModel model;
    private final Map<String, RecordWriter> writers;

    private PerSourceRecordWriter(DataModel model, Map<String, RecordWriter> writers) {
        this.model = model;
        this.writers = Map.copyOf(writers);
    }

    /** A writer over {@code model}; give each of its sources that may be written a writer. */
    public static Builder builder(DataModel model) {
        return new Builder(model);
    }

    @Override
    public List<AffectedRecord> write(List<AffectedRecord> changes, String idempotencyToken) {
        Set<String> sources = new LinkedHashSet<>();
        for (AffectedRecord r : changes) {
            sources.add(sourceOf(r.entity()));
        }
        if (sources.size() != 1) {
            throw new ToolException("a write touches records of " + sources.size()
                    + " sources (" + String.join(", ", sources) + "); each write stays within one source");
        }
        String source = sources.iterator().next();
        RecordWriter writer = writers.get(source);
        if (writer == null) {
            throw new ToolException("the source '" + source + "' cannot be written here");
        }
        return writer.write(changes, idempotencyToken);
    }

    /**
     * Whether the write happened: written when one source's writer says so (a token names one write, in
     * one source), not written when every writer says not, unknown otherwise.
     */
    @Override
    public WriteState written(String idempotencyToken) {
        boolean unknown = false;
        for (RecordWriter w : new LinkedHashSet<>(writers.values())) {
            WriteState state = w.written(idempotencyToken);
            if (state == WriteState.WRITTEN) {
                return state;
            }
            unknown |= state == WriteState.UNKNOWN;
        }
        return unknown ? WriteState.UNKNOWN : WriteState.NOT_WRITTEN;
    }

    private String sourceOf(String entity) {
        return model.entity(entity).map(Entity::source).orElseThrow(() ->
                new IllegalArgumentException("no entity '" + entity + "' in the data model"));
    }

    /** Configures a {@link PerSourceRecordWriter}. */
    public static final class Builder {
        private final DataModel model;
        private final Map<String, RecordWriter> writers = new LinkedHashMap<>();

        private Builder(DataModel model) {
            this.model = Objects.requireNonNull(model, "model");
        }

        /** The writer of the records of source {@code sourceId}. */
        public Builder source(String sourceId, RecordWriter writer) {
            if (model.source(sourceId).isEmpty()) {
                throw new IllegalArgumentException("no source '" + sourceId + "' in the data model; it has "
                        + model.sources().stream().map(s -> s.id()).toList());
            }
            writers.put(sourceId, Objects.requireNonNull(writer, "writer"));
            return this;
        }

        public PerSourceRecordWriter build() {
            return new PerSourceRecordWriter(model, writers);
        }
    }
}
