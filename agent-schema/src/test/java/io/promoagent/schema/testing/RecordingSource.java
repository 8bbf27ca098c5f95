package io.promoagent.schema.testing;

import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.DistinctKeySource;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.util.ArrayList;
import java.util.List;

/** Wraps a data source and remembers every query it was asked to open or explain. */
public class RecordingSource implements DataSource {

    private final DataSource delegate;
    private final List<SourceQuery> opened = new ArrayList<>();
    private final List<SourceQuery> explained = new ArrayList<>();
    private final List<SourceQuery> distinct = new ArrayList<>();

    public RecordingSource(DataSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public SourceCursor open(SourceQuery query) {
        opened.add(query);
        return delegate.open(query);
    }

    @Override
    public Explanation explain(SourceQuery query) {
        explained.add(query);
        return delegate.explain(query);
    }

    public List<SourceQuery> opened() {
        return List.copyOf(opened);
    }

    public List<SourceQuery> explained() {
        return List.copyOf(explained);
    }

    /** The queries opened on one entity, in order. */
    public List<SourceQuery> opened(String entity) {
        return opened.stream().filter(q -> q.entity().name().equals(entity)).toList();
    }

    public void clear() {
        opened.clear();
        explained.clear();
        distinct.clear();
    }

    /** The distinct reads opened ({@link Distinct}), in order. */
    public List<SourceQuery> openedDistinct() {
        return List.copyOf(distinct);
    }

    /** A recording source over one that reads distinct values, which it records apart from other reads. */
    public static final class Distinct extends RecordingSource implements DistinctKeySource {

        private final DistinctKeySource delegate;

        public Distinct(DistinctKeySource delegate) {
            super(delegate);
            this.delegate = delegate;
        }

        @Override
        public SourceCursor openDistinct(SourceQuery query) {
            super.distinct.add(query);
            return delegate.openDistinct(query);
        }

        @Override
        public Explanation explainDistinct(SourceQuery query) {
            return delegate.explainDistinct(query);
        }
    }
}
