package io.promoagent.schema.eval;

import io.promoagent.schema.ir.Direction;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.source.Row;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a query's result (not meant for use outside the library): by each order key in its
 * direction with absent values last in both directions, then by tie-breaking columns ascending (the
 * entity's key for plain queries, the group keys for aggregate queries) so that every result is
 * deterministic.
 */
public final class RowOrder {

    private RowOrder() {
    }

    public static Comparator<Row> of(List<OrderBy> orderBy, List<String> tieBreak) {
        Comparator<Row> order = (a, b) -> 0;
        for (OrderBy o : orderBy) {
            order = order.thenComparing(by(o.by(), o.direction()));
        }
        for (String column : tieBreak) {
            order = order.thenComparing(by(column, Direction.ASC));
        }
        return order;
    }

    private static Comparator<Row> by(String column, Direction direction) {
        return (a, b) -> {
            Object x = a.valueOrNull(column);
            Object y = b.valueOrNull(column);
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : 1) : -1;
            }
            int c = Values.compare(x, y);
            return direction == Direction.DESC ? -c : c;
        };
    }
}
