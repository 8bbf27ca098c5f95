package io.promoagent.spring;

import io.promoagent.schema.source.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The data sources of the data model's sources, one for each, that the query engine reads. Closes those
 * that are {@link AutoCloseable} (a DynamoDB source's worker threads) when the context closes; a bean of
 * this type replaces the starter's choice of sources altogether.
 */
public final class PromoAgentSources implements AutoCloseable {

    private final List<DataSource> sources;

    public PromoAgentSources(List<? extends DataSource> sources) {
        this.sources = List.copyOf(sources);
    }

    public List<DataSource> list() {
        return sources;
    }

    @Override
    public void close() throws Exception {
        List<Exception> failures = new ArrayList<>();
        for (DataSource s : sources) {
            if (s instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    failures.add(e);
                }
            }
        }
        if (!failures.isEmpty()) {
            Exception first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }
}
