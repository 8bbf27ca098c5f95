package io.promoagent.schema.eval;

import io.promoagent.schema.ir.Window;
import io.promoagent.schema.source.Row;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The window functions of query IR 2.0 over the rows of a grouped result (not meant for use outside the
 * library): the rows of each partition taken in the window's order, a running total adding row by row,
 * {@code previous} absent on a partition's first row, {@code percent_change} and {@code share} as
 * percentages (absent when the divisor is absent or zero), divisions rounded as {@link Values#divide}.
 * Shared by the engine and the sources that finish a grouped statement's rows in memory.
 */
public final class Windows {

    private Windows() {
    }

    /**
     * The rows with each window's column added, in their order; {@code tieBreak} orders the rows of a
     * partition that the window's order leaves equal (the group keys).
     */
    public static List<Row> apply(List<Window> windows, List<Row> rows, List<String> tieBreak) {
        List<Row> current = rows;
        for (Window w : windows) {
            current = window(w, current, tieBreak);
        }
        return new ArrayList<>(current);
    }

    private static List<Row> window(Window w, List<Row> rows, List<String> tieBreak) {
        Map<List<Object>, List<Integer>> partitions = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            List<Object> key = new ArrayList<>();
            for (String p : w.partitionBy()) {
                key.add(Values.canonical(rows.get(i).valueOrNull(p)));
            }
            partitions.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
        }
        Object[] computed = new Object[rows.size()];
        Comparator<Row> order = RowOrder.of(w.orderBy(), tieBreak);
        Comparator<Row> peers = RowOrder.of(w.orderBy(), List.of());
        for (List<Integer> members : partitions.values()) {
            members.sort((a, b) -> order.compare(rows.get(a), rows.get(b)));
            BigDecimal total = null;
            for (int m : members) {
                Object v = w.of().map(rows.get(m)::valueOrNull).orElse(null);
                if (v instanceof BigDecimal d) {
                    total = total == null ? d : total.add(d);
                }
            }
            BigDecimal running = null;
            long rank = 0;
            long dense = 0;
            for (int i = 0; i < members.size(); i++) {
                Row row = rows.get(members.get(i));
                Row prev = i == 0 ? null : rows.get(members.get(i - 1));
                boolean newPeer = prev == null || peers.compare(prev, row) != 0;
                if (newPeer) {
                    rank = i + 1;
                    dense++;
                }
                Object v = w.of().map(row::valueOrNull).orElse(null);
                Object before = prev == null ? null : w.of().map(prev::valueOrNull).orElse(null);
                BigDecimal n = v instanceof BigDecimal d ? d : null;
                BigDecimal b = before instanceof BigDecimal d ? d : null;
                if (n != null) {
                    running = running == null ? n : running.add(n);
                }
                computed[members.get(i)] = switch (w.function()) {
                    case ROW_NUMBER -> BigDecimal.valueOf(i + 1L);
                    case RANK -> BigDecimal.valueOf(rank);
                    case DENSE_RANK -> BigDecimal.valueOf(dense);
                    case RUNNING_TOTAL -> running;
                    case PREVIOUS -> before;
                    case CHANGE -> Values.arithmetic('-', n, b);
                    case PERCENT_CHANGE -> Values.arithmetic('*', Values.divide(Values.arithmetic('-', n, b), b),
                            BigDecimal.valueOf(100));
                    case RELATIVE_CHANGE -> Values.divide(Values.arithmetic('-', n, b), b);
                    case SHARE -> Values.arithmetic('*', Values.divide(n, total), BigDecimal.valueOf(100));
                };
            }
        }
        List<Row> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> values = new LinkedHashMap<>(rows.get(i).values());
            if (computed[i] != null) {
                values.put(w.as(), computed[i]);
            }
            out.add(new Row(values));
        }
        return out;
    }
}
