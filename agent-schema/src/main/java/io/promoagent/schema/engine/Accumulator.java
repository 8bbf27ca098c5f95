package io.promoagent.schema.engine;

import io.promoagent.schema.eval.Values;
import io.promoagent.schema.ir.AggregateFunction;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Set;

/**
 * One aggregate of one group, fed row by row: the memory it holds is a few numbers (a set of distinct
 * values for {@code count_distinct}), never the rows.
 */
final class Accumulator {

    private final AggregateFunction function;
    private long rows;
    private BigDecimal sum;
    private long numbers;
    private Object extreme;
    private Set<Object> distinct;
    private java.util.List<BigDecimal> values;

    Accumulator(AggregateFunction function) {
        this.function = function;
    }

    /** Adds one row's value (null when absent; ignored by everything but {@code count}). */
    void add(Object value) {
        switch (function) {
            case COUNT -> rows++;
            case COUNT_DISTINCT -> {
                if (value != null) {
                    if (distinct == null) {
                        distinct = new HashSet<>();
                    }
                    distinct.add(Values.canonical(value));
                }
            }
            case SUM, AVG -> {
                if (value instanceof BigDecimal d) {
                    sum = sum == null ? d : sum.add(d);
                    numbers++;
                }
            }
            case MIN -> extreme = Values.min(extreme, value);
            case MAX -> extreme = Values.max(extreme, value);
            case MEDIAN, PERCENTILE -> {
                if (value instanceof BigDecimal d) {
                    if (values == null) {
                        values = new java.util.ArrayList<>();
                    }
                    values.add(d);
                }
            }
        }
    }

    /** Adds {@code n} rows to a count at once: a count a source computed over part of the group. */
    void addRows(long n) {
        rows += n;
    }

    /** Adds to an average the sum and the number of values of part of the group, as a source computed them. */
    void addAverage(Object partialSum, long partialNumbers) {
        if (partialSum instanceof BigDecimal d) {
            sum = sum == null ? d : sum.add(d);
        }
        numbers += partialNumbers;
    }

    /** The aggregate's value, or null when it has none (a sum, average, minimum or maximum of nothing). */
    Object result() {
        return switch (function) {
            case COUNT -> BigDecimal.valueOf(rows);
            case COUNT_DISTINCT -> BigDecimal.valueOf(distinct == null ? 0 : distinct.size());
            case SUM -> sum;
            case AVG -> Values.divide(sum, BigDecimal.valueOf(numbers));
            case MIN, MAX -> extreme;
            case MEDIAN -> values == null ? null : Values.percentile(values, new BigDecimal("0.5"));
            case PERCENTILE -> throw new IllegalStateException("a percentile is computed with its fraction");
        };
    }
}
