package io.promoagent.jdbc.internal;

import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.Direction;
import io.promoagent.schema.ir.OrderBy;
import io.promoagent.schema.source.Row;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a result, as SQL and in memory, with the reference evaluator's meaning: each key in its
 * direction with absent values last in both directions, strings by code point, then the tie-breaking
 * columns ascending.
 */
final class Ordering {

    private Ordering() {
    }

    /** One {@code ORDER BY} item. */
    static String sql(Column column, Direction direction) {
        boolean text = column.dbType() == DbType.TEXT && CompareSql.kindOf(column.fieldType()) == String.class;
        return column.sql() + (text ? " COLLATE \"C\"" : "") + (direction == Direction.DESC ? " DESC" : " ASC")
                + " NULLS LAST";
    }

    /** Appends one {@code ORDER BY} item (starting the clause when {@code order} is empty). */
    static void append(Sql order, SqlValue value, Direction direction) {
        boolean text = value.dbType() == DbType.TEXT && value.kind() == String.class;
        order.append(order.length() == 0 ? " ORDER BY " : ", ").append(value.sql())
                .append((text ? " COLLATE \"C\"" : "") + (direction == Direction.DESC ? " DESC" : " ASC") + " NULLS LAST");
    }

    static String sql(List<OrderBy> orderBy, List<Column> keys, List<Column> tieBreak) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < orderBy.size(); i++) {
            out.append(out.length() == 0 ? " ORDER BY " : ", ").append(sql(keys.get(i), orderBy.get(i).direction()));
        }
        for (Column c : tieBreak) {
            out.append(out.length() == 0 ? " ORDER BY " : ", ").append(sql(c, Direction.ASC));
        }
        return out.toString();
    }

    static Comparator<Row> inMemory(List<OrderBy> orderBy, List<String> tieBreak) {
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
