package io.promoagent.schema.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.promoagent.schema.engine.QueryResult;
import io.promoagent.schema.engine.ReferenceEvaluator;
import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.source.Row;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Asserts that a result (of the query engine, or of any source-backed execution) is the reference
 * evaluator's answer to the same query over the same data.
 *
 * <p>One exception is allowed, as the engine documents: a plain query with a limit and no order may
 * return any {@code limit} of the matching records, so its rows need only be among the evaluator's
 * unlimited answer, as many as the limit allows. With {@code numbersByValue}, numbers are compared by
 * value ({@code 2.50} equals {@code 2.5}), for stores that do not keep the scale of a number.
 */
public final class ReferenceCheck {

    private ReferenceCheck() {
    }

    public static void assertAgrees(ReferenceEvaluator oracle, Map<String, List<Row>> data, Query query,
                                    QueryResult actual, boolean numbersByValue) {
        String context = "query " + io.promoagent.schema.json.QueryJson.write(query);
        if (!query.isAggregate() && query.limit().isPresent() && query.orderBy().isEmpty()) {
            QueryResult all = oracle.evaluate(query.toBuilder().noLimit().build(), data);
            assertThat(actual.columns()).as(context).isEqualTo(all.columns());
            assertThat(actual.rows()).as(context).hasSize(Math.min(query.limit().getAsInt(), all.rows().size()));
            assertThat(normal(all.rows(), numbersByValue)).as(context)
                    .containsAll(normal(actual.rows(), numbersByValue));
            return;
        }
        QueryResult expected = oracle.evaluate(query, data);
        assertThat(actual.columns()).as(context).isEqualTo(expected.columns());
        assertThat(normal(actual.rows(), numbersByValue)).as(context)
                .isEqualTo(normal(expected.rows(), numbersByValue));
    }

    private static List<Map<String, Object>> normal(List<Row> rows, boolean numbersByValue) {
        return rows.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            r.values().forEach((k, v) -> m.put(k, numbersByValue ? Values.canonical(v) : v));
            return m;
        }).toList();
    }
}
