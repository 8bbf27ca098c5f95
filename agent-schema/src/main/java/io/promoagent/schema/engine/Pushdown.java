package io.promoagent.schema.engine;

import io.promoagent.schema.ir.Filter;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.DataSource;
import io.promoagent.schema.source.Explanation;
import io.promoagent.schema.source.PushedQuery;
import io.promoagent.schema.source.Row;
import io.promoagent.schema.source.SourceCursor;
import io.promoagent.schema.source.WholeQuerySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hands a whole query to the source of its entity when that source can run it in one request
 * ({@link WholeQuerySource}); the engine does the rest itself when it declines.
 */
final class Pushdown {

    private Pushdown() {
    }

    static Optional<List<Row>> run(Execution ex, Query valid, Optional<Filter> where, List<String> columns) {
        Entity entity = ex.model.requireEntity(valid.entity());
        if (!(ex.source(entity) instanceof WholeQuerySource whole)) {
            return Optional.empty();
        }
        Optional<SourceCursor> opened = whole.open(pushed(ex, valid, where, columns));
        if (opened.isEmpty()) {
            return Optional.empty();
        }
        SourceCursor cursor = opened.get();
        List<Row> rows = new ArrayList<>();
        try {
            ex.whole(entity, cursor);
            while (cursor.hasNext()) {
                rows.add(cursor.next());
            }
        } finally {
            ex.closed(cursor);
        }
        return Optional.of(rows);
    }

    static boolean explain(Execution ex, Query valid, Optional<Filter> where, List<String> columns) {
        DataSource source = ex.source(ex.model.requireEntity(valid.entity()));
        if (!(source instanceof WholeQuerySource whole)) {
            return false;
        }
        Optional<Explanation> explanation = whole.explain(pushed(ex, valid, where, columns));
        explanation.ifPresent(ex::plan);
        return explanation.isPresent();
    }

    private static PushedQuery pushed(Execution ex, Query valid, Optional<Filter> where, List<String> columns) {
        return new PushedQuery(ex.model, valid, where, columns, ex.preparation::prepare, ex.time.today());
    }
}
