package io.promoagent.schema.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.engine.QueryStreamResult;
import io.promoagent.schema.eval.RowOrder;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.json.QueryJson;
import io.promoagent.schema.model.Entity;
import io.promoagent.schema.source.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a query both ways the engine answers, {@link QueryEngine#execute} and {@link QueryEngine#stream},
 * and asserts they agree: the same columns and cost-free facts, and the same rows, in the same order when
 * the query orders them; without an order the streamed rows, sorted by key, are the executed ones (execute
 * sorts them by key), and with a limit and no order as many (any {@code limit} matching rows are right).
 */
public final class StreamCheck {

    private StreamCheck() {
    }

    /** The executed result, after asserting that streaming the query hands out the same answer. */
    public static QueryResult executed(QueryEngine engine, Query query) {
        QueryResult executed = engine.execute(query);
        List<Row> streamed = new ArrayList<>();
        QueryStreamResult s = engine.stream(query, streamed::add);
        String context = "streamed " + QueryJson.write(query);
        assertThat(s.entity()).as(context).isEqualTo(executed.entity());
        assertThat(s.columns()).as(context).isEqualTo(executed.columns());
        assertThat(s.rows()).as(context).isEqualTo(streamed.size());
        if (query.orderBy().isEmpty() && !query.isAggregate() && query.limit().isPresent()) {
            // any `limit` of the matching records is a right answer, and a source reading several partitions at
            // once may stop at others each time: the caller checks each answer against the reference
            assertThat(streamed).as(context).hasSameSizeAs(executed.rows());
            return executed;
        }
        if (query.orderBy().isEmpty() && !query.isAggregate()) {
            Entity entity = engine.model().requireEntity(query.entity());
            List<String> keys = new ArrayList<>(List.of(entity.key().partition()));
            entity.key().sort().ifPresent(keys::add);
            streamed.sort(RowOrder.of(List.of(), keys));
        }
        assertThat(streamed).as(context).isEqualTo(executed.rows());
        return executed;
    }
}
