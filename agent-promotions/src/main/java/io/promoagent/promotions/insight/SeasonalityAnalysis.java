package io.promoagent.promotions.insight;

import io.promoagent.core.query.ReadLog;
import io.promoagent.schema.engine.QueryEngine;
import io.promoagent.schema.ir.Aggregate;
import io.promoagent.schema.ir.CalendarUnit;
import io.promoagent.schema.ir.GroupBy;
import io.promoagent.schema.ir.Query;
import io.promoagent.schema.source.Row;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Seasonal indices from order history, counted by the query engine (orders grouped by calendar month and,
 * optionally, by a field such as {@code customer.segment}), so that the work stays where the data is.
 */
final class SeasonalityAnalysis {
    private final QueryEngine engine;
    private final String entity;
    private final String dateField;

    SeasonalityAnalysis(QueryEngine engine, String entity, String dateField) {
        this.engine = engine;
        this.entity = entity;
        this.dateField = dateField;
    }

    /** Indices of all orders and, when {@code groupField} is given, of each of its values; the read is kept in {@code log}. */
    SeasonalIndices indices(Optional<String> groupField, ReadLog log) {
        YearMonth current = YearMonth.from(LocalDate.now(engine.clock()));
        Map<String, Map<YearMonth, Long>> counts = new TreeMap<>();
        String monthKey = GroupBy.of(dateField, CalendarUnit.MONTH).alias();
        String purpose = entity + ": the number per month" + groupField.map(f -> " and " + f).orElse("")
                + ", which the indices are computed from";
        for (Row row : log.execute(engine, query(groupField), purpose).rows()) {
            Object month = row.valueOrNull(monthKey);
            if (month == null) {
                continue;
            }
            YearMonth yearMonth = YearMonth.parse(month.toString());
            long count = ((Number) row.valueOrNull("count")).longValue();
            counts.computeIfAbsent(SeasonalIndices.ALL, k -> new TreeMap<>()).merge(yearMonth, count, Long::sum);
            groupField.map(row::valueOrNull).ifPresent(group ->
                    counts.computeIfAbsent(group.toString(), k -> new TreeMap<>()).merge(yearMonth, count, Long::sum));
        }
        Map<YearMonth, Long> all = counts.getOrDefault(SeasonalIndices.ALL, new TreeMap<>());
        if (all.isEmpty()) {
            return new SeasonalIndices(Map.of(), Map.of(), 0);
        }
        // The first month is partial (history starts inside it) and so is the current one: both are left out.
        YearMonth first = ((TreeMap<YearMonth, Long>) all).firstKey().plusMonths(1);
        List<YearMonth> complete = new ArrayList<>();
        for (YearMonth month = first; month.isBefore(current); month = month.plusMonths(1)) {
            complete.add(month);
        }
        Map<String, List<Double>> indices = new LinkedHashMap<>();
        Map<String, Long> orders = new LinkedHashMap<>();
        counts.forEach((group, byMonth) -> {
            indices.put(group, indicesOf(byMonth, complete));
            orders.put(group, byMonth.values().stream().mapToLong(Long::longValue).sum());
        });
        return new SeasonalIndices(indices, orders, complete.size());
    }

    /** The one query {@link #indices} reads: orders counted by calendar month (and by {@code groupField}). */
    Query query(Optional<String> groupField) {
        Query.Builder query = Query.builder(entity).aggregate(Aggregate.count())
                .groupBy(GroupBy.of(dateField, CalendarUnit.MONTH)).noLimit();
        groupField.ifPresent(field -> query.groupBy(GroupBy.of(field)));
        return query.build();
    }

    private static List<Double> indicesOf(Map<YearMonth, Long> byMonth, List<YearMonth> complete) {
        double[] sum = new double[12];
        int[] seen = new int[12];
        for (YearMonth month : complete) {
            sum[month.getMonthValue() - 1] += byMonth.getOrDefault(month, 0L);
            seen[month.getMonthValue() - 1]++;
        }
        double[] mean = new double[12];
        double overall = 0;
        int months = 0;
        for (int m = 0; m < 12; m++) {
            if (seen[m] > 0) {
                mean[m] = sum[m] / seen[m];
                overall += mean[m];
                months++;
            }
        }
        overall = months == 0 ? 0 : overall / months;
        List<Double> result = new ArrayList<>(12);
        for (int m = 0; m < 12; m++) {
            result.add(overall == 0 || seen[m] == 0 ? 0.0 : Math.round(mean[m] / overall * 1000) / 1000.0);
        }
        return result;
    }
}
