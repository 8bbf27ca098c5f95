package io.promoagent.core.reply;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Data for a chart: one x column and one or more series over the same rows.
 *
 * @param kind   how to draw it: {@code bar}, {@code line} or {@code pie}
 * @param title  its title
 * @param x      the column on the x axis
 * @param series the columns plotted
 * @param rows   the data, one map per x value
 */
public record ChartBlock(String kind, String title, String x, List<String> series, List<Map<String, Object>> rows)
        implements Block {

    public ChartBlock {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(x, "x");
        series = List.copyOf(series);
        rows = BlockValues.rows(rows);
    }
}
