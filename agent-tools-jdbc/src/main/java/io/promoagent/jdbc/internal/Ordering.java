package io.promoagent.jdbc.internal;

import io.promoagent.schema.ir.Direction;
import io.promoagent.schema.ir.OrderBy;
import java.util.List;

/**
 * The order of a result in SQL, with the reference evaluator's meaning ({@code RowOrder} in memory): each key in its
 * direction with absent values last in both directions, strings by code point, then the tie-breaking
 * columns ascending.
 */
final class Ordering {

    private Ordering() {
    }

    /** One {@code ORDER BY} item. */
    static String sql(Column column, Direction direction) {
        return column.sql() + suffix(column.dbType() == DbType.TEXT && CompareSql.kindOf(column.fieldType()) == String.class,
                direction);
    }

    /** Appends one {@code ORDER BY} item (starting the clause when {@code order} is empty). */
    static void append(Sql order, SqlValue value, Direction direction) {
        order.append(order.length() == 0 ? " ORDER BY " : ", ").append(value.sql())
                .append(suffix(value.dbType() == DbType.TEXT && value.kind() == String.class, direction));
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

    /** Strings by code point (as the reference evaluator compares them), absent values last in both directions. */
    private static String suffix(boolean text, Direction direction) {
        return (text ? " COLLATE \"C\"" : "") + (direction == Direction.DESC ? " DESC" : " ASC") + " NULLS LAST";
    }
}
