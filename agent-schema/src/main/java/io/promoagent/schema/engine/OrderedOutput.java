package io.promoagent.schema.engine;

import io.promoagent.schema.source.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The last step of a query that returns records: takes the matching rows as they are produced and hands
 * them, projected on the query's columns, to a sink. Without an order each row is handed on at once (in the
 * order read) and nothing is held; with an order and a limit only the best {@code limit} rows are held (a
 * bounded heap); with an order and no limit every row is held until the end, since the last row read may
 * come first: memory is then bounded by the answer.
 */
final class OrderedOutput {

    private final Optional<Comparator<Row>> order;
    private final int limit;
    private final List<String> columns;
    private final Consumer<? super Row> sink;
    private final PriorityQueue<Row> best;
    private final List<Row> all;
    private long handed;

    /**
     * @param order   the order of the answer, or empty to hand rows on as read
     * @param limit   the most rows handed on, or negative for no limit
     * @param columns the columns every row is projected on when handed on
     */
    OrderedOutput(Optional<Comparator<Row>> order, int limit, List<String> columns, Consumer<? super Row> sink) {
        this.order = order;
        this.limit = limit;
        this.columns = columns;
        this.sink = sink;
        this.best = order.isPresent() && limit > 0 ? new PriorityQueue<>(limit + 1, order.get().reversed()) : null;
        this.all = order.isPresent() && limit < 0 ? new ArrayList<>() : null;
    }

    /** Whether another row could still change the answer: false once an unordered limit is reached. */
    boolean wants() {
        return limit != 0 && (order.isPresent() || limit < 0 || handed < limit);
    }

    /** Takes one matching row (with every field the order reads); ignored once {@link #wants()} is false. */
    void accept(Row row) {
        if (!wants()) {
            return;
        }
        if (best != null) {
            best.add(row);
            if (best.size() > limit) {
                best.poll();
            }
        } else if (all != null) {
            all.add(row);
        } else {
            hand(row);
        }
    }

    /** Hands on the rows held for an order, in that order; returns how many rows were handed on in all. */
    long finish() {
        List<Row> held = best != null ? new ArrayList<>(best) : all;
        if (held != null) {
            if (best != null) {
                best.clear();
            }
            held.sort(order.orElseThrow());
            for (Row row : held) {
                hand(row);
            }
            held.clear();
        }
        return handed;
    }

    private void hand(Row row) {
        handed++;
        sink.accept(row.project(columns));
    }
}
