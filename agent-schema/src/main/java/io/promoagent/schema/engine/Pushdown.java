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
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * Hands a whole query to the source of its entity when that source can run it in one request
 * ({@link WholeQuerySource}); the engine does the rest itself when it declines.
 */
final class Pushdown {

    private Pushdown() {
    }

    /**
     * Hands the rows of the whole query, as the source returns them, to {@code sink} while its cursor reads
     * them (a JDBC source fetches in batches); empty when the source declines, else how many rows.
     */
    static OptionalLong run(Execution ex, Query valid, Optional<Filter> where, List<String> columns,
                            Consumer<? super Row> sink) {
        Entity entity = ex.model.requireEntity(valid.entity());
        if (!(ex.source(entity) instanceof WholeQuerySource whole)) {
            return OptionalLong.empty();
        }
        Optional<SourceCursor> opened = whole.open(pushed(ex, valid, where, columns));
        if (opened.isEmpty()) {
            return OptionalLong.empty();
        }
        SourceCursor cursor = opened.get();
        long n = 0;
        try {
            ex.whole(entity, cursor);
            while (cursor.hasNext()) {
                sink.accept(cursor.next());
                n++;
            }
        } finally {
            ex.closed(cursor);
        }
        return OptionalLong.of(n);
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
