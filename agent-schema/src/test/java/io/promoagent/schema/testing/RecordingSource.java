package io.promoagent.schema.testing;

import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.SourceQuery;
import java.util.ArrayList;
import java.util.List;

/** Wraps a data source and remembers every query it was asked to open or explain. */
public final class RecordingSource implements DataSource {

    private final DataSource delegate;
    private final List<SourceQuery> opened = new ArrayList<>();
    private final List<SourceQuery> explained = new ArrayList<>();

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
    }
}
