package io.promoagent.schema.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import java.util.Objects;

/**
 * A query the {@link QueryValidator} accepted for one data model, in normal form. Only the validator
 * creates one, so whatever takes it (the query engine, sources, caches) knows it was checked and never
 * checks it again. Its JSON form is produced once, on first use, for the audit and the model.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ValidatedQuery {

    private final Query query;
    private final DataModel model;
    private volatile String json;

    ValidatedQuery(Query query, DataModel model) {
        this.query = Objects.requireNonNull(query, "query");
        this.model = Objects.requireNonNull(model, "model");
    }

    /** The query in normal form (canonical enum values, paths as related conditions). */
    public Query query() {
        return query;
    }

    /** The data model it was validated against. */
    public DataModel model() {
        return model;
    }

    /** The JSON text of the query, written once. */
    public String json() {
        String j = json;
        if (j == null) {
            j = QueryJson.write(query);
            json = j;
        }
        return j;
    }

    /** The JSON tree of the query (a fresh copy each time, read from {@link #json()}). */
    public ObjectNode tree() {
        return (ObjectNode) QueryJson.parse(json());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValidatedQuery v && v.query.equals(query) && v.model == model;
    }

    @Override
    public int hashCode() {
        return query.hashCode();
    }

    @Override
    public String toString() {
        return "ValidatedQuery" + json();
    }
}
